// Is a shard scraped from the web, and when was it collected? (SPEC §4: Common Crawl snapshot ids
// such as CC-MAIN-2023-06 in a source or path give the collection date.)
// A URL is not by itself web-scraped data: a Hugging Face dataset page or a data registry says where
// data is kept, not how it was collected. Web data is named as such: a crawl snapshot id, a crawl or
// scrape tag, or a known crawl source, matched as whole words, never inside a longer name.
import type { Shard } from '../formats/model.js';

const CC_SNAPSHOT = /CC-MAIN-(\d{4})-(\d{2})/i;
const WEB_TAGS = ['web', 'scrape', 'scraped', 'crawl', 'crawled', 'web-scrape', 'common-crawl'];

/** Names of web data, each a sequence of whole words (words are split at any character not a letter or digit). */
const WEB_NAMES = [
  // crawling and scraping, by name
  'crawl',
  'crawls',
  'crawled',
  'crawler',
  'crawling',
  'webcrawl',
  'scrape',
  'scraped',
  'scraper',
  'scraping',
  'webscrape',
  // Common Crawl and the corpora cut from it (Dolma's CC part is cc_en_head/middle/tail)
  'common crawl',
  'commoncrawl',
  'cc main',
  'ccnet',
  'cc net',
  'cc news',
  'ccnews',
  'cc en',
  'cc100',
  'pile cc',
  'c4',
  'mc4',
  'oscar',
  'refinedweb',
  'fineweb',
  'fineweb2',
  'dclm',
  'paracrawl',
  'openwebtext',
  'webtext',
  // the Data Provenance Initiative's name for scraped pages, and web forums
  'undisclosed web',
  'forum',
  'forums',
  'reddit',
];
const WEB_NAME = new RegExp(`(?:^| )(?:${WEB_NAMES.join('|')})(?: |$)`);

/** Does this source, path or id name web data (a snapshot id, a crawl word, a known crawl source)? */
function namesWebData(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
  return CC_SNAPSHOT.test(text) || WEB_NAME.test(words);
}

/** The last day of a Common Crawl snapshot's week, e.g. CC-MAIN-2023-06 → 2023-02-11. */
export function snapshotDate(text: string | undefined): string | undefined {
  const m = text ? CC_SNAPSHOT.exec(text) : null;
  if (!m) return undefined;
  const end = new Date(Date.UTC(Number(m[1]), 0, 1 + Number(m[2]) * 7 - 1));
  return end.toISOString().slice(0, 10);
}

/**
 * Well-known crawls fixed long before the contamination cutoff, by the end of their collection:
 * C4 was cut from Common Crawl's April 2019 snapshot (Raffel et al., 2020), OpenWebText from Reddit
 * links up to 2019. Newer crawls (RefinedWeb, FineWeb, DCLM, Dolma) are not here: they may postdate it.
 */
const DATED_CRAWLS: [RegExp, string][] = [
  [/(?:^| )c4(?: |$)/, '2019-04-30'],
  [/(?:^| )openwebtext(?: |$)/, '2019-12-31'],
];

function datedCrawl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
  return DATED_CRAWLS.find(([re]) => re.test(words))?.[1];
}

export function collectionDate(shard: Shard): string | undefined {
  return (
    shard.collected?.slice(0, 10) ??
    snapshotDate(shard.source) ??
    snapshotDate(shard.path) ??
    snapshotDate(shard.id) ??
    datedCrawl(shard.source) ??
    datedCrawl(shard.path) ??
    datedCrawl(shard.id)
  );
}

export function isWebScrape(shard: Shard): boolean {
  if (shard.origin === 'synthetic') return false;
  if (shard.tags.some((t) => WEB_TAGS.includes(t.toLowerCase()))) return true;
  // A source that is just "web" says so; in longer text, "web" alone ("web exams") does not.
  if (shard.source !== undefined && shard.source.trim().toLowerCase() === 'web') return true;
  return [shard.source, shard.path, shard.id].some((v) => v !== undefined && namesWebData(v));
}

export function isVerified(v: boolean | string | undefined): boolean {
  return v !== undefined && v !== false && v !== '';
}
