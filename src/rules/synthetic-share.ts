// Mistake 1: synthetic data counted as if it were real; the synthetic share must stay well below half.
import { lowerSeverity, type Severity } from '../severity.js';
import { isSyntheticLike } from './shard-changes.js';
import { isVerified } from './web-scrape.js';
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';
import { formatShare } from './amounts.js';

const FIX = 'Add real data to keep the synthetic share below the limit, or discount the synthetic shards\' weight.';

export const syntheticShare: Rule = {
  id: 'synthetic-share',
  mistake: 1,
  check(change, config) {
    const t = config.thresholds;
    const findings: Finding[] = [];
    for (const m of change.manifests) {
      const head = m.share.head;
      if (head === null || !m.head) continue;
      const base = m.share.base ?? 0;
      const rose = head > base + 1e-9;
      const text = `synthetic share ${formatShare(m.share.base)} → ${formatShare(head)} (by ${m.unit})`;
      if (rose) {
        let severity: Severity = 'info';
        // Real data below its floor even if every unknown unit were real: synthetic ≥ 1 − floor.
        if (head > 1 - t['real-share-critical']) severity = 'critical';
        else if (head >= t['synthetic-share-high']) severity = 'high';
        else if (head >= t['synthetic-share-warn']) severity = 'medium';
        // Verified synthetic data is discounted one level (SPEC §6).
        const synthetic = m.head.shards.filter(isSyntheticLike);
        const verified = synthetic.length > 0 && synthetic.every((s) => isVerified(s.verified) || isVerified(s.generator?.verified));
        const lowered = verified && severity !== 'info';
        if (lowered) severity = lowerSeverity(severity);
        findings.push(finding({
          rule: 'synthetic-share', severity, manifest: m.path, message: `${text}${lowered ? '; all synthetic shards verified, so one level lower' : ''}`, fix: FIX,
        }));
      } else if (head >= t['synthetic-share-warn']) {
        findings.push(finding({
          rule: 'synthetic-share', severity: 'info', manifest: m.path, inherited: true,
          message: `${text}: already at or above ${formatShare(t['synthetic-share-warn'])} on the base`, fix: FIX,
        }));
      }
    }
    return findings;
  },
};
