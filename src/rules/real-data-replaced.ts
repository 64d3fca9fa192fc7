// Mistake 4: real data swapped for synthetic data in the same change, instead of accumulated.
// Judged per dataset: real data leaving one dataset is not replaced by synthetic data added to another.
import type { DatasetDiff } from '../diff/datasets.js';
import type { ShardChange } from '../diff/shards.js';
import { defineRule, plural, type Report } from './types.js';
import { formatNamed } from '../formats/index.js';
import { changesOf, formatAmount, formatShare, realLoss, shardList, shardUnits, syntheticGain } from './amounts.js';
import { addUnits, ZERO_UNITS, type Units } from '../formats/units.js';

const FIX = 'Keep the real shards and add the synthetic data beside them (accumulate, do not replace).';

export const realDataReplaced = defineRule({
  meta: {
    id: 'real-data-replaced',
    mistake: 4,
    summary: 'Real (human) data is replaced by synthetic data instead of being kept beside it.',
    severity: 'high',
    thresholds: {},
    waivable: 'any',
    adjustable: true,
  },
  check({ change, report }) {
    for (const d of change.datasets) {
      if (d.status !== 'added') (d.kind === 'recipe' ? recipeShift(d) : replacements(d)).forEach(report);
    }
  },
});

/** A human shard whose content is rewritten as synthetic or mixed data (not merely relabelled). */
const rewritten = (c: ShardChange) =>
  c.status === 'modified' && !c.relabelled && c.base?.origin === 'human' && (c.head?.origin === 'synthetic' || c.head?.origin === 'mixed');

function replacements(d: DatasetDiff): Report[] {
  const findings: Report[] = [];
  const all = changesOf(d);
  for (const m of d.manifests) {
    const flips = m.shards.filter(rewritten);
    if (flips.length === 0) continue;
    findings.push({
      severity: 'high',
      manifest: m.path,
      dataset: d.name,
      shards: flips.map((c) => c.head!.id),
      line: flips[0]!.head!.line,
      message: `${plural(flips.length, 'human shard')} rewritten as ${flips[0]!.head!.origin} data (origin and content changed): the real data is replaced`,
      fix: 'Restore the human shard and add the synthetic version as a new shard.',
    });
  }
  // Otherwise: the dataset's real units shrink while its synthetic units grow.
  const others = all.filter(({ c }) => !rewritten(c));
  const lost = others.reduce((sum, { c }) => sum + realLoss(c, d.unit), 0);
  const gains = others.filter(({ c }) => syntheticGain(c, d.unit) > 0);
  if (lost <= 1e-12 || gains.length === 0) return findings;
  const added = gains.map(({ c }) => c.head!.id);
  for (const m of d.manifests) {
    const losses = m.shards.filter((c) => !rewritten(c) && realLoss(c, d.unit) > 0);
    if (losses.length === 0) continue;
    const amount = losses.reduce((sum, c) => sum + realLoss(c, d.unit), 0);
    const removed = losses.filter((c) => c.status === 'removed').length;
    const what = removed === losses.length ? 'removed' : removed === 0 ? 'reduced' : 'removed or reduced';
    const firstRemoved = losses.find((c) => c.status === 'removed');
    findings.push({
      severity: 'high',
      manifest: m.path,
      dataset: d.name,
      shards: losses.map((c) => (c.base ?? c.head)!.id),
      line: losses.find((c) => c.head)?.head?.line,
      ...(firstRemoved ? { baseLine: firstRemoved.base!.line, basePath: m.basePath ?? m.path } : {}),
      message:
        `${plural(losses.length, 'human shard')} ${what} (${formatAmount(amount, d.unit)}) ` +
        `while synthetic data was added to the same dataset (${shardList(added)})`,
      fix: FIX,
    });
  }
  return findings;
}

/**
 * In a recipe, shares are what counts: real sources cut while the synthetic share rises (high).
 * Sources of unknown origin cut while it rises may be real data replaced: medium, saying so, as for
 * unknown data removed from an inventory. "Cut" is measured without the sources the change adds,
 * so a mix that only grows, diluting what it had, replaces nothing (accumulation is the cure).
 */
function recipeShift(d: DatasetDiff): Report[] {
  const total = (u: Units) => u.real + u.synthetic + u.unknown;
  const addedUnits = changesOf(d)
    .filter(({ c }) => c.status === 'added')
    .reduce((u, { c }) => addUnits(u, shardUnits(c.head, d.unit)), { ...ZERO_UNITS });
  const kept = {
    real: d.units.head.real - addedUnits.real,
    synthetic: d.units.head.synthetic - addedUnits.synthetic,
    unknown: d.units.head.unknown - addedUnits.unknown,
  };
  const [b, h, k] = [total(d.units.base), total(d.units.head), total(kept)];
  if (b <= 0 || h <= 0) return [];
  const synthetic = { before: d.units.base.synthetic / b, after: d.units.head.synthetic / h };
  // Shares move a little with every edit of a mix: a rise under 0.1 point, a cut under 1 % of what
  // a share was, is not a shift.
  if (!(synthetic.after > synthetic.before + 0.001)) return [];
  // Weights that are shares of the mix (nanotron, Megatron): a source is cut when its share among the
  // kept sources falls. Weights that count data (files, tokens): when its amount falls.
  const shares = d.unit === 'weight' && d.manifests.every((m) => formatNamed(m.format)?.weights === 'shares');
  const cut = (o: 'real' | 'unknown') => {
    const less = shares ? k > 0 && kept[o] / k < (d.units.base[o] / b) * 0.99 : kept[o] < d.units.base[o] * 0.99;
    return less ? { before: d.units.base[o] / b, after: d.units.head[o] / h } : undefined;
  };
  const m = d.manifests.find((x) => x.head) ?? d.manifests[0]!;
  const rises = `the synthetic share rises (${formatShare(synthetic.before)} → ${formatShare(synthetic.after)})`;
  const real = cut('real');
  if (real) {
    return [
      {
        severity: 'high',
        manifest: m.path,
        dataset: d.name,
        message: `the mix draws less on real sources (${formatShare(real.before)} → ${formatShare(real.after)}) while ${rises}`,
        fix: 'Keep the real sources at their share and add the synthetic ones beside them.',
      },
    ];
  }
  const unknown = cut('unknown');
  if (unknown && unknown.before - unknown.after > 0.05) {
    return [
      {
        severity: 'medium',
        manifest: m.path,
        dataset: d.name,
        message:
          `sources of unknown origin give way to synthetic ones (their share ${formatShare(unknown.before)} → ${formatShare(unknown.after)}) ` +
          `while ${rises}; if they are real data, it is replaced`,
        fix: "State the origin of the sources in the policy file's `provenance` map, and keep real sources at their share.",
      },
    ];
  }
  return [];
}
