// Per-shard amounts for the rules: how much real, synthetic or unknown data a shard change adds or
// takes away. A relabelled shard (origin recorded or corrected, content unchanged) moves no data.
import type { DatasetDiff } from '../diff/datasets.js';
import type { ManifestDiff, ShardChange } from '../diff/shards.js';
import type { Shard } from '../formats/model.js';
import { amountOf, splitByOrigin, type AmountUnit, type Units } from '../formats/units.js';

export function shardUnits(shard: Shard | undefined, unit: AmountUnit): Units {
  return shard ? splitByOrigin(shard, amountOf(shard, unit)) : { real: 0, synthetic: 0, unknown: 0 };
}

/** Units of each origin this change takes away (positive) or adds (negative); zero for a relabel. */
export function unitsLost(change: ShardChange, unit: AmountUnit): Units {
  if (change.relabelled) return { real: 0, synthetic: 0, unknown: 0 };
  const before = shardUnits(change.base, unit);
  const after = shardUnits(change.head, unit);
  return { real: before.real - after.real, synthetic: before.synthetic - after.synthetic, unknown: before.unknown - after.unknown };
}

/** Real units this change takes away (positive) or adds (negative). */
export function realLoss(change: ShardChange, unit: AmountUnit): number {
  return unitsLost(change, unit).real;
}

/** Synthetic units this change adds (positive) or takes away (negative). */
export function syntheticGain(change: ShardChange, unit: AmountUnit): number {
  return -unitsLost(change, unit).synthetic;
}

/** Every shard change of a dataset, with the manifest it is in. */
export function changesOf(d: DatasetDiff): { m: ManifestDiff; c: ShardChange }[] {
  return d.manifests.flatMap((m) => m.shards.map((c) => ({ m, c })));
}

const SCALE = ['', ' k', ' M', ' B', ' T'];

/** An amount as people read it: 45.3 B tokens, 5.3 k rows, 800 rows, 0.25 weight. */
export function formatAmount(n: number, unit: AmountUnit): string {
  if (unit === 'weight') return `${trim(n.toFixed(4))} weight`;
  let i = 0;
  let v = Math.abs(n);
  while (v >= 1_000 && i < SCALE.length - 1) {
    v /= 1000;
    i++;
  }
  const text = i === 0 ? Math.round(Math.abs(n)).toLocaleString('en-US') : trim(v.toFixed(1));
  return `${n < 0 ? '−' : ''}${text}${SCALE[i]} ${unit}`;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function formatShare(share: number | null): string {
  return share === null ? 'unknown' : `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)} %`;
}

/** A short list of shard ids: the first few and how many more. */
export function shardList(ids: readonly string[], max = 3): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
