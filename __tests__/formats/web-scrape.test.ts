// Which shards are web-scraped data (SPEC §4): named as such, never because of a URL alone.
import type { Shard } from '../../src/formats/model.js';
import { collectionDate, isVerified, isWebScrape, snapshotDate } from '../../src/rules/web-scrape.js';

const shard = (fields: Partial<Shard>): Shard => ({ id: 'x', tags: [], line: 1, ...fields });
const web = (fields: Partial<Shard>) => isWebScrape(shard(fields));

describe('web-scraped data', () => {
  it.each([
    'CC-MAIN-2023-06',
    'Common Crawl',
    'commoncrawl.org',
    'https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-10/',
    'allenai/c4',
    'extended|c4',
    'HuggingFaceFW/fineweb-edu',
    'tiiuae/falcon-refinedweb',
    'mlfoundations/dclm-baseline-1.0',
    'dolma v1_7 cc_en_head',
    'undisclosed web',
    'catalan government crawling',
    'paracrawl',
    'https://forum.example.com/threads',
    'reddit',
    'web',
  ])('the source %j is web data', (source) => {
    expect(web({ source })).toBe(true);
  });

  it.each([
    'https://huggingface.co/datasets/glaiveai/glaive-code-assistant',
    'https://github.com/iterative/dataset-registry:get-started/data.xml',
    'https://example.org/toy',
    'zendesk-export',
    'web exams',
    'c4ai-command-r',
    'cosmopedia-v2',
    'allenai/dolma',
    'dolmino',
    'scrapbook-stories',
    'original',
  ])('the source %j is not web data by itself', (source) => {
    expect(web({ source })).toBe(false);
  });

  it('reads crawl names in paths and ids as whole path segments or words', () => {
    expect(web({ path: 'preprocessed/dolma3/{TOKENIZER}/common_crawl/health' })).toBe(true);
    expect(web({ path: 's3://mix/fineweb-edu/' })).toBe(true);
    expect(web({ id: 'forum-scrape', path: 's3://corpus/web/forum-2025.jsonl' })).toBe(true);
    expect(web({ path: 's3://bucket/c4/en/part-0001.json.gz' })).toBe(true);
    expect(web({ path: 's3://mix/cosmopedia-v2/', id: 'fc4x' })).toBe(false);
    expect(web({ path: 's3://corpus/web/chats.jsonl' })).toBe(false);
  });

  it('reads crawl tags, and never calls synthetic data web data', () => {
    expect(web({ tags: ['Web'] })).toBe(true);
    expect(web({ tags: ['common-crawl'] })).toBe(true);
    expect(web({ tags: ['webinar'] })).toBe(false);
    expect(web({ source: 'CC-MAIN-2023-06', origin: 'synthetic' })).toBe(false);
  });
});

describe('collection dates and verification', () => {
  it('dates a Common Crawl snapshot by the end of its week', () => {
    expect(snapshotDate('CC-MAIN-2023-06')).toBe('2023-02-11');
    expect(collectionDate(shard({ path: 's3://cc/CC-MAIN-2021-49/x' }))).toBe(snapshotDate('CC-MAIN-2021-49'));
    expect(collectionDate(shard({ collected: '2024-03-01T00:00:00Z', source: 'CC-MAIN-2019-04' }))).toBe('2024-03-01');
  });

  it('counts any stated verification', () => {
    expect([isVerified('ai-filter'), isVerified(true), isVerified(false), isVerified(''), isVerified(undefined)]).toEqual([true, true, false, false, false]);
  });
});
