// The engine on a real git history in one call: a base commit, a pull request's head, the analysis.
import { analyse, type Analysis } from '../src/analysis/analyse.js';
import { DEFAULT_POLICY_PATH } from '../src/analysis/settings.js';
import { TestRepo } from './git-repo.js';

/**
 * Commits `base` on main, `head` on a PR branch, and analyses the PR (policy file read at head).
 * `settings` are given as the action's inputs give them (`fail-on`, `manifests`), winning over the policy file.
 */
export async function analyseChange(
  base: Record<string, string | null>,
  head: Record<string, string | null>,
  settings: Record<string, unknown> = {},
): Promise<Analysis> {
  const repo = new TestRepo();
  try {
    const b = repo.commit(base, 'base');
    repo.branch('pr');
    const h = repo.commit(head, 'head');
    return await analyse({ repoDir: repo.dir, base: b, head: h, settings: { kind: 'input', values: settings }, policyPath: DEFAULT_POLICY_PATH });
  } finally {
    repo.remove();
  }
}

export function active(a: Analysis) {
  return a.active;
}

export function rulesOf(a: Analysis, which: 'active' | 'inherited' = 'active'): string[] {
  return a.findings
    .filter((f) => (which === 'active' ? !f.inherited : f.inherited))
    .map((f) => f.rule)
    .sort();
}
