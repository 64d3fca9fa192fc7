// Which shard changes bring new data under review: added shards, and modified ones whose content
// or the facts a rule looks at changed. Unchanged and renamed shards are the base's business, and
// so is a shard that only shrank (a file of a source leaving a mix brings nothing new).
import type { ShardChange } from '../diff/shards.js';
import type { Shard } from '../formats/model.js';

const SIZES = ['rows', 'tokens', 'bytes', 'weight'] as const;
const CONTENT = ['hash', 'origin', 'syntheticFraction'];

/** True when the change adds data, or changes its content or any of `facts`. */
export function isNewData(c: ShardChange, facts: readonly string[] = []): boolean {
  if (c.status === 'added') return true;
  if (c.status !== 'modified') return false;
  if (c.changed.some((f) => CONTENT.includes(f) || facts.includes(f))) return true;
  return SIZES.some((k) => c.changed.includes(k) && (c.head![k] ?? 0) > (c.base![k] ?? 0));
}

export function isSyntheticLike(s: Shard): boolean {
  return s.origin === 'synthetic' || (s.origin === 'mixed' && (s.syntheticFraction ?? 1) > 0);
}
