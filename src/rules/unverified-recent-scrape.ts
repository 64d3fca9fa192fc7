// Mistake 2: scraping without checking provenance. Web text collected after ChatGPT's release
// (2022-11-30) is increasingly machine-written; a newer crawl can be more contaminated.
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';
import { isNewData } from './shard-changes.js';
import { collectionDate, isVerified, isWebScrape } from './web-scrape.js';

export const unverifiedRecentScrape: Rule = {
  id: 'unverified-recent-scrape',
  mistake: 2,
  check(change, config) {
    const cutoff = config.thresholds['contamination-cutoff'];
    const high = config.thresholds['contamination-high'];
    const findings: Finding[] = [];
    for (const m of change.manifests) {
      const inherited: string[] = [];
      for (const c of m.shards) {
        const s = c.head;
        if (!s || !isWebScrape(s) || isVerified(s.verified)) continue;
        // A web shard with no collection date cannot be shown to predate the cutoff.
        const collected = collectionDate(s);
        if (collected && collected <= cutoff) continue;
        if (isNewData(c, ['collected', 'source', 'verified'])) {
          findings.push(finding({
            rule: 'unverified-recent-scrape', severity: collected && collected >= high ? 'high' : 'medium', manifest: m.path, shard: s.id, line: s.line,
            message: collected
              ? `web data collected ${collected}, after ${cutoff}, with no verification of how much of it is machine-written`
              : `web data with no collection date (collected, or a CC-MAIN snapshot id) and no verification: it may postdate ${cutoff}`,
            fix: 'Filter it for AI-generated text (a classifier, human review) and record `verified: ai-filter`, or use a snapshot from before the cutoff.',
          }));
        } else inherited.push(s.id);
      }
      if (inherited.length) {
        findings.push(finding({
          rule: 'unverified-recent-scrape', severity: 'info', manifest: m.path, shards: inherited, inherited: true,
          message: `${inherited.length} unchanged web shard(s) collected after ${cutoff} (or undated) were already unverified on the base`,
          fix: 'Verify existing recent web shards when you next touch them.',
        }));
      }
    }
    return findings;
  },
};
