// Amounts of real and synthetic data, in the best unit both sides of a comparison share (SPEC §5).
import { UNITS, type Shard, type ShardSide, type Unit } from './model.js';
import { allState, OrderFreeSum, shardCount } from './tally.js';

/** `shards` counts each shard as one unit: the fallback when no size unit is shared. */
export type AmountUnit = Unit | 'shards';

export interface Units {
  real: number;
  synthetic: number;
  unknown: number;
}

export const ZERO_UNITS: Units = { real: 0, synthetic: 0, unknown: 0 };

/** The first unit (weight > tokens > rows > bytes) that every shard on every side has. */
export function chooseUnit(sides: readonly ShardSide[], candidates: readonly Unit[] = UNITS): AmountUnit {
  if (sides.every((side) => shardCount(side) === 0)) return 'rows';
  return candidates.find((u) => sides.every((side) => allState(side, u))) ?? 'shards';
}

/**
 * A shard's amount in `unit`. Weights stay as written: shares are ratios, so mixtures whose
 * weights do not sum to 1 compare correctly without normalising.
 */
export function amountOf(shard: Shard, unit: AmountUnit): number {
  return unit === 'shards' ? 1 : (shard[unit] ?? 0);
}

/** Splits a shard's amount into real, synthetic and unknown (mixed shards by `synthetic_fraction`). */
export function splitByOrigin(shard: Shard, amount: number): Units {
  switch (shard.origin) {
    case 'human':
      return { real: amount, synthetic: 0, unknown: 0 };
    case 'synthetic':
      return { real: 0, synthetic: amount, unknown: 0 };
    case 'mixed':
      if (shard.syntheticFraction === undefined) return { real: 0, synthetic: 0, unknown: amount };
      return { real: amount * (1 - shard.syntheticFraction), synthetic: amount * shard.syntheticFraction, unknown: 0 };
    default:
      return { real: 0, synthetic: 0, unknown: amount };
  }
}

/** A side's amounts by origin; tallied shards are human or synthetic data. */
export function sumUnits(side: ShardSide, unit: AmountUnit): Units {
  const real = new OrderFreeSum();
  const synthetic = new OrderFreeSum();
  const unknown = new OrderFreeSum();
  for (const s of side.shards) {
    const u = splitByOrigin(s, amountOf(s, unit));
    real.add(u.real);
    synthetic.add(u.synthetic);
    unknown.add(u.unknown);
  }
  if (side.tally) {
    const t = side.tally;
    real.add(unit === 'shards' ? t.count - t.syntheticCount : t.amounts[unit]);
    synthetic.add(unit === 'shards' ? t.syntheticCount : t.synthetic[unit]);
  }
  return { real: real.value, synthetic: synthetic.value, unknown: unknown.value };
}

export function addUnits(into: Units, more: Units): Units {
  into.real += more.real;
  into.synthetic += more.synthetic;
  into.unknown += more.unknown;
  return into;
}

/**
 * Synthetic share of all the data, data of unknown origin included: unknown data may be
 * anything, so it is not counted as real. Null when there is no data.
 */
export function syntheticShare(u: Units): number | null {
  const total = u.real + u.synthetic + u.unknown;
  return total > 0 ? u.synthetic / total : null;
}
