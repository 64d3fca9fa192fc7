// The rules beyond replacement and removal, each on a real git history: it fires, it stays
// silent, and a problem already on the base is inherited.
import { active, analyseChange, rulesOf } from '../test-support/analyse-repo.js';
import { daysAgo, human, synthetic, yamlManifest } from '../test-support/git-repo.js';

const M = 'data/train.manifest.yaml';
const m = (shards: object[], fields: Record<string, unknown> = {}) => ({ [M]: yamlManifest(shards, fields) });
const base = [human('a', 1000), human('b', 1000)];
const only = async (rule: string, ...args: Parameters<typeof analyseChange>) => (await analyseChange(...args)).findings.filter((f) => f.rule === rule);

describe('unverified-synthetic', () => {
  it('fires (low) on added synthetic data with no verification', async () => {
    const f = await only('unverified-synthetic', m(base), m([...base, synthetic('s', 10, { generator: { model: 'g' } })]));
    expect(f).toEqual([expect.objectContaining({ severity: 'low', shard: 's', line: 6, inherited: false })]);
  });

  it('stays silent for verified synthetic data (verified or generator.verified)', async () => {
    const f = await only(
      'unverified-synthetic',
      m(base),
      m([...base, synthetic('s', 10, { generator: { model: 'g' }, verified: 'human-review' }), synthetic('t', 10)]),
    );
    expect(f).toEqual([]);
  });

  it('is inherited for unverified synthetic shards already on the base', async () => {
    const old = synthetic('s', 10, { generator: { model: 'g' } });
    const f = await only('unverified-synthetic', m([...base, old]), m([...base, old, human('c', 5)]));
    expect(f).toEqual([expect.objectContaining({ severity: 'info', inherited: true, shard: 's' })]);
  });
});

describe('unverified-recent-scrape', () => {
  const web = (id: string, extra: object) => human(id, 100, { source: 'https://forum.example.com', ...extra });

  it('is medium after the cutoff and high from 2024, reading Common Crawl snapshot ids', async () => {
    const a = await analyseChange(
      m(base),
      m([
        ...base,
        web('w23', { collected: '2023-05-01' }),
        web('w24', { collected: '2024-03-01' }),
        human('cc', 100, { source: 'CC-MAIN-2023-06', collected: undefined }),
      ]),
    );
    const f = a.findings.filter((x) => x.rule === 'unverified-recent-scrape');
    expect(f.map((x) => [x.shards, x.severity])).toEqual([
      [['w23', 'cc'], 'medium'],
      [['w24'], 'high'],
    ]);
    expect(f[0]!.message).toContain('2 added or changed web shards with no verification: 2 collected after 2022-11-30 (2023-02-11 to 2023-05-01)');
  });

  it('stays silent for pre-cutoff or verified web data, and honours a configured cutoff', async () => {
    const shards = [
      ...base,
      web('old', { collected: '2021-01-01' }),
      web('ok', { collected: '2025-01-01', verified: 'ai-filter' }),
      human('cc', 1, { source: 'CC-MAIN-2019-04' }),
    ];
    expect(rulesOf(await analyseChange(m(base), m(shards)))).toEqual([]);
    const late = [...base, web('w', { collected: '2023-05-01' })];
    expect(rulesOf(await analyseChange(m(base), m(late), { thresholds: { 'contamination-cutoff': '2023-12-31' } as never }))).toEqual([]);
  });

  it('is inherited for an unverified recent scrape already on the base', async () => {
    const old = web('w', { collected: '2024-06-01' });
    const f = await only('unverified-recent-scrape', m([...base, old]), m([...base, old, human('c', 5)]));
    expect(f).toEqual([expect.objectContaining({ severity: 'info', inherited: true })]);
  });
});

describe('accuracy-only-evaluation', () => {
  it('fires when the evaluation is cut down to accuracy metrics', async () => {
    const f = await only(
      'accuracy-only-evaluation',
      m(base, { evaluation: { metrics: ['accuracy', 'heldout_real_perplexity'] } }),
      m(base, { evaluation: { metrics: ['accuracy', 'f1', 'exact_match'] } }),
    );
    expect(f).toEqual([expect.objectContaining({ severity: 'medium', inherited: false, message: expect.stringContaining('accuracy, f1, exact_match') })]);
  });

  it('stays silent when a distributional metric is tracked', async () => {
    const a = await analyseChange(m(base), m(base, { evaluation: { metrics: ['accuracy', 'tail_coverage'] } }));
    expect(rulesOf(a)).toEqual([]);
    expect(a.checklist[2]).toMatchObject({ status: 'pass', evidence: `${M} tracks tail_coverage` });
  });

  it('is inherited when the base was already accuracy-only', async () => {
    const ev = { evaluation: { metrics: ['accuracy'] } };
    const f = await only('accuracy-only-evaluation', m(base, ev), m([...base, human('c', 1)], ev));
    expect(f).toEqual([expect.objectContaining({ severity: 'info', inherited: true })]);
  });
});

describe('category-tail-loss', () => {
  const cat = (id: string, categories: Record<string, number>) => human(id, 100, { categories });

  it('is high when a category disappears and medium when it shrinks by more than half', async () => {
    const a = await analyseChange(m([cat('a', { en: 1000, sw: 40, yo: 100 })]), m([cat('a', { en: 1000, yo: 30 })]));
    const f = a.findings.filter((x) => x.rule === 'category-tail-loss');
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['high', 'category "sw" disappears (40 → 0)'],
      ['medium', 'category "yo" shrinks by 70.0 % (100 → 30)'],
    ]);
  });

  it('watches mixture sources: a weight falling by more than 90 % of its share', async () => {
    const w = (id: string, weight: number, extra = {}) => human(id, 1, { weight, ...extra });
    const a = await analyseChange(m([w('en', 0.9), w('sw', 0.00325), w('yo', 0.09675)]), m([w('en', 0.9), w('sw', 0.00005), w('yo', 0.09995)]));
    expect(a.findings.filter((x) => x.rule === 'category-tail-loss')).toEqual([expect.objectContaining({ severity: 'medium', shard: 'sw' })]);
  });

  it('stays silent when categories keep at least half', async () => {
    expect(rulesOf(await analyseChange(m([cat('a', { en: 100, sw: 10 })]), m([cat('a', { en: 100, sw: 6 }), cat('b', { en: 5 })])))).toEqual([]);
  });
});

describe('stale-audit', () => {
  it('fires (low) when a touched manifest was audited too long ago or never', async () => {
    const old = await only('stale-audit', m(base), m([...base, human('c', 1)], { audit: { last: daysAgo(200) } }));
    expect(old).toEqual([expect.objectContaining({ severity: 'low', message: expect.stringContaining('200 days old (limit 180)') })]);
    const never = await only('stale-audit', m(base), m([...base, human('c', 1)], { audit: undefined }));
    expect(never[0]!.message).toBe('the manifest records no audit (audit.last)');
  });

  it('stays silent for a recent audit, and for a manifest the change does not touch', async () => {
    expect(await only('stale-audit', m(base), m([...base, human('c', 1)]))).toEqual([]);
    const stale = { 'other.manifest.yaml': yamlManifest(base, { audit: { last: '2020-01-01' } }) };
    expect(await only('stale-audit', { ...stale, ...m(base) }, { ...stale, ...m([...base, human('c', 1)]) })).toEqual([]);
  });
});

describe('recursive-synthetic', () => {
  const gen = (id: string, generator: object, extra: object = {}) =>
    synthetic(id, 10, { generator: { model: 'g', ...generator }, verified: undefined, ...extra });

  it('is medium from depth 2, high from depth 3 or when the generator was trained on this dataset', async () => {
    const a = await analyseChange(
      m(base),
      m([...base, gen('d2', { depth: 2 }), gen('d3', { depth: 3 }), gen('self', { depth: 1, trained_on: ['test-data'] })]),
    );
    const f = a.findings.filter((x) => x.rule === 'recursive-synthetic');
    expect(f.map((x) => [x.shards, x.severity])).toEqual([
      [['d2'], 'medium'],
      [['d3', 'self'], 'high'],
    ]);
    expect(f[1]!.message).toContain('2 shards: generation depth 3');
    const self = await analyseChange(m(base), m([...base, gen('self', { depth: 1, trained_on: ['test-data'] })]));
    expect(self.findings.find((x) => x.rule === 'recursive-synthetic')!.message).toContain('trained on this dataset (test-data)');
  });

  it('verification lowers it one level; depth 1 stays silent', async () => {
    const a = await analyseChange(m(base), m([...base, gen('v', { depth: 3, verified: true }), gen('d1', { depth: 1 })]));
    expect(a.findings.filter((x) => x.rule === 'recursive-synthetic').map((x) => [x.shard, x.severity])).toEqual([['v', 'medium']]);
  });

  it('is inherited when the recursive shard was already on the base', async () => {
    const old = gen('d2', { depth: 2 });
    const f = await only('recursive-synthetic', m([...base, old]), m([...base, old, human('c', 1)]));
    expect(f).toEqual([expect.objectContaining({ severity: 'info', inherited: true })]);
  });
});

describe('compound-risk', () => {
  it('is critical when real data is replaced while rare data is dropped', async () => {
    const a = await analyseChange(m([human('a', 100), human('r', 10, { tags: ['rare'] })]), m([human('a', 100), synthetic('s', 10)]));
    expect(active(a).filter((f) => f.rule === 'compound-risk')).toEqual([
      expect.objectContaining({ severity: 'critical', message: expect.stringContaining('real-data-replaced + rare-data-dropped') }),
    ]);
    expect(a.risk).toBe('critical');
  });

  it('is critical when real data is removed while new data lacks provenance', async () => {
    const a = await analyseChange(m(base), m([human('a', 1000), { id: 'x', rows: 10 }]));
    expect(active(a).find((f) => f.rule === 'compound-risk')?.message).toContain('real-data-removed + missing-provenance');
  });

  it('stays silent when the mistakes do not co-occur', async () => {
    expect(rulesOf(await analyseChange(m(base), m([human('a', 1000)])))).toEqual(['real-data-removed']);
  });
});
