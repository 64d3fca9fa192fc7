import { unverifiedRecentScrape } from '../../src/rules/unverified-recent-scrape.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[]) => ({ 'data/a.manifest.yaml': yamlManifest(shards) });
const web = (id: string, extra: object) => human(id, 10, { source: 'CommonCrawl', ...extra });

testRule(unverifiedRecentScrape, {
  valid: [
    { name: 'a crawl from before the cutoff', base: m([human('a', 1)]), head: m([human('a', 1), web('w', { collected: '2021-05-01' })]) },
    { name: 'a recent crawl, verified', base: m([human('a', 1)]), head: m([human('a', 1), web('w', { collected: '2024-05-01', verified: 'ai-filter' })]) },
    {
      name: 'a Hugging Face URL is not web data',
      base: m([human('a', 1)]),
      head: m([human('a', 1), human('h', 1, { source: 'https://huggingface.co/datasets/x/y', collected: undefined })]),
    },
    {
      name: 'a snapshot id dates the crawl',
      base: m([human('a', 1)]),
      head: m([human('a', 1), human('cc', 1, { source: 'CC-MAIN-2019-04', collected: undefined })]),
    },
  ],
  invalid: [
    {
      name: 'collected after the cutoff',
      base: m([human('a', 1)]),
      head: m([human('a', 1), web('w', { collected: '2023-05-01' })]),
      findings: [{ severity: 'medium' }],
    },
    {
      name: 'collected from 2024 on',
      base: m([human('a', 1)]),
      head: m([human('a', 1), web('w', { collected: '2024-05-01' })]),
      findings: [{ severity: 'high' }],
    },
    {
      name: 'a crawl with no date',
      base: m([human('a', 1)]),
      head: m([human('a', 1), web('w', { collected: undefined })]),
      findings: [{ severity: 'medium', message: expect.stringContaining('no collection date') }],
    },
    {
      name: 'a cutoff set in the policy',
      base: m([human('a', 1)]),
      head: m([human('a', 1), web('w', { collected: '2021-05-01' })]),
      settings: { thresholds: { 'contamination-cutoff': '2020-01-01' } },
      findings: [{ severity: 'medium', message: expect.stringContaining('after 2020-01-01') }],
    },
  ],
});
