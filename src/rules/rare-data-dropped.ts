// Mistake 5: rare cases discarded as noise; the tails of the distribution are the first to go.
import type { ShardChange } from '../diff/shards.js';
import type { Shard } from '../formats/model.js';
import { defineRule, fraction, plural } from './types.js';
import { shardList } from './amounts.js';

/** Tags that mark a shard as rare data worth keeping. */
export const RARE_TAGS = ['rare', 'outlier', 'outliers', 'minority', 'tail', 'long-tail', 'edge-case', 'edge-cases'];

export function isRare(shard: Shard): boolean {
  return shard.tags.some((t) => RARE_TAGS.includes(t.toLowerCase()));
}

/** The first size both versions of a shard state: how much of it is left. */
function shrinkage(base: Shard, head: Shard): { unit: string; from: number; to: number } | undefined {
  for (const unit of ['tokens', 'rows', 'bytes', 'weight'] as const) {
    const from = base[unit];
    const to = head[unit];
    if (from !== undefined && to !== undefined && from > 0) return { unit, from, to };
  }
  return undefined;
}

const tagsOf = (s: Shard) => s.tags.filter((t) => RARE_TAGS.includes(t.toLowerCase())).join(', ');

export const rareDataDropped = defineRule({
  meta: {
    id: 'rare-data-dropped',
    mistake: 5,
    summary: 'A shard tagged rare, outlier, minority or tail is removed or shrinks.',
    severity: 'high',
    thresholds: { 'rare-shrink': fraction(0.2, 'the most a rare-tagged shard may shrink') },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds, report }) {
    const limit = thresholds['rare-shrink'];
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        const removed: ShardChange[] = [];
        const shrunk: { c: ShardChange; text: string }[] = [];
        for (const c of m.shards) {
          if (!c.base || !isRare(c.base)) continue;
          if (c.status === 'removed') {
            removed.push(c);
            continue;
          }
          const s = c.head && shrinkage(c.base, c.head);
          if (s && (s.from - s.to) / s.from > limit) {
            shrunk.push({
              c,
              text:
                `loses ${(((s.from - s.to) / s.from) * 100).toFixed(1)} % of its ${s.unit} ` +
                `(${s.from.toLocaleString('en-US')} → ${s.to.toLocaleString('en-US')})`,
            });
          }
        }
        if (removed.length > 0) {
          const [first] = removed;
          report({
            severity: 'high',
            manifest: m.path,
            dataset: d.name,
            shards: removed.map((c) => c.base!.id),
            baseLine: first!.base!.line,
            basePath: m.basePath ?? m.path,
            message:
              removed.length === 1
                ? `shard tagged ${tagsOf(first!.base!)} is removed (it was at line ${first!.base!.line} on the base)`
                : `${plural(removed.length, 'shard')} tagged rare are removed: ${shardList(removed.map((c) => c.base!.id))}`,
            fix: 'Keep rare shards: they carry the tails of the distribution that models lose first.',
          });
        }
        if (shrunk.length > 0) {
          const [first] = shrunk;
          report({
            severity: 'high',
            manifest: m.path,
            dataset: d.name,
            shards: shrunk.map((x) => x.c.head!.id),
            line: first!.c.head!.line,
            message:
              shrunk.length === 1
                ? `shard tagged ${tagsOf(first!.c.base!)} ${first!.text}`
                : `${plural(shrunk.length, 'shard')} tagged rare lose more than ${(limit * 100).toFixed(0)} % of their data: ` +
                  shardList(shrunk.map((x) => x.c.head!.id)),
            fix: `Keep at least ${((1 - limit) * 100).toFixed(0)} % of a rare shard; filter noise without discarding the rare cases.`,
          });
        }
      }
    }
  },
});
