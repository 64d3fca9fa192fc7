// The seven-line collapse-risk checklist (SPEC §0, §8): one line per mistake, with evidence.
import type { ManifestDiff } from '../diff.js';
import { isRare } from '../rules/rare-data-dropped.js';
import { RULES } from '../rules/index.js';
import type { ChangeSet, Finding, Mistake } from '../rules/types.js';
import { formatAmount, formatShare } from '../rules/amounts.js';

export type ChecklistStatus = 'pass' | 'fail' | 'not-applicable' | 'not-checked';

export interface ChecklistItem {
  mistake: Mistake;
  title: string;
  status: ChecklistStatus;
  evidence: string;
}

export const MISTAKE_TITLES: Record<Mistake, string> = {
  1: 'Synthetic data counted as real data',
  2: 'Scraping without checking provenance',
  3: 'Measuring only task accuracy',
  4: 'Replacing real data instead of accumulating it',
  5: 'Discarding rare cases as noise',
  6: 'No provenance tracking',
  7: '"It can\'t happen to us": no periodic audit',
};

/** Evidence for a mistake that no finding fails, from the numbers of the diff. */
const PASS_EVIDENCE: Partial<Record<Mistake, (ms: ManifestDiff[]) => string | undefined>> = {
  1: (ms) => {
    const parts = ms.filter((m) => m.head && m.share.head !== null)
      .map((m) => `${m.path}: synthetic share ${formatShare(m.share.base)} → ${formatShare(m.share.head)}`);
    return parts.length ? parts.join('; ') : undefined;
  },
  4: (ms) => {
    const parts = ms.filter((m) => m.units.base.real > 0 || m.units.head.real > 0)
      .map((m) => `${m.path}: real ${formatAmount(m.units.base.real, m.unit)} → ${formatAmount(m.units.head.real, m.unit)}`);
    return parts.length ? `real data kept (${parts.join('; ')})` : undefined;
  },
  5: (ms) => {
    const rare = ms.flatMap((m) => m.shards.filter((c) => c.base && isRare(c.base)));
    return rare.length ? `${rare.length} rare-tagged shard(s), all kept` : undefined;
  },
  6: (ms) => {
    const touched = ms.flatMap((m) => m.shards.filter((c) => c.status === 'added' || c.status === 'modified'));
    return touched.length ? `${touched.length} added or modified shard(s), all with provenance` : undefined;
  },
};

export function buildChecklist(change: ChangeSet, findings: Finding[]): ChecklistItem[] {
  const changed = change.manifests.filter((m) => m.status !== 'unchanged');
  return ([1, 2, 3, 4, 5, 6, 7] as Mistake[]).map((mistake) => {
    const title = MISTAKE_TITLES[mistake];
    const rules = RULES.filter((r) => r.mistake === mistake).map((r) => r.id);
    if (rules.length === 0) return { mistake, title, status: 'not-checked', evidence: 'not checked yet' };
    const failing = findings.filter((f) => rules.includes(f.rule) && !f.inherited && !f.waived && f.severity !== 'info');
    if (failing.length > 0) {
      const first = failing[0]!;
      const more = failing.length > 1 ? ` (+${failing.length - 1} more)` : '';
      return { mistake, title, status: 'fail', evidence: `${first.manifest}${first.shard ? ` › ${first.shard}` : ''}: ${first.message}${more}` };
    }
    const evidence = changed.length ? PASS_EVIDENCE[mistake]?.(changed) : undefined;
    return evidence
      ? { mistake, title, status: 'pass', evidence }
      : { mistake, title, status: 'not-applicable', evidence: changed.length ? 'nothing in this change concerns it' : 'no manifest changed' };
  });
}
