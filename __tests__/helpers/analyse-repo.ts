import { analyse, type Analysis } from '../../src/analyse.js';
import { DEFAULT_POLICY_PATH, type Config } from '../../src/config.js';
import { TestRepo } from './git-repo.js';

/** Commits `base` on main, `head` on a PR branch, and analyses the PR (policy file read at head). */
export async function analyseChange(
  base: Record<string, string | null>,
  head: Record<string, string | null>,
  config: Partial<Config> = {},
): Promise<Analysis> {
  const repo = new TestRepo();
  try {
    const b = repo.commit(base, 'base');
    repo.branch('pr');
    const h = repo.commit(head, 'head');
    return await analyse({ repoDir: repo.dir, base: b, head: h, config, policyPath: DEFAULT_POLICY_PATH });
  } finally {
    repo.remove();
  }
}

export function active(a: Analysis) {
  return a.findings.filter((f) => !f.inherited && !f.waived);
}

export function rulesOf(a: Analysis, which: 'active' | 'inherited' = 'active'): string[] {
  return a.findings.filter((f) => (which === 'active' ? !f.inherited : f.inherited)).map((f) => f.rule).sort();
}
