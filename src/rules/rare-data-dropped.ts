// Mistake 5: rare cases discarded as noise; the tails of the distribution are the first to go.
import type { Shard } from '../manifest/model.js';
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';

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

export const rareDataDropped: Rule = {
  id: 'rare-data-dropped',
  mistake: 5,
  check(change, config) {
    const findings: Finding[] = [];
    const limit = config.thresholds['rare-shrink'];
    for (const m of change.manifests) {
      for (const c of m.shards) {
        if (!c.base || !isRare(c.base)) continue;
        const tags = c.base.tags.filter((t) => RARE_TAGS.includes(t.toLowerCase())).join(', ');
        if (c.status === 'removed') {
          findings.push(finding({
            rule: 'rare-data-dropped', severity: 'high', manifest: m.path, shard: c.base.id,
            message: `shard tagged ${tags} is removed (it was at line ${c.base.line} on the base)`,
            fix: 'Keep rare shards: they carry the tails of the distribution that models lose first.',
          }));
          continue;
        }
        const s = c.head && shrinkage(c.base, c.head);
        if (s && (s.from - s.to) / s.from > limit) {
          findings.push(finding({
            rule: 'rare-data-dropped', severity: 'high', manifest: m.path, shard: c.head!.id, line: c.head!.line,
            message: `shard tagged ${tags} loses ${(((s.from - s.to) / s.from) * 100).toFixed(1)} % of its ${s.unit} (${s.from.toLocaleString('en-US')} → ${s.to.toLocaleString('en-US')})`,
            fix: `Keep at least ${((1 - limit) * 100).toFixed(0)} % of a rare shard; filter noise without discarding the rare cases.`,
          }));
        }
      }
    }
    return findings;
  },
};
