// The seven-line collapse-risk checklist (SPEC §0, §8): one line per mistake, with evidence, true
// as written: a problem that is waived says so, and nothing waived is called fine or verified.
import type { Settings } from './settings.js';
import type { ChangeSet } from '../diff/change.js';
import type { DatasetDiff } from '../diff/datasets.js';
import { distributionalMetrics } from '../rules/accuracy-only-evaluation.js';
import { formatAmount, formatShare } from '../rules/amounts.js';
import { ALL_RULES } from '../rules/index.js';
import { isRare } from '../rules/rare-data-dropped.js';
import { isNewData, isSyntheticLike } from '../rules/shard-changes.js';
import { daysBetween } from '../rules/stale-audit.js';
import { plural, type Finding, type Mistake } from '../rules/types.js';
import { isWebScrape } from '../rules/web-scrape.js';

export type ChecklistStatus = 'pass' | 'fail' | 'waived' | 'not-applicable';

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

type Evidence = (change: ChangeSet, settings: Settings, today: string) => string | undefined;

const newShards = (c: ChangeSet) => c.manifests.flatMap((m) => m.shards.filter((x) => isNewData(x)).map((x) => x.head!));
const list = (parts: string[]) => (parts.length ? parts.join('; ') : undefined);
const named = (d: DatasetDiff) => (d.manifests.length === 1 && d.name === d.manifests[0]!.path ? d.name : `dataset ${d.name}`);

/**
 * What the numbers show for a mistake no active or waived finding concerns; undefined when the
 * change holds nothing to judge it by.
 */
const PASS_EVIDENCE: Record<Mistake, Evidence> = {
  1: (c) => {
    const synthetic = newShards(c).filter(isSyntheticLike).length;
    const shares = c.datasets
      .filter((d) => d.share.head !== null)
      .map((d) => `${named(d)}: synthetic share ${d.status === 'added' ? 'new,' : `${formatShare(d.share.base)} →`} ${formatShare(d.share.head)}`);
    return list([...shares, ...(synthetic ? [`${plural(synthetic, 'new synthetic shard')}, verified`] : [])]);
  },
  2: (c, settings) => {
    const web = newShards(c).filter(isWebScrape).length;
    return web ? `${plural(web, 'new web shard')}, each verified or collected by ${settings.thresholds['contamination-cutoff']}` : undefined;
  },
  3: (c) =>
    list(
      c.manifests
        .filter((m) => m.head?.evaluation?.metrics.length)
        .map((m) => {
          const tracked = distributionalMetrics(m.head!.evaluation!.metrics);
          return tracked.length ? `${m.path} tracks ${tracked.join(', ')}` : `${m.path}: accuracy-type metrics only`;
        }),
    ),
  4: (c) => {
    const real = c.datasets.filter((d) => d.kind === 'inventory' && (d.units.base.real > 0 || d.units.head.real > 0));
    const amounts = list(real.map((d) => `${named(d)}: real ${formatAmount(d.units.base.real, d.unit)} → ${formatAmount(d.units.head.real, d.unit)}`));
    return amounts && (real.every((d) => d.units.head.real >= d.units.base.real) ? `real data kept (${amounts})` : amounts);
  },
  5: (c) => {
    const rare = c.manifests.flatMap((m) => m.shards.filter((x) => x.base && isRare(x.base))).length;
    const categories = c.datasets.some(
      (d) => d.status === 'modified' && (d.data.base.shards.some((s) => s.categories) || (d.data.base.tally?.withCategories ?? 0) > 0 || d.unit === 'weight'),
    );
    if (!rare && !categories) return undefined;
    return [rare ? `${plural(rare, 'rare-tagged shard')} kept` : '', categories ? 'no category or mixture source lost' : ''].filter(Boolean).join('; ');
  },
  6: (c) => {
    const n = newShards(c).length;
    return n ? `${plural(n, 'added or modified shard')}, each with the provenance its format can state` : undefined;
  },
  7: (c, _settings, today) =>
    list(
      c.datasets
        .filter((d) => d.lastAudit && d.status !== 'deleted')
        .map((d) => `${named(d)}: audited ${d.lastAudit} (${daysBetween(d.lastAudit!, today)} days ago)`),
    ),
};

export function buildChecklist(change: ChangeSet, findings: Finding[], settings: Settings, today: string): ChecklistItem[] {
  return ([1, 2, 3, 4, 5, 6, 7] as Mistake[]).map((mistake) => {
    const title = MISTAKE_TITLES[mistake];
    const rules: string[] = ALL_RULES.filter((r) => r.meta.mistake === mistake && settings.rules[r.meta.id as keyof Settings['rules']] !== 'off').map(
      (r) => r.meta.id,
    );
    if (rules.length === 0) return { mistake, title, status: 'not-applicable', evidence: 'turned off by the policy file' };
    const concerned = findings.filter((f) => rules.includes(f.rule) && !f.inherited && f.severity !== 'info');
    const failing = concerned.filter((f) => !f.waived);
    const waived = concerned.filter((f) => f.waived || f.waivedShards?.length);
    const waivedNote = waived.length ? `; ${plural(waived.length, 'finding')} waived by the policy file` : '';
    if (failing.length > 0) {
      const first = failing[0]!;
      // Which manifest, when the change has several; what else, by rule.
      const where = [change.manifests.length > 1 ? first.manifest : '', first.shard ?? ''].filter(Boolean).join(' › ');
      const others = failing.slice(1);
      const rulesOf = [...new Set(others.map((f) => f.rule))];
      const more = others.length ? ` (+${plural(others.length, 'more finding')}: ${rulesOf.slice(0, 3).join(', ')}${rulesOf.length > 3 ? ', …' : ''})` : '';
      return { mistake, title, status: 'fail', evidence: `${where ? `${where}: ` : ''}${first.message}${more}${waivedNote}` };
    }
    if (waived.length > 0) {
      const first = waived[0]!;
      return {
        mistake,
        title,
        status: 'waived',
        evidence:
          `problem waived by the policy file until ${first.waiver?.expires ?? '?'} (${first.waiver?.reason ?? 'no reason'}): ` +
          `${first.manifest}: ${first.message}` +
          (waived.length > 1 ? ` (+${waived.length - 1} more waived)` : ''),
      };
    }
    const evidence = change.manifests.length ? PASS_EVIDENCE[mistake](change, settings, today) : undefined;
    if (evidence) return { mistake, title, status: 'pass', evidence };
    const nothing = change.manifests.length
      ? 'nothing in this change concerns it'
      : change.problems.some((p) => p.side === 'head')
        ? 'not judged: the changed manifests could not be read'
        : 'no manifest changed';
    return { mistake, title, status: 'not-applicable', evidence: nothing };
  });
}
