// Each rule on a real git history: it fires, it stays silent, and a base problem is inherited.
import { active, analyseChange, rulesOf } from '../test-support/analyse-repo.js';
import { human, synthetic, TestRepo, yamlManifest } from '../test-support/git-repo.js';
import { analyse } from '../src/analysis/analyse.js';

const M = 'data/train.manifest.yaml';
const m = (shards: object[]) => ({ [M]: yamlManifest(shards) });

describe('real-data-replaced', () => {
  it('fires when a human shard is removed while a synthetic one is added', async () => {
    const a = await analyseChange(m([human('a', 100), human('b', 100)]), m([human('a', 100), synthetic('b-synth', 100)]));
    const f = active(a).find((x) => x.rule === 'real-data-replaced');
    expect(f).toMatchObject({ severity: 'high', manifest: M, shard: 'b' });
    expect(f!.message).toContain('1 human shard removed (100 rows) while synthetic data was added to the same dataset (b-synth)');
    expect(a.risk).toBe('high');
  });

  it('fires on a shard rewritten from human to synthetic content, at its line', async () => {
    const a = await analyseChange(m([human('a', 100), human('b', 100)]), m([human('a', 100), human('b', 100, { origin: 'synthetic', sha256: 'regenerated' })]));
    const f = active(a).filter((x) => x.rule === 'real-data-replaced');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ shard: 'b', line: 5, message: expect.stringContaining('1 human shard rewritten as synthetic data') });
  });

  it('a label corrected from human to synthetic on the same content is not a replacement', async () => {
    const a = await analyseChange(m([human('a', 100), human('b', 100)]), m([human('a', 100), human('b', 100, { origin: 'synthetic' })]));
    expect(active(a).map((f) => f.rule)).not.toContain('real-data-replaced');
    expect(active(a).map((f) => f.rule)).not.toContain('real-data-removed');
    expect(a.findings.find((f) => f.rule === 'missing-provenance' && f.severity === 'info')).toMatchObject({
      severity: 'info',
      shard: 'b',
      message: expect.stringContaining('origin recorded for 1 shard (human → synthetic) with the same content'),
    });
    // The share now known is surfaced, never above medium: labelling must not fail a check.
    expect(active(a).find((f) => f.rule === 'synthetic-share')).toMatchObject({ severity: 'medium', message: expect.stringContaining('origins recorded') });
  });

  it('stays silent when synthetic data is added and all real data is kept', async () => {
    const a = await analyseChange(m([human('a', 100), human('b', 100)]), m([human('a', 100), human('b', 100), synthetic('s', 10)]));
    expect(rulesOf(a)).toEqual(['synthetic-share']);
    expect(a.risk).toBe('info');
  });
});

describe('real-data-removed', () => {
  it('is high above 1 % of the base real data, medium below', async () => {
    const big = await analyseChange(m([human('a', 100), human('b', 100)]), m([human('a', 100)]));
    expect(active(big).map((f) => [f.rule, f.severity, f.shard])).toEqual([['real-data-removed', 'high', 'b']]);
    expect(active(big)[0]!.message).toContain('real data shrinks by 100 rows (50.0 % of the dataset');
    const small = await analyseChange(m([human('a', 1000), human('b', 5)]), m([human('a', 1000)]));
    expect(active(small).map((f) => [f.rule, f.severity])).toEqual([['real-data-removed', 'medium']]);
  });

  it('fires when a human shard loses rows, and for a deleted manifest', async () => {
    const shrunk = await analyseChange(m([human('a', 1000)]), m([human('a', 500, { sha256: 'new' })]));
    expect(rulesOf(shrunk)).toEqual(['real-data-removed']);
    const deleted = await analyseChange({ ...m([human('a', 10)]), 'keep.txt': 'x' }, { [M]: null });
    expect(active(deleted)[0]).toMatchObject({ rule: 'real-data-removed', severity: 'high', message: expect.stringContaining('deleted') });
    expect(deleted.change.manifests[0]!.status).toBe('deleted');
  });

  it('stays silent when real data is replaced by the same amount of real data', async () => {
    const a = await analyseChange(m([human('a', 100)]), m([human('a2', 100)]));
    expect(rulesOf(a)).toEqual([]);
    expect(a.risk).toBe('none');
  });
});

describe('synthetic-share', () => {
  it('grades the head share: medium from 33 %, high from 50 %, critical when real < 10 %', async () => {
    const base = m([human('a', 100)]);
    const grade = async (rows: number) =>
      active(await analyseChange(base, m([human('a', 100), synthetic('s', rows, { generator: { model: 'g' } })]))).find((f) => f.rule === 'synthetic-share')
        ?.severity;
    expect(await grade(20)).toBe('info');
    expect(await grade(60)).toBe('medium');
    expect(await grade(100)).toBe('high');
    expect(await grade(1000)).toBe('critical');
  });

  it('is inherited when the share was already high and does not rise', async () => {
    const shards = [human('a', 100), synthetic('s', 100)];
    const a = await analyseChange(m(shards), m([...shards, human('b', 10)]));
    expect(rulesOf(a)).toEqual([]);
    expect(rulesOf(a, 'inherited')).toEqual(['synthetic-share']);
    expect(a.risk).toBe('none');
  });

  it('splits mixed shards by synthetic_fraction and prefers tokens over rows', async () => {
    const a = await analyseChange(
      m([human('a', 100, { tokens: 1000 })]),
      m([human('a', 100, { tokens: 1000 }), human('mix', 100, { tokens: 1000, origin: 'mixed', synthetic_fraction: 0.5 })]),
    );
    const d = a.change.manifests[0]!;
    expect(d.unit).toBe('tokens');
    expect(d.units.head).toEqual({ real: 1500, synthetic: 500, unknown: 0 });
    expect(d.share.head).toBeCloseTo(0.25);
  });
});

describe('rare-data-dropped', () => {
  it('fires when a rare shard is removed or loses more than 20 %', async () => {
    const base = m([human('a', 1000), human('r', 100, { tags: ['rare'] })]);
    const removed = await analyseChange(base, m([human('a', 1000), human('r2', 100)]));
    expect(active(removed).map((f) => [f.rule, f.shard])).toEqual([['rare-data-dropped', 'r']]);
    const shrunk = await analyseChange(base, m([human('a', 1000), human('r', 70, { tags: ['rare'], sha256: 'v2' })]));
    expect(active(shrunk).find((f) => f.rule === 'rare-data-dropped')).toMatchObject({ severity: 'high', line: 5 });
  });

  it('stays silent when a rare shard loses at most 20 %', async () => {
    const base = m([human('a', 1000), human('r', 100, { tags: ['outlier'] })]);
    const a = await analyseChange(base, m([human('a', 1000), human('r', 80, { tags: ['outlier'] }), human('b', 20)]));
    expect(rulesOf(a)).toEqual([]);
  });
});

describe('missing-provenance', () => {
  it('fires on an added shard that lacks required fields, naming them', async () => {
    const a = await analyseChange(m([human('a', 100)]), m([human('a', 100), { id: 'web', path: 's3://x', rows: 5, origin: 'unknown' }]));
    expect(active(a)).toHaveLength(1);
    expect(active(a)[0]).toMatchObject({
      rule: 'missing-provenance',
      severity: 'medium',
      shard: 'web',
      line: 5,
      message: 'added shard lacks origin, source, license, collected (origin is "unknown")',
    });
  });

  it('asks synthetic shards for generator.model', async () => {
    const a = await analyseChange(m([human('a', 100)]), m([human('a', 100), synthetic('s', 1, { generator: { depth: 1 } })]));
    expect(active(a).find((f) => f.rule === 'missing-provenance')!.message).toBe('added shard lacks generator.model');
  });

  it('reports gaps already on the base once, as inherited', async () => {
    const bare = [
      { id: 'x', rows: 1 },
      { id: 'y', rows: 1 },
    ];
    const a = await analyseChange(m([...bare, human('a', 1)]), m([...bare, human('a', 1), human('b', 1)]));
    expect(rulesOf(a)).toEqual([]);
    const inherited = a.findings.filter((f) => f.inherited);
    expect(inherited).toHaveLength(1);
    expect(inherited[0]).toMatchObject({ rule: 'missing-provenance', severity: 'info', shard: 'x, y' });
  });
});

describe('manifest-invalid', () => {
  it('fails with the file and line of a malformed head manifest', async () => {
    const a = await analyseChange(m([human('a', 1)]), { [M]: 'shards:\n  - id: a\n    rows: "many"\n' });
    expect(active(a)).toEqual([expect.objectContaining({ rule: 'manifest-invalid', severity: 'high', manifest: M, line: 3 })]);
    expect(a.risk).toBe('high');
  });

  it('is inherited when only the base was unreadable', async () => {
    const a = await analyseChange({ [M]: 'shards: [' }, m([human('a', 1)]));
    expect(rulesOf(a)).toEqual([]);
    expect(rulesOf(a, 'inherited')).toEqual(['manifest-invalid']);
  });
});

describe('diff identity', () => {
  it('a renamed shard (same hash, new path) and a reordered list produce no finding', async () => {
    const base = m([human('a', 10, { id: undefined }), human('b', 20), human('c', 30)]);
    const head = m([human('c', 30), human('a', 10, { id: undefined, path: 's3://moved/a.parquet' }), human('b', 20)]);
    const a = await analyseChange(base, head);
    expect(a.findings).toEqual([]);
    expect(a.change.manifests[0]!.counts).toEqual({ added: 0, removed: 0, modified: 0, renamed: 1, unchanged: 2 });
  });

  it('a manifest moved to a new path is diffed against its old path', async () => {
    const shards = [human('a', 10), human('b', 20)];
    const a = await analyseChange(
      { 'old/x.manifest.yaml': yamlManifest(shards) },
      { 'old/x.manifest.yaml': null, 'new/x.manifest.yaml': yamlManifest(shards) },
    );
    expect(a.findings).toEqual([]);
    expect(a.change.manifests).toEqual([expect.objectContaining({ path: 'new/x.manifest.yaml', basePath: 'old/x.manifest.yaml', status: 'moved' })]);
  });

  it('a shard moved between manifests is not a removal', async () => {
    const a = await analyseChange(
      { 'a.manifest.yaml': yamlManifest([human('x', 10), human('y', 10)]), 'b.manifest.yaml': yamlManifest([human('z', 10)]) },
      { 'a.manifest.yaml': yamlManifest([human('x', 10)]), 'b.manifest.yaml': yamlManifest([human('z', 10), human('y', 10)]) },
    );
    expect(a.findings).toEqual([]);
    expect(a.change.manifests.map((d) => d.counts.renamed)).toEqual([0, 1]);
  });

  it('only documented human shards added: risk none', async () => {
    const a = await analyseChange(m([human('a', 10)]), m([human('a', 10), human('b', 10)]));
    expect(a.risk).toBe('none');
    expect(a.checklist.filter((c) => c.status === 'fail')).toEqual([]);
  });
});

describe("changes already on main are not the PR's (three-dot diff against the merge-base)", () => {
  it('real data swapped and a rare shard dropped on main after the PR branched: no finding on the PR', async () => {
    const repo = new TestRepo();
    try {
      const start = [human('a', 100), human('b', 100), human('r', 10, { tags: ['rare'], categories: { sw: 10 } })];
      repo.commit(m(start), 'start');
      repo.branch('pr');
      const head = repo.commit({ 'data/extra.manifest.yaml': yamlManifest([human('c', 50)]) }, 'pr adds a manifest');
      repo.git('checkout', '--quiet', 'main');
      const main = repo.commit(m([human('a', 100), synthetic('s', 500)]), 'main swaps data');
      const a = await analyse({ repoDir: repo.dir, base: main, head });
      expect(a.revisions.base).not.toBe(main);
      expect(a.findings).toEqual([]);
      expect(a.risk).toBe('none');
    } finally {
      repo.remove();
    }
  });
});
