// The seven-line collapse-risk checklist (SPEC §0, §8): one line per mistake, with evidence.
import type { Config } from '../config.js';
import type { ManifestDiff } from '../diff.js';
import { distributionalMetrics } from '../rules/accuracy-only-evaluation.js';
import { formatAmount, formatShare } from '../rules/amounts.js';
import { RULES } from '../rules/index.js';
import { isRare } from '../rules/rare-data-dropped.js';
import { isNewData, isSyntheticLike } from '../rules/shard-changes.js';
import { daysBetween } from '../rules/stale-audit.js';
import type { ChangeSet, Finding, Mistake } from '../rules/types.js';
import { isWebScrape } from '../rules/web-scrape.js';

export type ChecklistStatus = 'pass' | 'fail' | 'not-applicable';

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

type Evidence = (ms: ManifestDiff[], config: Config) => string | undefined;

const newShards = (ms: ManifestDiff[]) => ms.flatMap((m) => m.shards.filter((c) => isNewData(c)).map((c) => c.head!));
const list = (parts: string[]) => (parts.length ? parts.join('; ') : undefined);

/** Evidence for a mistake that no finding fails, from the numbers of the diff; undefined = nothing to judge. */
const PASS_EVIDENCE: Record<Mistake, Evidence> = {
  1: (ms) => {
    const synthetic = newShards(ms).filter(isSyntheticLike).length;
    const shares = ms.filter((m) => m.head && m.share.head !== null)
      .map((m) => `${m.path}: synthetic share ${formatShare(m.share.base)} → ${formatShare(m.share.head)}`);
    return list([...shares, ...(synthetic ? [`${synthetic} new synthetic shard(s), all verified`] : [])]);
  },
  2: (ms, config) => {
    const web = newShards(ms).filter(isWebScrape).length;
    return web ? `${web} new web shard(s), each verified or collected by ${config.thresholds['contamination-cutoff']}` : undefined;
  },
  3: (ms) => list(ms.filter((m) => m.head?.evaluation?.metrics.length).map((m) => {
    const tracked = distributionalMetrics(m.head!.evaluation!.metrics);
    return tracked.length ? `${m.path} tracks ${tracked.join(', ')}` : `${m.path}: accuracy-type metrics only`;
  })),
  4: (ms) => {
    const real = ms.filter((m) => m.units.base.real > 0 || m.units.head.real > 0);
    const amounts = list(real.map((m) => `${m.path}: real ${formatAmount(m.units.base.real, m.unit)} → ${formatAmount(m.units.head.real, m.unit)}`));
    const kept = real.every((m) => m.units.head.real >= m.units.base.real);
    return amounts && (kept ? `real data kept (${amounts})` : amounts);
  },
  5: (ms) => {
    const rare = ms.flatMap((m) => m.shards.filter((c) => c.base && isRare(c.base))).length;
    const categories = ms.some((m) => m.base?.shards.some((s) => s.categories) || m.unit === 'weight');
    if (!rare && !categories) return undefined;
    return [rare ? `${rare} rare-tagged shard(s) kept` : '', categories ? 'no category or mixture source lost' : ''].filter(Boolean).join('; ');
  },
  6: (ms) => {
    const n = newShards(ms).length;
    return n ? `${n} added or modified shard(s), all with provenance` : undefined;
  },
  7: (ms, config) => list(ms.filter((m) => m.head?.audit?.last)
    .map((m) => `${m.path}: audited ${m.head!.audit!.last} (${daysBetween(m.head!.audit!.last!, config.today)} days ago)`)),
};

export function buildChecklist(change: ChangeSet, findings: Finding[], config: Config): ChecklistItem[] {
  const changed = change.manifests;
  return ([1, 2, 3, 4, 5, 6, 7] as Mistake[]).map((mistake) => {
    const title = MISTAKE_TITLES[mistake];
    const rules = RULES.filter((r) => r.mistake === mistake && config.rules[r.id] !== 'off').map((r) => r.id);
    if (rules.length === 0) return { mistake, title, status: 'not-applicable', evidence: 'turned off by the policy file' };
    const failing = findings.filter((f) => rules.includes(f.rule) && !f.inherited && !f.waived && f.severity !== 'info');
    if (failing.length > 0) {
      const first = failing[0]!;
      const more = failing.length > 1 ? ` (+${failing.length - 1} more)` : '';
      return { mistake, title, status: 'fail', evidence: `${first.manifest}${first.shard ? ` › ${first.shard}` : ''}: ${first.message}${more}` };
    }
    const waived = findings.filter((f) => rules.includes(f.rule) && f.waived).length;
    const evidence = changed.length ? PASS_EVIDENCE[mistake](changed, config) : undefined;
    const note = waived ? ` (${waived} waived)` : '';
    if (evidence) return { mistake, title, status: 'pass', evidence: evidence + note };
    return { mistake, title, status: 'not-applicable', evidence: (changed.length ? 'nothing in this change concerns it' : 'no manifest changed') + note };
  });
}
