// Synthetic data generated from synthetic data, or by a model trained on this very dataset:
// each generation narrows the distribution further (self-consuming loops).
import type { Severity } from '../severity.js';
import { lowerSeverity } from '../severity.js';
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';
import { isNewData, isSyntheticLike } from './shard-changes.js';
import { isVerified } from './web-scrape.js';

export const recursiveSynthetic: Rule = {
  id: 'recursive-synthetic',
  check(change, config) {
    const { 'recursion-depth': warn, 'recursion-depth-high': high } = config.thresholds;
    const findings: Finding[] = [];
    for (const m of change.manifests) {
      const names = [m.head?.name, m.path].filter((n): n is string => !!n);
      const inherited: string[] = [];
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
        const why = selfConsuming.length > 0
          ? `its generator${g.model ? ` ${g.model}` : ''} was trained on this dataset (${selfConsuming.join(', ')})`
          : `generation depth ${depth}: synthetic data made from synthetic data`;
        findings.push(finding({
          rule: 'recursive-synthetic', severity, manifest: m.path, shard: s.id, line: s.line,
          message: `${why}${verified ? '; verified, so one level lower' : ''}`,
          fix: 'Generate from a model trained on real data (depth 1), mix in fresh real data, and verify the output.',
        }));
      }
      if (inherited.length) {
        findings.push(finding({
          rule: 'recursive-synthetic', severity: 'info', manifest: m.path, shards: inherited, inherited: true,
          message: `${inherited.length} unchanged recursive or self-consuming synthetic shard(s) were already on the base`,
          fix: 'Replace them with depth-1 generations when you next regenerate.',
        }));
      }
    }
    return findings;
  },
};
