// Datasets across manifests (SPEC §5a), on real git histories: shares, totals and losses are the
// dataset's, whatever the file layout; recipes are not inventories; labelling is not replacing.
import { analyse } from '../src/analysis/analyse.js';
import { SelectionError } from '../src/analysis/collect.js';
import { toJsonReport } from '../src/report/json.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { active, analyseChange, rulesOf } from '../test-support/analyse-repo.js';
import { human, synthetic, TestRepo, yamlManifest } from '../test-support/git-repo.js';

const SFT = { dataset: 'assist-sft' };
const tickets = (extra: object[] = []) => yamlManifest([human('zd-2023', 10_000), human('zd-2024', 12_000), ...extra], SFT);
const web = (extra: object[] = []) => yamlManifest([human('cc-2021', 20_000, { source: 'CC-MAIN-2021-49', collected: '2021-12-08' }), ...extra], SFT);
const forums = (extra: object[] = []) => yamlManifest([human('forum-a', 3_000), human('forum-b', 2_000), ...extra], SFT);
const books = yamlManifest([human('books', 3_000)], SFT);
const layout = {
  'data/tickets/zendesk.manifest.yaml': tickets(),
  'data/web/commoncrawl.manifest.yaml': web(),
  'data/forums/forums.manifest.yaml': forums(),
  'data/books/books.manifest.yaml': books,
};
const paraphrase = synthetic('paraphrase-v1', 2_000);

describe('a dataset kept as one manifest per source', () => {
  it("a small synthetic source in a file of its own is a small rise of the dataset's share, as it is inside an existing file", async () => {
    const own = await analyseChange(layout, { 'data/synthetic/paraphrase.manifest.yaml': yamlManifest([paraphrase], SFT) });
    const inside = await analyseChange(layout, { 'data/tickets/zendesk.manifest.yaml': tickets([paraphrase]) });
    for (const a of [own, inside]) {
      expect(a.change.datasets).toHaveLength(1);
      expect(a.change.datasets[0]).toMatchObject({
        name: 'assist-sft',
        status: 'modified',
        units: { base: { real: 50_000, synthetic: 0 }, head: { real: 50_000, synthetic: 2_000 } },
      });
      expect(active(a).map((f) => [f.rule, f.severity])).toEqual([['synthetic-share', 'info']]);
      expect(active(a)[0]!.message).toBe('synthetic share of dataset assist-sft 0.0 % → 3.8 % (by rows)');
      expect(a.risk).toBe('info');
    }
    // The untouched manifests are read once and listed with the dataset.
    const report = toJsonReport(own);
    expect(report.datasets[0]!.manifests).toEqual([
      'data/books/books.manifest.yaml',
      'data/forums/forums.manifest.yaml',
      'data/synthetic/paraphrase.manifest.yaml',
      'data/tickets/zendesk.manifest.yaml',
      'data/web/commoncrawl.manifest.yaml',
    ]);
    expect(report.manifests.map((m) => [m.path, m.status, m.dataset])).toEqual([['data/synthetic/paraphrase.manifest.yaml', 'added', 'assist-sft']]);
    expect(report.findings[0]).toMatchObject({ rule: 'synthetic-share', dataset: 'assist-sft' });
    expect(own.syntheticShare).toBeCloseTo(2_000 / 52_000);
  });

  it('a shard moved from one file to another is neither a removal nor an addition', async () => {
    const a = await analyseChange(layout, {
      'data/forums/forums.manifest.yaml': yamlManifest([human('forum-a', 3_000)], SFT),
      'data/tickets/zendesk.manifest.yaml': tickets([human('forum-b', 2_000)]),
    });
    expect(a.findings.filter((f) => !f.inherited)).toEqual([]);
    expect(a.change.manifests.map((m) => [m.path, m.counts.removed, m.counts.renamed])).toEqual([
      ['data/forums/forums.manifest.yaml', 0, 0],
      ['data/tickets/zendesk.manifest.yaml', 0, 1],
    ]);
  });

  it('a source file deleted is the dataset losing real data, graded against the whole dataset', async () => {
    const a = await analyseChange(layout, { 'data/forums/forums.manifest.yaml': null });
    expect(active(a)).toEqual([
      expect.objectContaining({
        rule: 'real-data-removed',
        severity: 'high',
        manifest: 'data/forums/forums.manifest.yaml',
        dataset: 'assist-sft',
        shards: ['forum-a', 'forum-b'],
        message: "real data shrinks by 5 k rows (10.0 % of the dataset's base real data); the manifest is deleted",
      }),
    ]);
    expect(a.change.datasets[0]).toMatchObject({ status: 'modified', units: { base: { real: 50_000 }, head: { real: 45_000 } } });
  });

  it('real data removed from one file while synthetic data arrives in another is a replacement', async () => {
    const a = await analyseChange(layout, {
      'data/web/commoncrawl.manifest.yaml': null,
      'data/synthetic/paraphrase.manifest.yaml': yamlManifest([paraphrase], SFT),
    });
    expect(rulesOf(a)).toEqual(['real-data-removed', 'real-data-replaced', 'synthetic-share']);
    expect(active(a).find((f) => f.rule === 'real-data-replaced')).toMatchObject({
      manifest: 'data/web/commoncrawl.manifest.yaml',
      message: expect.stringContaining('while synthetic data was added to the same dataset (paraphrase-v1)'),
    });
  });

  it('real data leaving one dataset is not replaced by synthetic data added to another', async () => {
    const a = await analyseChange(layout, {
      'data/books/books.manifest.yaml': null,
      'data/other/distill.manifest.yaml': yamlManifest([paraphrase], { dataset: 'distill' }),
    });
    expect(rulesOf(a)).not.toContain('real-data-replaced');
    expect(a.change.datasets.map((d) => [d.name, d.status])).toEqual([
      ['assist-sft', 'modified'],
      ['distill', 'added'],
    ]);
  });

  it("the policy's datasets: entries group manifests by glob, whatever their names say", async () => {
    const policy = 'datasets:\n  - name: support\n    manifests: ["data/tickets/*.yaml", "data/forums/*.yaml"]\n';
    const files = { ...layout, 'data/forums/forums.manifest.yaml': yamlManifest([human('forum-a', 3_000), human('forum-b', 2_000)], { dataset: 'forums' }) };
    const a = await analyseChange(
      { ...files, '.github/collapse-guard.yml': policy },
      { 'data/synthetic/p.manifest.yaml': yamlManifest([paraphrase], SFT), 'data/tickets/zendesk.manifest.yaml': tickets([human('zd-2025', 100)]) },
    );
    const support = a.change.datasets.find((d) => d.name === 'support')!;
    expect(support.members.head).toEqual(['data/forums/forums.manifest.yaml', 'data/tickets/zendesk.manifest.yaml']);
    expect(support.units.head.real).toBe(27_100);
    expect(a.change.datasets.find((d) => d.name === 'assist-sft')!.members.head).toContain('data/books/books.manifest.yaml');
  });

  it('a dataset renamed in all its manifests is one dataset, not a deletion and a new one', async () => {
    const renamed = (text: string) => text.replace('dataset: "assist-sft"', 'dataset: "assist-sft-v2"');
    const a = await analyseChange(layout, Object.fromEntries(Object.entries(layout).map(([p, t]) => [p, renamed(t)])));
    expect(a.change.datasets.map((d) => [d.name, d.previousName, d.status])).toEqual([['assist-sft-v2', 'assist-sft', 'modified']]);
    expect(active(a)).toEqual([]);
  });
});

describe('a dataset new in this change', () => {
  it('is judged on its own composition: synthetic data surfaced, never called real data replaced or removed', async () => {
    const distill = yamlManifest([synthetic('d1', 5_000, { generator: { model: 'teacher-70b' }, verified: undefined })], { dataset: 'distill' });
    const a = await analyseChange(layout, { 'data/distill/d.manifest.yaml': distill });
    expect(active(a).map((f) => [f.rule, f.severity])).toEqual([
      ['synthetic-share', 'medium'],
      ['unverified-synthetic', 'low'],
    ]);
    expect(active(a)[0]!.message).toContain('synthetic share of dataset distill (new in this change) 100.0 % (by rows); a new dataset, so medium at most');
    expect(a.risk).toBe('medium');
  });
});

describe('recipes (mixtures) are not inventories', () => {
  const mix = (sources: [string, string[]][]) => sources.flatMap(([label, files]) => files.map((f) => `${label},${f}`)).join('\n') + '\n';
  const files = (dir: string, n: number, tok = 'dolma2-tokenizer') => Array.from({ length: n }, (_, i) => `preprocessed/${dir}/${tok}/part-${i}-00000.npy`);
  const anneal = mix([
    ['web', files('dclm', 8)],
    ['math', files('proof-pile-2', 2)],
    ['code', files('starcoder', 2)],
  ]);

  it('deleting a mixture file is not data loss', async () => {
    const a = await analyseChange({ 'src/mixes/anneal.txt': anneal, 'README.md': '# x\n' }, { 'src/mixes/anneal.txt': null });
    expect(active(a)).toEqual([]);
    expect(a.change.datasets[0]).toMatchObject({ status: 'deleted', kind: 'recipe' });
  });

  it('a mixture moved, even edited too much for git to call it a rename, is compared with its old self', async () => {
    const moved = await analyseChange({ 'src/mixes/anneal.txt': anneal }, { 'src/mixes/anneal.txt': null, 'scripts/train/anneal.txt': anneal });
    expect(active(moved)).toEqual([]);
    const shifted = mix([
      ['web', files('dclm', 8)],
      ['tinygsm', files('tinyGSM', 4)],
      ['personahub', files('personahub_math_v5', 4)],
    ]);
    const a = await analyseChange({ 'src/mixes/anneal.txt': anneal }, { 'src/mixes/anneal.txt': null, 'scripts/train/anneal.txt': shifted });
    expect(a.change.manifests).toEqual([expect.objectContaining({ path: 'scripts/train/anneal.txt', basePath: 'src/mixes/anneal.txt', status: 'moved' })]);
    expect(active(a).find((f) => f.rule === 'category-tail-loss')).toMatchObject({ severity: 'high', shards: ['math', 'code'] });
    // Half the mix is now drawn from synthetic sources: a moved recipe is no new dataset.
    expect(active(a).find((f) => f.rule === 'synthetic-share')).toMatchObject({
      severity: 'high',
      message: expect.stringContaining('0.0 % → 50.0 % (by weight)'),
    });
    expect(a.risk).toBe('high');
  });

  it('rewritten paths (a tokenizer placeholder) change nothing, and one file of a source leaving is that source shrinking', async () => {
    const rewritten = anneal.replaceAll('dolma2-tokenizer', '{TOKENIZER}');
    const a = await analyseChange({ 'src/mixes/anneal.txt': anneal }, { 'src/mixes/anneal.txt': rewritten });
    expect(a.findings.filter((f) => !f.inherited && f.severity !== 'info')).toEqual([]);
    expect(a.change.manifests[0]!.counts).toMatchObject({ added: 0, removed: 0, modified: 0, unchanged: 3 });
    const oneLess = anneal.replace(`web,${files('dclm', 8)[3]}\n`, '');
    const b = await analyseChange({ 'src/mixes/anneal.txt': anneal }, { 'src/mixes/anneal.txt': oneLess });
    expect(active(b)).toEqual([]);
    expect(b.change.manifests[0]!.shards.find((c) => c.status === 'modified')).toMatchObject({ base: { id: 'web', weight: 8 }, head: { weight: 7 } });
  });
});

describe('labelling is not replacing', () => {
  const bare = (extra: object = {}) => [
    { id: 'p1', path: 's3://d/p1.parquet', sha256: 'p1', rows: 1_000, source: 'vendor', license: 'internal', collected: '2024-03-01', ...extra },
    { id: 'p2', path: 's3://d/p2.parquet', sha256: 'p2', rows: 1_000, source: 'vendor', license: 'internal', collected: '2024-03-01', ...extra },
  ];

  it('origin recorded on unchanged content is an info finding; the share now known is medium at most', async () => {
    const M = 'data/vendor.manifest.yaml';
    const a = await analyseChange(
      { [M]: yamlManifest(bare()) },
      { [M]: yamlManifest(bare({ origin: 'synthetic', generator: { model: 'g', verified: true } })) },
    );
    const blocking = active(a).filter((f) => f.severity !== 'info');
    expect(blocking).toEqual([expect.objectContaining({ rule: 'synthetic-share', severity: 'medium' })]);
    expect(blocking[0]!.message).toContain('0.0 % → 100.0 %');
    expect(a.findings.find((f) => f.rule === 'missing-provenance')).toMatchObject({
      severity: 'info',
      shards: ['p1', 'p2'],
      message: 'origin recorded for 2 shards (absent → synthetic) with the same content: labelled, not replaced',
    });
    expect(a.risk).toBe('medium');
  });

  it('a metadata-only restructuring (the same shards split over two files, licences added) has no replacement, no removal, no compound risk', async () => {
    const shards = [human('a', 100, { license: undefined }), human('b', 100, { license: undefined }), synthetic('s', 10)];
    const a = await analyseChange(
      { 'data/all.manifest.yaml': yamlManifest(shards) },
      {
        'data/all.manifest.yaml': null,
        'data/human.manifest.yaml': yamlManifest([human('a', 100), human('b', 100)]),
        'data/synthetic.manifest.yaml': yamlManifest([synthetic('s', 10)]),
      },
    );
    expect(a.findings.filter((f) => !f.inherited)).toEqual([]);
    expect(a.change.datasets).toHaveLength(1);
  });
});

describe('unknown origin is not nothing', () => {
  it('a DVC-tracked file shrinking from 60 MB to 14 MB is reported, at medium, saying the origin is unknown', async () => {
    const dvc = (md5: string, size: number) => `outs:\n- md5: ${md5}\n  size: ${size}\n  path: data.xml\n`;
    const a = await analyseChange(
      { 'get-started/data.xml.dvc': dvc('a'.repeat(32), 59_900_000) },
      { 'get-started/data.xml.dvc': dvc('b'.repeat(32), 14_400_000) },
    );
    expect(active(a).find((f) => f.rule === 'real-data-removed')).toMatchObject({
      severity: 'medium',
      shards: ['get-started/data.xml'],
      message: "data of unknown origin (it may be real) shrinks by 45.5 M bytes (76.0 % of the dataset's base data)",
    });
    expect(a.risk).toBe('medium');
    const md = renderMarkdown(a, {});
    expect(md).toContain('- `get-started/data.xml.dvc` modified: shards +0 added −0 removed ~1 modified =0 unchanged');
    expect(md).toContain('unknown 59.9 M → 14.4 M bytes');
  });
});

describe('waivers that mean what they say', () => {
  const M = 'data/train.manifest.yaml';
  const base = { [M]: yamlManifest([human('keep', 10_000), human('pii-1', 2_000), human('pii-2', 1_000), human('old-1', 40)]) };
  const policy = (waivers: string) => ({ '.github/collapse-guard.yml': `waivers:\n${waivers}` });
  const piiWaiver = '  - rule: real-data-removed\n    shards: ["pii-*"]\n    reason: "PII takedown, DATA-123"\n    expires: 2099-12-31\n';

  it('a waiver covers the shards it names; the rest of the finding stays active, graded on its own', async () => {
    const a = await analyseChange({ ...base, ...policy(piiWaiver) }, { [M]: yamlManifest([human('keep', 10_000)]) });
    const f = active(a).find((x) => x.rule === 'real-data-removed')!;
    expect(f).toMatchObject({ shards: ['old-1'], waivedShards: ['pii-1', 'pii-2'], severity: 'medium' });
    expect(f.message).toContain('real data shrinks by 40 rows (0.3 %');
    expect(a.unusedWaivers).toEqual([]);
    expect(toJsonReport(a).findings.find((x) => x.rule === 'real-data-removed')).toMatchObject({
      waived: false,
      shards: ['old-1'],
      waivedShards: ['pii-1', 'pii-2'],
    });
    // The checklist says the problem is there, and that part of it is waived; never that it is fine.
    expect(a.checklist[3]).toMatchObject({ status: 'fail', evidence: expect.stringContaining('1 finding waived by the policy file') });
  });

  it('a waiver that covers every shard waives the finding, and the checklist says waived, not verified', async () => {
    const a = await analyseChange({ ...base, ...policy(piiWaiver) }, { [M]: yamlManifest([human('keep', 10_000), human('old-1', 40)]) });
    expect(active(a)).toEqual([]);
    expect(a.checklist[3]!.status).toBe('waived');
    expect(a.checklist[3]!.evidence).toMatch(/^problem waived by the policy file until 2099-12-31 \(PII takedown, DATA-123\)/);
    expect(a.checklist.map((c) => c.evidence).join(' ')).not.toMatch(/verified|kept/);
  });

  it('a waiver that matches nothing is listed as unused in the comment, the summary and the JSON report, and never fails', async () => {
    const stale = '  - rule: rare-data-dropped\n    shards: ["gone-*"]\n    reason: "old purge"\n    expires: 2099-12-31\n';
    const a = await analyseChange(
      { ...base, ...policy(stale) },
      { [M]: yamlManifest([human('keep', 10_000), human('pii-1', 2_000), human('pii-2', 1_000), human('old-1', 40), human('new', 5)]) },
    );
    expect(a.risk).toBe('none');
    expect(a.unusedWaivers).toEqual([expect.objectContaining({ rule: 'rare-data-dropped', shards: ['gone-*'], line: 2 })]);
    expect(toJsonReport(a).waivers).toEqual({
      unused: [{ rule: 'rare-data-dropped', shards: ['gone-*'], reason: 'old purge', expires: '2099-12-31', line: 2 }],
      expired: [],
    });
    expect(renderMarkdown(a, {})).toContain('Waivers that matched nothing in this change');
  });
});

describe('selections that match nothing', () => {
  it('a manifests glob or a dataset glob that matches no file is an error, never an empty pass', async () => {
    const repo = new TestRepo();
    try {
      const b = repo.commit({ 'data/a.manifest.yaml': yamlManifest([human('a', 1)]) });
      const h = repo.commit({ 'data/a.manifest.yaml': yamlManifest([human('a', 1), human('b', 1)]) });
      await expect(analyse({ repoDir: repo.dir, base: b, head: h, settings: { kind: 'flag', values: { manifests: ['datasets/**/*.yaml'] } } })).rejects.toThrow(
        new SelectionError('the manifests selection "datasets/**/*.yaml" matches no file at base or head: check the glob'),
      );
      const policy = { file: 'p.yml', text: 'datasets:\n  - name: sft\n    manifests: ["data/*.yaml", "dta/*.dvc"]\n' };
      await expect(analyse({ repoDir: repo.dir, base: b, head: h, policy })).rejects.toThrow(
        'the dataset "sft" in the policy file (line 2) lists "dta/*.dvc", which matches no file at base or head',
      );
      const fine = await analyse({ repoDir: repo.dir, base: b, head: h, settings: { kind: 'flag', values: { manifests: ['data/*.yaml'] } } });
      expect(fine.change.manifests).toHaveLength(1);
    } finally {
      repo.remove();
    }
  });
});
