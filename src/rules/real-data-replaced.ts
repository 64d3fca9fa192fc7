// Mistake 4: real data swapped for synthetic data in the same change, instead of accumulated.
// Judged per dataset: real data leaving one dataset is not replaced by synthetic data added to another.
import type { DatasetDiff } from '../datasets.js';
import type { ShardChange } from '../diff.js';
import type { Rule, Finding } from './types.js';
import { finding, plural } from './types.js';
import { changesOf, formatAmount, formatShare, realLoss, shardList, syntheticGain } from './amounts.js';

const FIX = 'Keep the real shards and add the synthetic data beside them (accumulate, do not replace).';

export const realDataReplaced: Rule = {
  id: 'real-data-replaced',
  mistake: 4,
  check(change) {
    return change.datasets.flatMap((d) => (d.status === 'added' ? [] : d.kind === 'recipe' ? recipeShift(d) : replacements(d)));
  },
};

/** A human shard whose content is rewritten as synthetic or mixed data (not merely relabelled). */
const rewritten = (c: ShardChange) =>
  c.status === 'modified' && !c.relabelled && c.base?.origin === 'human' && (c.head?.origin === 'synthetic' || c.head?.origin === 'mixed');

function replacements(d: DatasetDiff): Finding[] {
  const findings: Finding[] = [];
  const all = changesOf(d);
  for (const m of d.manifests) {
    const flips = m.shards.filter(rewritten);
    if (flips.length === 0) continue;
    findings.push(finding({
      rule: 'real-data-replaced', severity: 'high', manifest: m.path, dataset: d.name, shards: flips.map((c) => c.head!.id), line: flips[0]!.head!.line,
      message: `${plural(flips.length, 'human shard')} rewritten as ${flips[0]!.head!.origin} data (origin and content changed): the real data is replaced`,
      fix: 'Restore the human shard and add the synthetic version as a new shard.',
    }));
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
    findings.push(finding({
      rule: 'real-data-replaced', severity: 'high', manifest: m.path, dataset: d.name, shards: losses.map((c) => (c.base ?? c.head)!.id),
      line: losses.find((c) => c.head)?.head?.line,
      ...(firstRemoved ? { baseLine: firstRemoved.base!.line, basePath: m.basePath ?? m.path } : {}),
      message: `${plural(losses.length, 'human shard')} ${what} (${formatAmount(amount, d.unit)}) while synthetic data was added to the same dataset (${shardList(added)})`,
      fix: FIX,
    }));
  }
  return findings;
}

/** In a recipe, shares are what counts: the real share of the mix falls while the synthetic share rises. */
function recipeShift(d: DatasetDiff): Finding[] {
  const share = (u: { real: number; synthetic: number; unknown: number }) => {
    const total = u.real + u.synthetic + u.unknown;
    return total > 0 ? { real: u.real / total, synthetic: u.synthetic / total } : { real: 0, synthetic: 0 };
  };
  const before = share(d.units.base);
  const after = share(d.units.head);
  if (!(after.real < before.real - 1e-9 && after.synthetic > before.synthetic + 1e-9)) return [];
  const m = d.manifests.find((x) => x.head) ?? d.manifests[0]!;
  return [finding({
    rule: 'real-data-replaced', severity: 'high', manifest: m.path, dataset: d.name,
    message: `the mix draws less on real sources (${formatShare(before.real)} → ${formatShare(after.real)}) and more on synthetic ones (${formatShare(before.synthetic)} → ${formatShare(after.synthetic)})`,
    fix: 'Keep the real sources at their share and add the synthetic ones beside them.',
  })];
}
