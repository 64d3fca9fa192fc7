// Per-shard amounts for the rules: how much real or synthetic data a shard change adds or takes away.
import type { ManifestDiff, ShardChange } from '../diff.js';
import type { Shard } from '../manifest/model.js';
import { amountOf, splitByOrigin, type AmountUnit, type Units } from '../units.js';

export function shardUnits(shard: Shard | undefined, unit: AmountUnit): Units {
  return shard ? splitByOrigin(shard, amountOf(shard, unit)) : { real: 0, synthetic: 0, unknown: 0 };
}

/** Real units this change takes away (positive) or adds (negative). */
export function realLoss(change: ShardChange, unit: AmountUnit): number {
  return shardUnits(change.base, unit).real - shardUnits(change.head, unit).real;
}

/** Synthetic units this change adds (positive) or takes away (negative). */
export function syntheticGain(change: ShardChange, unit: AmountUnit): number {
  return shardUnits(change.head, unit).synthetic - shardUnits(change.base, unit).synthetic;
}

export function baseReal(m: ManifestDiff): number {
  return m.units.base.real;
}

export function formatAmount(n: number, unit: AmountUnit): string {
  const digits = unit === 'weight' ? 4 : 0;
  const text = Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: digits || 1 });
  return `${text} ${unit === 'weight' ? 'weight' : unit}`;
}

export function formatShare(share: number | null): string {
  return share === null ? 'unknown' : `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)} %`;
}

/** A short list of shard ids: the first few and how many more. */
export function shardList(ids: string[], max = 3): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}
