// Mistake 6: data without provenance; without a human/synthetic field nothing else can be checked.
import type { ShardChange } from '../diff.js';
import { missingFields } from '../manifest/provenance-fields.js';
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';

/** New data: an added shard, or a modified one whose content or provenance got worse. */
function isNewGap(c: ShardChange, missing: string[], required: readonly string[]): boolean {
  if (c.status === 'added') return true;
  if (c.status !== 'modified' || !c.base) return false;
  const before = new Set(missingFields(c.base, required));
  const contentChanged = c.changed.some((f) => ['hash', 'rows', 'tokens', 'bytes', 'origin'].includes(f));
  return contentChanged || missing.some((f) => !before.has(f));
}

export const missingProvenance: Rule = {
  id: 'missing-provenance',
  mistake: 6,
  check(change, config) {
    const required = config.requiredProvenance;
    const findings: Finding[] = [];
    for (const m of change.manifests) {
      const inherited: string[] = [];
      const inheritedFields = new Set<string>();
      for (const c of m.shards) {
        if (!c.head) continue;
        const missing = missingFields(c.head, required);
        if (missing.length === 0) continue;
        if (isNewGap(c, missing, required)) {
          findings.push(finding({
            rule: 'missing-provenance', severity: 'medium', manifest: m.path, shard: c.head.id, line: c.head.line,
            message: `${c.status} shard lacks ${missing.join(', ')}${c.head.origin === 'unknown' ? ' (origin is "unknown")' : ''}`,
            fix: `Add ${missing.join(', ')} to the shard entry.`,
          }));
        } else {
          inherited.push(c.head.id);
          missing.forEach((f) => inheritedFields.add(f));
        }
      }
      if (inherited.length > 0) {
        findings.push(finding({
          rule: 'missing-provenance', severity: 'info', manifest: m.path, shards: inherited, inherited: true,
          message: `${inherited.length} unchanged shard(s) already lacked ${[...inheritedFields].join(', ')} on the base`,
          fix: 'Backfill the provenance of existing shards when you next touch them.',
        }));
      }
    }
    return findings;
  },
};
