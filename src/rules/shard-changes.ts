// Which shard changes bring new data under review: added shards, and modified ones whose content
// or the facts a rule looks at changed. Unchanged and renamed shards are the base's business.
import type { ShardChange } from '../diff.js';
import type { Shard } from '../manifest/model.js';

const CONTENT = ['hash', 'rows', 'tokens', 'bytes', 'weight', 'origin', 'syntheticFraction'];

/** True when the change adds data, or changes its content or any of `facts`. */
export function isNewData(c: ShardChange, facts: readonly string[] = []): boolean {
  if (c.status === 'added') return true;
  return c.status === 'modified' && c.changed.some((f) => CONTENT.includes(f) || facts.includes(f));
}

export function isSyntheticLike(s: Shard): boolean {
  return s.origin === 'synthetic' || (s.origin === 'mixed' && (s.syntheticFraction ?? 1) > 0);
}
