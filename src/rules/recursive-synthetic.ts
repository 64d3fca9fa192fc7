// Synthetic data generated from synthetic data, or by a model trained on this very dataset:
// each generation narrows the distribution further (self-consuming loops).
import type { Severity } from './severity.js';
import { lowerSeverity } from './severity.js';
import { count, defineRule, plural, wasOrWere } from './types.js';
import { isNewData, isSyntheticLike } from './shard-changes.js';
import { isVerified } from './web-scrape.js';
import type { Shard } from '../formats/model.js';

export const recursiveSynthetic = defineRule({
  meta: {
    id: 'recursive-synthetic',
    summary: 'Synthetic data generated from synthetic data, or by a model trained on this dataset.',
    severity: 'medium',
    thresholds: {
      'recursion-depth': count(2, 'a `generator.depth` from this on is medium'),
      'recursion-depth-high': count(3, 'a `generator.depth` from this on is high'),
    },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds, report }) {
    const { 'recursion-depth': warn, 'recursion-depth-high': high } = thresholds;
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        // A generator trained on the dataset, or on this manifest, feeds on its own output.
        const names = [d.name, m.head?.name, m.path].filter((n): n is string => !!n);
        const inherited: string[] = [];
        const fresh = new Map<string, { s: Shard; why: string }[]>();
        for (const c of m.shards) {
          const s = c.head;
          const g = s?.generator;
          if (!s || !g || !isSyntheticLike(s)) continue;
          const selfConsuming = (g.trainedOn ?? []).filter((t) => names.includes(t));
          const depth = g.depth ?? 0;
          if (selfConsuming.length === 0 && depth < warn) continue;
          if (!isNewData(c, ['generator'])) {
            inherited.push(s.id);
            continue;
          }
          let severity: Severity = selfConsuming.length > 0 || depth >= high ? 'high' : 'medium';
          const verified = isVerified(s.verified) || isVerified(g.verified);
          if (verified) severity = lowerSeverity(severity);
          const why =
            selfConsuming.length > 0
              ? `its generator${g.model ? ` ${g.model}` : ''} was trained on this dataset (${selfConsuming.join(', ')})`
              : `generation depth ${depth}: synthetic data made from synthetic data`;
          const key = `${severity}\0${verified}`;
          fresh.set(key, [...(fresh.get(key) ?? []), { s, why: `${why}${verified ? '; verified, so one level lower' : ''}` }]);
        }
        for (const [key, items] of fresh) {
          const severity = key.split('\0')[0] as Severity;
          report({
            severity,
            manifest: m.path,
            dataset: d.name,
            shards: items.map((x) => x.s.id),
            line: items[0]!.s.line,
            message: items.length === 1 ? items[0]!.why : `${plural(items.length, 'shard')}: ${items[0]!.why}${items.length > 1 ? ' (and similar)' : ''}`,
            fix: 'Generate from a model trained on real data (depth 1), mix in fresh real data, and verify the output.',
          });
        }
        if (inherited.length) {
          report({
            severity: 'info',
            manifest: m.path,
            dataset: d.name,
            shards: inherited,
            inherited: true,
            message: `${plural(inherited.length, 'unchanged recursive or self-consuming synthetic shard')} ${wasOrWere(inherited)} already on the base`,
            fix: 'Replace them with depth-1 generations when you next regenerate.',
          });
        }
      }
    }
  },
});
