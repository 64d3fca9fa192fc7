// The provenance facts a policy can require of every shard (`required-provenance`).
import type { Shard } from './model.js';

/** How each name in `required-provenance` is read from a shard. */
const FIELDS: Record<string, (s: Shard) => unknown> = {
  origin: (s) => (s.origin === 'unknown' ? undefined : s.origin),
  source: (s) => s.source,
  license: (s) => s.license,
  collected: (s) => s.collected,
  hash: (s) => s.hash,
  verified: (s) => s.verified ?? s.generator?.verified,
  'generator.model': (s) => s.generator?.model,
};

export const PROVENANCE_FIELDS = Object.keys(FIELDS);

/** The required fields a shard lacks; synthetic shards also need `generator.model`. */
export function missingFields(shard: Shard, required: readonly string[]): string[] {
  const fields = shard.origin === 'synthetic' && !required.includes('generator.model') ? [...required, 'generator.model'] : required;
  return fields.filter((f) => {
    const v = FIELDS[f]?.(shard);
    return v === undefined || v === '';
  });
}

/** True when the shard has every required field (as missingFields, without building a list: it runs once per shard). */
export function hasAllFields(shard: Shard, required: readonly string[]): boolean {
  if (shard.origin === 'synthetic') return missingFields(shard, required).length === 0;
  for (const f of required) {
    const v = FIELDS[f]?.(shard);
    if (v === undefined || v === '') return false;
  }
  return true;
}
