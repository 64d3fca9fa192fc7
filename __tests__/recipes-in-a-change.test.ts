// Mixture recipes as their histories change them (SPEC §5a), on real git histories built from
// the shapes real OLMo-core, SmolLM and nanotron repositories take: path fixes, relabelling,
// stray lines, token counts, dilution by new sources, configs without data.
import { active, analyseChange } from '../test-support/analyse-repo.js';

const files = (dir: string, n: number, name = (i: number) => `part-${i}-00000.npy`) => Array.from({ length: n }, (_, i) => `${dir}/${name(i)}`);
const lines = (paths: string[], label?: string) => paths.map((p) => (label ? `${label},${p}` : p)).join('\n') + '\n';
const blocking = (a: Awaited<ReturnType<typeof analyseChange>>) => active(a).filter((f) => f.severity !== 'info');
const MIX = 'src/examples/data_sources.txt';

describe('path fixes change no source', () => {
  it('a bucket written or dropped, a mount root added, a doubled prefix removed', async () => {
    const web = files('preprocessed/dclm/v0/allenai/dolma2-tokenizer', 12);
    const code = files('preprocessed/stack-edu/python/allenai/dolma2-tokenizer', 4);
    const base = lines([...web.map((p) => `gs://ai2-llm/${p}`), ...code.map((p) => `gs://ai2-llm/${p}`)]);
    for (const head of [lines([...web, ...code].map((p) => `ai2-llm/${p}`)), lines([...web, ...code].map((p) => `/weka/oe-training-default/ai2-llm/${p}`))]) {
      const a = await analyseChange({ [MIX]: base }, { [MIX]: head });
      expect(blocking(a)).toEqual([]);
      expect(a.change.manifests[0]!.counts).toMatchObject({ added: 0, removed: 0 });
    }
  });

  it('labels added to a path-only mix, three folders now under one label, is no source leaving', async () => {
    const head = files('preprocessed/cc_en_head', 4);
    const middle = files('preprocessed/cc_en_middle', 4);
    const books = files('preprocessed/books', 2);
    const a = await analyseChange(
      { 'mixes/dolma17.txt': lines([...head, ...middle, ...books]) },
      { 'mixes/dolma17.txt': lines([...head, ...middle], 'dolma-cc') + lines(books, 'books') },
    );
    expect(blocking(a)).toEqual([]);
    expect(a.change.manifests[0]!.shards.map((c) => [c.status, c.base?.id, c.head?.id])).toEqual([
      ['renamed', 'preprocessed/cc_en_head', 'dolma-cc'],
      ['renamed', 'preprocessed/books', 'books'],
      ['renamed', 'preprocessed/cc_en_middle', 'dolma-cc'],
    ]);
  });

  it('files named by process (proc00-64.npy) are parts of their folder: one leaving is the source shrinking', async () => {
    const book = files('long-contexts/book-65536_npy', 12, (i) => `proc${String(i).padStart(2, '0')}-64.npy`);
    const a = await analyseChange({ [MIX]: lines(book) }, { [MIX]: lines(book.slice(1)) });
    expect(blocking(a)).toEqual([]);
    expect(a.change.manifests[0]!.shards).toEqual([
      expect.objectContaining({ status: 'modified', base: expect.objectContaining({ weight: 12 }), head: expect.objectContaining({ weight: 11 }) }),
    ]);
  });
});

describe('what a mix is made of', () => {
  it('a label that gathers synthetic and other files is two sources, each with its origin', async () => {
    const text = lines([...files('preprocessed/LC_synth/qwen', 2), ...files('preprocessed/s2pdf/long', 8)], 'longmino');
    const a = await analyseChange({ 'README.md': '# mixes\n' }, { 'mixes/longmino.txt': text });
    expect(a.change.datasets[0]!.units.head).toEqual({ real: 0, synthetic: 2, unknown: 8 });
    expect(a.change.manifests[0]!.head!.shards.map((s) => [s.id, s.origin])).toEqual([
      ['longmino (synthetic files)', 'synthetic'],
      ['longmino', undefined],
    ]);
  });

  it('#SOURCE comments that state tokens weigh the sources by tokens', async () => {
    const mix = (mathFiles: number) =>
      [
        '#SOURCE: gs://ai2-llm/preprocessed/dclm/ (40BT)',
        ...files('preprocessed/dclm', 4),
        '#SOURCE: gs://ai2-llm/preprocessed/tinyGSM/ (10BT)',
        ...files('preprocessed/tinyGSM', mathFiles),
      ].join('\n') + '\n';
    const a = await analyseChange({ [MIX]: mix(4) }, { [MIX]: mix(8) });
    expect(a.change.datasets[0]).toMatchObject({ unit: 'tokens', units: { base: { synthetic: 10e9, unknown: 40e9 } } });
  });

  it('sources added beside the others dilute nothing: no share-fall finding', async () => {
    const base = lines(files('preprocessed/wiki', 1), 'wiki') + lines(files('preprocessed/dclm', 99), 'web');
    const head = base + lines(files('preprocessed/stack', 900), 'code');
    const a = await analyseChange({ [MIX]: base }, { [MIX]: head });
    expect(active(a).filter((f) => f.rule === 'category-tail-loss')).toEqual([]);
  });

  it('every source of a mix replaced is a different mix: medium, not a tail lost', async () => {
    const a = await analyseChange({ [MIX]: lines(files('datasets/wiki', 3), 'wiki') }, { [MIX]: lines(files('datasets/fineweb-edu', 3), 'fineweb-edu') });
    expect(active(a).find((f) => f.rule === 'category-tail-loss')).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(/^every source of the mix is replaced \(wiki\)/),
    });
    expect(a.risk).toBe('medium');
  });

  it('sources of unknown origin cut while synthetic ones arrive: medium, saying they may be real', async () => {
    const base = lines(files('preprocessed/olmocr-s2orc', 40), 'olmocr') + lines(files('preprocessed/dclm', 60), 'web');
    const head =
      lines(files('preprocessed/olmocr-s2orc', 8), 'olmocr') +
      lines(files('preprocessed/dclm', 60), 'web') +
      lines(files('preprocessed/personahub_math_v5', 30), 'personahub');
    const a = await analyseChange({ [MIX]: base }, { [MIX]: head });
    expect(active(a).find((f) => f.rule === 'real-data-replaced')).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(/^sources of unknown origin give way to synthetic ones \(their share 100\.0 % → 69\.4 %\)/),
    });
  });
});

describe('nanotron configs without data to judge', () => {
  const config = (dataset: string) =>
    `general:\n  project: debug\ndata_stages:\n- name: stable\n  start_training_step: 1\n  data:\n    dataset:${dataset}\n    seed: 42\n`;

  it('a stage with no dataset (dummy data for benchmarks) is read, with a note; a commented-out folder is no source', async () => {
    const a = await analyseChange({ 'README.md': '#\n' }, { 'examples/bench.yaml': config(' null\n    # dataset_folder: datasets/old') });
    // Not a mixture at all: no uncommented source key.
    expect(a.change.manifests).toEqual([]);
    const b = await analyseChange(
      { 'README.md': '#\n' },
      { 'examples/bench.yaml': `${config(' null')}- name: decay\n  data:\n    dataset:\n      dataset_folder: datasets/wiki\n` },
    );
    expect(b.risk).not.toBe('high');
    expect(b.findings.find((f) => f.rule === 'manifest-invalid')).toMatchObject({
      severity: 'info',
      message: expect.stringContaining('stage 1 names no dataset_folder'),
    });
  });

  it('hf_dataset_or_datasets names Hub datasets as sources', async () => {
    const a = await analyseChange({ 'README.md': '#\n' }, { 'examples/tiny.yaml': config('\n      hf_dataset_or_datasets: {roneneldan/TinyStories: 1.0}') });
    expect(a.change.manifests[0]!.head!.shards).toEqual([expect.objectContaining({ id: 'roneneldan/TinyStories', origin: 'synthetic', weight: 1 })]);
  });
});

describe('a mix replaced whole', () => {
  it('is a different mix judged on its composition: a synthetic one is surfaced at medium, not critical', async () => {
    const config = (source: string) => `data_stages:\n- name: stable\n  data:\n    dataset:\n      hf_dataset_or_datasets: ${source}\n`;
    const a = await analyseChange({ 'examples/tiny.yaml': config('stas/openwebtext-10k') }, { 'examples/tiny.yaml': config('roneneldan/TinyStories') });
    expect(blocking(a).map((f) => [f.rule, f.severity])).toEqual([
      ['synthetic-share', 'medium'],
      ['unverified-synthetic', 'low'],
      ['category-tail-loss', 'medium'],
    ]);
    expect(a.risk).toBe('medium');
  });
});
