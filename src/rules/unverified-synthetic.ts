// Mistake 1: synthetic data taken at face value. Generated data needs a quality check
// (filtering, human review) before it is trained on.
import { defineRule, plural } from './types.js';
import { isNewData, isSyntheticLike } from './shard-changes.js';
import { isVerified } from './web-scrape.js';
import type { Shard } from '../formats/model.js';
import type { ShardChange } from '../diff/shards.js';

export const unverifiedSynthetic = defineRule({
  meta: {
    id: 'unverified-synthetic',
    mistake: 1,
    summary: 'Synthetic data is added without a record of how it was verified.',
    severity: 'low',
    thresholds: {},
    waivable: 'any',
    adjustable: true,
  },
  check({ change, report }) {
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        const fresh: ShardChange[] = [];
        const inherited: string[] = [];
        for (const c of m.shards) {
          const s = c.head;
          if (!s || !isSyntheticLike(s) || isVerified(s.verified) || isVerified(s.generator?.verified)) continue;
          if (isNewData(c, ['verified', 'generator'])) fresh.push(c);
          else inherited.push(s.id);
        }
        if (fresh.length > 0) {
          const first = fresh[0]!;
          const s: Shard = first.head!;
          report({
            severity: 'low',
            manifest: m.path,
            dataset: d.name,
            shards: fresh.map((c) => c.head!.id),
            line: s.line,
            message:
              fresh.length === 1
                ? `${first.relabelled ? 'newly labelled' : first.status} ${s.origin} shard has no verification (verified or generator.verified)`
                : `${plural(fresh.length, 'added or changed synthetic shard')} have no verification (verified or generator.verified)`,
            fix: 'Verify generated data before training on it (a filter, a reward model, human review) and record it, e.g. `verified: human-review`.',
          });
        }
        if (inherited.length) {
          report({
            severity: 'info',
            manifest: m.path,
            dataset: d.name,
            shards: inherited,
            inherited: true,
            message: `${plural(inherited.length, 'unchanged synthetic shard')} ${inherited.length === 1 ? 'was' : 'were'} already unverified on the base`,
            fix: 'Record how existing synthetic shards were verified.',
          });
        }
      }
    }
  },
});
