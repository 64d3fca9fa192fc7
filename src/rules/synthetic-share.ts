// Mistake 1: synthetic data counted as if it were real; a dataset's synthetic share must stay well
// below half. Judged on the dataset, over all its manifests. A dataset new in this change, or a
// share that rises only because origins were recorded, is surfaced but never graded above medium:
// nothing real was displaced, and labelling data must never be what fails a check.
import { lowerSeverity, severityRank, type Severity } from './severity.js';
import type { DatasetDiff } from '../diff/datasets.js';
import { isSyntheticLike } from './shard-changes.js';
import { isVerified } from './web-scrape.js';
import { defineRule, fraction } from './types.js';
import { changesOf, formatShare, shardUnits } from './amounts.js';
import { syntheticShare as shareOf, type Units } from '../formats/units.js';

const FIX = "Add real data to keep the synthetic share below the limit, or discount the synthetic shards' weight.";

export const syntheticShare = defineRule({
  meta: {
    id: 'synthetic-share',
    mistake: 1,
    summary: 'The change raises the synthetic share of a dataset.',
    severity: 'medium',
    thresholds: {
      'synthetic-share-warn': fraction(0.33, 'a rise to at least this synthetic share is medium; a rise that stays below it is info'),
      'synthetic-share-high': fraction(0.5, 'a rise to at least this share is high'),
      'real-share-critical': fraction(0.1, 'a rise that leaves real data below this share is critical'),
    },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds: t, report }) {
    for (const d of change.datasets) {
      const head = d.share.head;
      if (head === null || d.status === 'deleted') continue;
      const base = d.share.base ?? 0;
      const m = mainManifest(d);
      const whose = d.key.startsWith('file:') ? '' : ` of dataset ${d.name}`;
      const from = d.status === 'added' ? '(new in this change)' : `${formatShare(d.share.base)} →`;
      const text = `synthetic share${whose} ${from} ${formatShare(head)} (by ${d.unit})`;
      if (head <= base + 1e-9) {
        if (head >= t['synthetic-share-warn']) {
          report({
            severity: 'info',
            manifest: m.path,
            dataset: d.name,
            inherited: true,
            message: `${text}: already at or above ${formatShare(t['synthetic-share-warn'])} on the base`,
            fix: FIX,
          });
        }
        continue;
      }
      let severity: Severity = 'info';
      // Real data below its floor even if every unknown unit were real: synthetic ≥ 1 − floor.
      if (head > 1 - t['real-share-critical']) severity = 'critical';
      else if (head >= t['synthetic-share-high']) severity = 'high';
      else if (head >= t['synthetic-share-warn']) severity = 'medium';
      const notes: string[] = [];
      // Verified synthetic data is discounted one level (SPEC §6).
      // Tallied synthetic shards are verified (see plain-shards.ts): only the kept ones need a look.
      const synthetic = d.data.head.shards.filter(isSyntheticLike);
      const any = synthetic.length > 0 || (d.data.head.tally?.syntheticCount ?? 0) > 0;
      if (severity !== 'info' && any && synthetic.every((s) => isVerified(s.verified) || isVerified(s.generator?.verified))) {
        severity = lowerSeverity(severity);
        notes.push('all synthetic shards verified, so one level lower');
      }
      const labelled = d.status !== 'added' && (shareOf(unlabelledHead(d)) ?? 0) <= base + 1e-9;
      // A recipe that kept none of its sources is a different mix, judged on its own composition.
      const replaced = d.kind === 'recipe' && d.status === 'modified' && changesOf(d).every(({ c }) => c.status === 'added' || c.status === 'removed');
      const why =
        d.status === 'added'
          ? 'a new dataset, so medium at most: nothing real was displaced'
          : replaced
            ? 'every source of the mix is replaced: a different mix, judged on its own composition, so medium at most'
            : labelled
              ? 'the rise comes from origins recorded in this change, not from new data, so medium at most'
              : // Without sizes the share is a count of entries, too rough to fail a check on.
                d.unit === 'shards'
                ? 'counted in shards, as no size is stated, so medium at most'
                : undefined;
      if (why && severityRank(severity) > severityRank('medium')) {
        severity = 'medium';
        notes.push(why);
      }
      report({ severity, manifest: m.path, dataset: d.name, message: `${text}${notes.length ? `; ${notes.join('; ')}` : ''}`, fix: FIX });
    }
  },
});

/** The dataset's head amounts as if the origins recorded by this change had not been: only new data counts. */
function unlabelledHead(d: DatasetDiff): Units {
  const u = { ...d.units.head };
  for (const { c } of changesOf(d)) {
    if (!c.relabelled || !c.head || !c.base) continue;
    const now = shardUnits(c.head, d.unit);
    const before = shardUnits({ ...c.head, origin: c.base.origin, syntheticFraction: c.base.syntheticFraction }, d.unit);
    u.real += before.real - now.real;
    u.synthetic += before.synthetic - now.synthetic;
    u.unknown += before.unknown - now.unknown;
  }
  return u;
}

/** The manifest a dataset-level finding points at: the one whose synthetic data grew most. */
function mainManifest(d: DatasetDiff) {
  let best = d.manifests.find((m) => m.head) ?? d.manifests[0]!;
  let most = -Infinity;
  for (const m of d.manifests) {
    if (!m.head) continue;
    const gain = m.units.head.synthetic - m.units.base.synthetic;
    if (gain > most) [best, most] = [m, gain];
  }
  return best;
}
