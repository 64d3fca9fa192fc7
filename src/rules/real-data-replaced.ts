// Mistake 4: real data swapped for synthetic data in the same change, instead of accumulated.
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';
import { formatAmount, realLoss, shardList, syntheticGain } from './amounts.js';

const FIX = 'Keep the real shards and add the synthetic data beside them (accumulate, do not replace).';

export const realDataReplaced: Rule = {
  id: 'real-data-replaced',
  mistake: 4,
  check(change) {
    const findings: Finding[] = [];
    // A shard whose origin moves from human to synthetic or mixed is a replacement on its own.
    for (const m of change.manifests) {
      for (const c of m.shards) {
        if (c.base?.origin === 'human' && (c.head?.origin === 'synthetic' || c.head?.origin === 'mixed')) {
          findings.push(finding({
            rule: 'real-data-replaced', severity: 'high', manifest: m.path, shard: c.head.id, line: c.head.line,
            message: `origin changed from human to ${c.head.origin}: the real data of this shard is replaced`,
            fix: 'Restore the human shard and add the synthetic version as a new shard.',
          }));
        }
      }
    }
    const flipped = new Set(findings.map((f) => `${f.manifest}\0${f.shard}`));
    // Otherwise: real units lost anywhere while synthetic units are gained anywhere in the change.
    const gains = change.manifests.flatMap((m) =>
      m.shards.filter((c) => syntheticGain(c, m.unit) > 0).map((c) => ({ m, c, gain: syntheticGain(c, m.unit) })),
    );
    if (gains.length === 0) return findings;
    const added = gains.map((g) => g.c.head!.id);
    for (const m of change.manifests) {
      const losses = m.shards.filter((c) => realLoss(c, m.unit) > 0 && !flipped.has(`${m.path}\0${c.head?.id}`));
      if (losses.length === 0) continue;
      const lost = losses.reduce((sum, c) => sum + realLoss(c, m.unit), 0);
      const ids = losses.map((c) => (c.base ?? c.head)!.id);
      const removed = losses.filter((c) => c.status === 'removed').length;
      const what = removed === losses.length ? 'removed' : removed === 0 ? 'reduced' : 'removed or reduced';
      findings.push(finding({
        rule: 'real-data-replaced', severity: 'high', manifest: m.path, shards: ids,
        line: losses.find((c) => c.head)?.head?.line,
        message: `${losses.length} human shard(s) ${what} (${formatAmount(lost, m.unit)}) while synthetic data was added (${shardList(added)})`,
        fix: FIX,
      }));
    }
    return findings;
  },
};
