// Is a shard scraped from the web, and when was it collected? (SPEC §4: Common Crawl snapshot ids
// such as CC-MAIN-2023-06 in a source or path give the collection date.)
import type { Shard } from '../manifest/model.js';

const CC_SNAPSHOT = /CC-MAIN-(\d{4})-(\d{2})/i;
const WEB_SOURCE = /CC-MAIN-|common\s*crawl|commoncrawl|crawl|scrap|\bweb\b|https?:\/\/|\bforum|reddit|fineweb|refinedweb|\bc4\b|dolma/i;
const WEB_TAGS = ['web', 'scrape', 'scraped', 'crawl', 'crawled', 'web-scrape', 'common-crawl'];

/** The last day of a Common Crawl snapshot's week, e.g. CC-MAIN-2023-06 → 2023-02-11. */
export function snapshotDate(text: string | undefined): string | undefined {
  const m = text ? CC_SNAPSHOT.exec(text) : null;
  if (!m) return undefined;
  const end = new Date(Date.UTC(Number(m[1]), 0, 1 + Number(m[2]) * 7 - 1));
  return end.toISOString().slice(0, 10);
}

export function collectionDate(shard: Shard): string | undefined {
  return shard.collected?.slice(0, 10) ?? snapshotDate(shard.source) ?? snapshotDate(shard.path) ?? snapshotDate(shard.id);
}

export function isWebScrape(shard: Shard): boolean {
  if (shard.origin === 'synthetic') return false;
  if (shard.tags.some((t) => WEB_TAGS.includes(t.toLowerCase()))) return true;
  if (shard.source !== undefined && WEB_SOURCE.test(shard.source)) return true;
  // Storage paths say little; only a snapshot id or a crawl/scrape name in them counts.
  return [shard.path, shard.id].some((v) => v !== undefined && (CC_SNAPSHOT.test(v) || /crawl|scrap/i.test(v)));
}

export function isVerified(v: boolean | string | undefined): boolean {
  return v !== undefined && v !== false && v !== '';
}
