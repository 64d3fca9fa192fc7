// Mistake 1: synthetic data taken at face value. Generated data needs a quality check
// (filtering, human review) before it is trained on.
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';
import { isNewData, isSyntheticLike } from './shard-changes.js';
import { isVerified } from './web-scrape.js';

export const unverifiedSynthetic: Rule = {
  id: 'unverified-synthetic',
  mistake: 1,
  check(change) {
    const findings: Finding[] = [];
    for (const m of change.manifests) {
      const inherited: string[] = [];
      for (const c of m.shards) {
        const s = c.head;
        if (!s || !isSyntheticLike(s) || isVerified(s.verified) || isVerified(s.generator?.verified)) continue;
        if (isNewData(c, ['verified', 'generator'])) {
          findings.push(finding({
            rule: 'unverified-synthetic', severity: 'low', manifest: m.path, shard: s.id, line: s.line,
            message: `${c.status} ${s.origin} shard has no verification (verified or generator.verified)`,
            fix: 'Verify generated data before training on it (a filter, a reward model, human review) and record it, e.g. `verified: human-review`.',
          }));
        } else inherited.push(s.id);
      }
      if (inherited.length) {
        findings.push(finding({
          rule: 'unverified-synthetic', severity: 'info', manifest: m.path, shards: inherited, inherited: true,
          message: `${inherited.length} unchanged synthetic shard(s) were already unverified on the base`,
          fix: 'Record how existing synthetic shards were verified.',
        }));
      }
    }
    return findings;
  },
};
