// Mistake 4: the real-data reservoir shrinks.
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';
import { formatAmount, realLoss } from './amounts.js';

export const realDataRemoved: Rule = {
  id: 'real-data-removed',
  mistake: 4,
  check(change, config) {
    const findings: Finding[] = [];
    for (const m of change.manifests) {
      // Net over the change list, so a shard moved to another manifest is not a loss.
      const net = m.shards.reduce((sum, c) => sum + realLoss(c, m.unit), 0);
      if (net <= 1e-12) continue;
      const base = m.units.base.real;
      const fraction = base > 0 ? net / base : 1;
      const ids = m.shards.filter((c) => realLoss(c, m.unit) > 0).map((c) => (c.base ?? c.head)!.id);
      findings.push(finding({
        rule: 'real-data-removed',
        severity: fraction > config.thresholds['real-removal-high'] ? 'high' : 'medium',
        manifest: m.path,
        shards: ids,
        message: `real data shrinks by ${formatAmount(net, m.unit)} (${(fraction * 100).toFixed(1)} % of the base's real data)` +
          (m.status === 'deleted' ? '; the manifest is deleted' : ''),
        fix: 'Keep the real data (a reservoir of real data is what keeps models from collapsing); if it must go (PII, licence), waive this finding with a reason.',
      }));
    }
    return findings;
  },
};
