// Mistake 6: data without provenance; without a human/synthetic field nothing else can be checked.
// Only the fields a format can state are asked of it (the policy's provenance map can fill the
// rest); a shard whose origin this change records is good news, said as such.
import type { ShardChange } from '../diff/shards.js';
import { formatNamed } from '../formats/index.js';
import { missingFields } from '../formats/provenance-fields.js';
import { defineRule, plural, type Report } from './types.js';
import { isNewData } from './shard-changes.js';

/** New data (an added shard, new content, more of it), or a shard whose provenance got worse. */
function isNewGap(c: ShardChange, missing: string[], required: readonly string[]): boolean {
  if (c.status === 'added') return true;
  if (c.status !== 'modified' || !c.base) return false;
  const before = new Set(missingFields(c.base, required));
  return (!c.relabelled && isNewData(c)) || missing.some((f) => !before.has(f));
}

const stated = (origin: string | undefined) => origin !== undefined && origin !== 'unknown';

export const missingProvenance = defineRule({
  meta: {
    id: 'missing-provenance',
    mistake: 6,
    summary: 'An added or modified shard lacks required provenance fields.',
    severity: 'medium',
    thresholds: {},
    waivable: 'any',
    adjustable: true,
  },
  check({ change, settings, report }) {
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        const format = formatNamed(m.format);
        const statable = new Set(format?.provenanceFields ?? []);
        const required = settings['required-provenance'].filter((f) => statable.has(f));
        const withModel = statable.has('generator.model') ? required : required.filter((f) => f !== 'generator.model');
        const where = { manifest: m.path, dataset: d.name };
        const gaps: { c: ShardChange; missing: string[] }[] = [];
        const inherited: string[] = [];
        const inheritedFields = new Set<string>();
        const labelled: ShardChange[] = [];
        const unstatable: string[] = [];
        for (const c of m.shards) {
          if (!c.head) continue;
          if (c.relabelled && stated(c.head.origin)) labelled.push(c);
          const missing = missingFields(c.head, withModel).filter((f) => f !== 'generator.model' || statable.has(f));
          if (!statable.has('origin') && !stated(c.head.origin) && isNewData(c)) unstatable.push(c.head.id);
          if (missing.length === 0) continue;
          if (isNewGap(c, missing, withModel)) gaps.push({ c, missing });
          else {
            inherited.push(c.head.id);
            missing.forEach((f) => inheritedFields.add(f));
          }
        }
        if (gaps.length > 0) report(gapFinding(where, gaps));
        if (labelled.length > 0) {
          const [first] = labelled;
          const how = [...new Set(labelled.map((c) => `${c.base!.origin ?? 'absent'} → ${c.head!.origin}`))].join(', ');
          report({
            severity: 'info',
            ...where,
            shards: labelled.map((c) => c.head!.id),
            line: first!.head!.line,
            message: `origin recorded for ${plural(labelled.length, 'shard')} (${how}) with the same content: labelled, not replaced`,
            fix: 'Nothing to do: recorded provenance is what every other check relies on.',
          });
        }
        if (unstatable.length > 0) {
          report({
            severity: 'info',
            ...where,
            shards: unstatable,
            message: `${plural(unstatable.length, 'added or changed source')} of unknown origin: the ${m.format} format cannot state it`,
            fix: "Record the origin in the policy file's `provenance` map (match: a path glob, origin: human | synthetic).",
          });
        }
        if (inherited.length > 0) {
          report({
            severity: 'info',
            ...where,
            shards: inherited,
            inherited: true,
            message: `${plural(inherited.length, 'unchanged shard')} already lacked ${[...inheritedFields].join(', ')} on the base`,
            fix: 'Backfill the provenance of existing shards when you next touch them.',
          });
        }
      }
    }
  },
});

function gapFinding(where: { manifest: string; dataset: string }, gaps: { c: ShardChange; missing: string[] }[]): Report {
  const [first] = gaps;
  const counts = new Map<string, number>();
  for (const g of gaps) for (const f of g.missing) counts.set(f, (counts.get(f) ?? 0) + 1);
  const fields = [...counts.keys()];
  const unknownOrigin = gaps.some((g) => g.c.head!.origin === 'unknown');
  const message =
    gaps.length === 1
      ? `${first!.c.status} shard lacks ${first!.missing.join(', ')}${first!.c.head!.origin === 'unknown' ? ' (origin is "unknown")' : ''}`
      : `${plural(gaps.length, 'added or modified shard')} lack provenance: ${[...counts].map(([f, n]) => `${f} (${n})`).join(', ')}` +
        (unknownOrigin ? '; origin "unknown" counts as missing' : '');
  return {
    severity: 'medium',
    ...where,
    shards: gaps.map((g) => g.c.head!.id),
    line: first!.c.head!.line,
    message,
    fix: `Add ${fields.join(', ')} to the shard entries.`,
  };
}
