// Mistake 2: scraping without checking provenance. Web text collected after ChatGPT's release
// (2022-11-30) is increasingly machine-written; a newer crawl can be more contaminated.
import type { Severity } from './severity.js';
import { date, defineRule, plural, wasOrWere } from './types.js';
import { isNewData } from './shard-changes.js';
import { collectionDate, isVerified, isWebScrape } from './web-scrape.js';
import type { ShardChange } from '../diff/shards.js';
import type { Shard } from '../formats/model.js';

const FIX = 'Filter it for AI-generated text (a classifier, human review) and record `verified: ai-filter`, or use a snapshot from before the cutoff.';

/** Web data not verified and not shown to predate the cutoff (a web shard with no collection date cannot be). */
export function isUnverifiedRecentWeb(s: Shard, cutoff: string): boolean {
  if (isVerified(s.verified)) return false;
  const collected = collectionDate(s);
  return !(collected && collected <= cutoff) && isWebScrape(s);
}

export const unverifiedRecentScrape = defineRule({
  meta: {
    id: 'unverified-recent-scrape',
    mistake: 2,
    summary: 'Web data collected after the contamination cutoff is added unverified.',
    severity: 'medium',
    thresholds: {
      // ChatGPT's release: web text after it is increasingly machine-written.
      'contamination-cutoff': date('2022-11-30', 'web data collected after this date (or undated) needs `verified`'),
      'contamination-high': date('2024-01-01', 'web data collected on or after this date is high instead of medium'),
    },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds, report }) {
    const cutoff = thresholds['contamination-cutoff'];
    const high = thresholds['contamination-high'];
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        const fresh = new Map<Severity, { c: ShardChange; collected?: string }[]>();
        const inherited: string[] = [];
        for (const c of m.shards) {
          const s = c.head;
          if (!s || !isUnverifiedRecentWeb(s, cutoff)) continue;
          const collected = collectionDate(s);
          if (isNewData(c, ['collected', 'source', 'verified'])) {
            const severity: Severity = collected && collected >= high ? 'high' : 'medium';
            fresh.set(severity, [...(fresh.get(severity) ?? []), { c, collected }]);
          } else inherited.push(s.id);
        }
        for (const [severity, items] of fresh) {
          const [first] = items;
          const dated = items
            .filter((x) => x.collected)
            .map((x) => x.collected!)
            .sort();
          const undated = items.length - dated.length;
          const message =
            items.length === 1
              ? first!.collected
                ? `web data collected ${first!.collected}, after ${cutoff}, with no verification of how much of it is machine-written`
                : `web data with no collection date (collected, or a CC-MAIN snapshot id) and no verification: it may postdate ${cutoff}`
              : `${plural(items.length, 'added or changed web shard')} with no verification: ${[
                  dated.length ? `${dated.length} collected after ${cutoff} (${dated[0]} to ${dated.at(-1)})` : '',
                  undated ? `${undated} with no collection date, so possibly after ${cutoff}` : '',
                ]
                  .filter(Boolean)
                  .join('; ')}`;
          report({ severity, manifest: m.path, dataset: d.name, shards: items.map((x) => x.c.head!.id), line: first!.c.head!.line, message, fix: FIX });
        }
        if (inherited.length) {
          report({
            severity: 'info',
            manifest: m.path,
            dataset: d.name,
            shards: inherited,
            inherited: true,
            message:
              `${plural(inherited.length, 'unchanged web shard')} collected after ${cutoff} (or undated) ` +
              `${wasOrWere(inherited)} already unverified on the base`,
            fix: 'Verify existing recent web shards when you next touch them.',
          });
        }
      }
    }
  },
});
