// Tallies of shards read but not kept one by one (see ShardTally), and sums over a side that are
// the same whether its shards were kept or tallied.
import { UNITS, type Shard, type ShardSide, type ShardTally, type Unit } from './model.js';

export function newTally(): ShardTally {
  const zero = () => Object.fromEntries(UNITS.map((u) => [u, 0])) as Record<Unit, number>;
  return { count: 0, stating: zero(), amounts: zero(), synthetic: zero(), syntheticCount: 0, categories: new Map(), withCategories: 0 };
}

/** Adds a human or synthetic shard whose sizes and category counts are whole numbers (the caller checks: canTally). */
export function addToTally(t: ShardTally, s: Shard): void {
  t.count++;
  const synthetic = s.origin === 'synthetic';
  if (synthetic) t.syntheticCount++;
  const amounts = synthetic ? t.synthetic : t.amounts;
  for (const u of UNITS) {
    const v = s[u];
    if (v === undefined) continue;
    t.stating[u]++;
    amounts[u] += v;
  }
  if (s.categories) {
    t.withCategories++;
    for (const k in s.categories) t.categories.set(k, (t.categories.get(k) ?? 0) + s.categories[k]!);
  }
}

/** Takes out a shard added before; one without categories (their keys would stay behind at zero). */
export function removeFromTally(t: ShardTally, s: Shard): void {
  if (s.categories) throw new Error('a shard with categories cannot be taken out of a tally');
  t.count--;
  const synthetic = s.origin === 'synthetic';
  if (synthetic) t.syntheticCount--;
  const amounts = synthetic ? t.synthetic : t.amounts;
  for (const u of UNITS) {
    const v = s[u];
    if (v === undefined) continue;
    t.stating[u]--;
    amounts[u] -= v;
  }
}

export function mergeTallies(tallies: readonly (ShardTally | undefined)[]): ShardTally | undefined {
  const present = tallies.filter((t): t is ShardTally => t !== undefined && t.count > 0);
  if (present.length <= 1) return present[0];
  const merged = newTally();
  for (const t of present) {
    merged.count += t.count;
    merged.withCategories += t.withCategories;
    merged.syntheticCount += t.syntheticCount;
    for (const u of UNITS) {
      merged.stating[u] += t.stating[u];
      merged.amounts[u] += t.amounts[u];
      merged.synthetic[u] += t.synthetic[u];
    }
    for (const [k, v] of t.categories) merged.categories.set(k, (merged.categories.get(k) ?? 0) + v);
  }
  return merged;
}

/** How many shards a side holds, kept or tallied. */
export function shardCount(side: ShardSide | undefined): number {
  return side ? side.shards.length + (side.tally?.count ?? 0) : 0;
}

/** True when every shard of the side states `unit`. */
export function allState(side: ShardSide, unit: Unit): boolean {
  return side.shards.every((s) => s[unit] !== undefined) && (side.tally?.stating[unit] ?? 0) === (side.tally?.count ?? 0);
}

/**
 * A sum whose result does not depend on the order of its terms when they are whole numbers (exact
 * below 2^53): a tally's amounts and the same shards added one by one give the same total.
 */
export class OrderFreeSum {
  private whole = 0;
  private fraction = 0;

  add(v: number): void {
    if (Number.isInteger(v)) this.whole += v;
    else this.fraction += v;
  }

  get value(): number {
    return this.whole + this.fraction;
  }
}

/** Each category's total over the side, by category name (not by where it first appears: tallied shards have no place). */
export function categoryTotals(side: ShardSide | undefined): Map<string, number> {
  const sums = new Map<string, OrderFreeSum>();
  const add = (k: string, v: number) => {
    let sum = sums.get(k);
    if (!sum) sums.set(k, (sum = new OrderFreeSum()));
    sum.add(v);
  };
  for (const s of side?.shards ?? []) for (const [k, v] of Object.entries(s.categories ?? {})) add(k, v);
  for (const [k, v] of side?.tally?.categories ?? []) add(k, v);
  return new Map([...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, sum]) => [k, sum.value]));
}

/** Whether a shard's sums are exact in a tally: human or synthetic data, no mixture weight, whole-number sizes and counts. */
export function canTally(s: Shard): boolean {
  if ((s.origin !== 'human' && s.origin !== 'synthetic') || s.syntheticFraction !== undefined || s.weight !== undefined) return false;
  if (![s.rows, s.tokens, s.bytes].every((v) => v === undefined || Number.isSafeInteger(v))) return false;
  for (const k in s.categories) if (!Number.isSafeInteger(s.categories[k])) return false;
  return true;
}
