// Inventories (cards, catalogs, DVC files, Croissant) as real repositories change them: first
// metadata, renamed configs and entries, aggregate configs, cards that stop being cards, outputs
// moved between DVC files. A careful reviewer lets these pass; each stays judged on its data.
import { active, analyseChange } from '../test-support/analyse-repo.js';

const blocking = (a: Awaited<ReturnType<typeof analyseChange>>) => active(a).filter((f) => f.severity !== 'info');

const card = (front: string) => `---\n${front}---\n\n# A dataset\n`;
const configs = (names: string[], rows = (n: string) => 1000 + n.length) =>
  `configs:\n${names.map((n) => `- config_name: ${n}\n  data_files: data/${n}/*.parquet`).join('\n')}\ndataset_info:\n${names
    .map((n) => `- config_name: ${n}\n  splits:\n  - name: train\n    num_examples: ${rows(n)}`)
    .join('\n')}\n`;

describe('dataset cards', () => {
  it('a card that held only a title, given its first metadata, is new data: surfaced, never critical', async () => {
    const a = await analyseChange(
      { 'datasets/nli_tr/README.md': card('pretty_name: NLI-TR\n') },
      { 'datasets/nli_tr/README.md': card('pretty_name: NLI-TR\nlanguage_creators:\n- machine-generated\ntask_categories:\n- text-classification\n') },
    );
    expect(a.change.datasets[0]!.status).toBe('added');
    expect(blocking(a).find((f) => f.rule === 'synthetic-share')).toMatchObject({ severity: 'medium' });
    expect(a.risk).toBe('medium');
  });

  it('configs renamed with their data (dagw-adl → adl) lose no category', async () => {
    const names = ['adl', 'botxt', 'dannet', 'ep'];
    const a = await analyseChange(
      {
        'README.md': card(
          `pretty_name: Dynaword\nlanguage_creators:\n- found\n${configs(
            names.map((n) => `dagw-${n}`),
            (n) => 1000 + n.length * 7,
          )}`,
        ),
      },
      { 'README.md': card(`pretty_name: Dynaword\nlanguage_creators:\n- found\n${configs(names, (n) => 1000 + (n.length + 5) * 7)}`) },
    );
    expect(blocking(a)).toEqual([]);
  });

  it('a config that is the union of the others ("default") is no data of its own: dropping it removes nothing', async () => {
    const front = (withDefault: boolean) =>
      `pretty_name: X\nlanguage_creators:\n- found\nconfigs:\n${withDefault ? '- config_name: default\n  data_files: data/*/*.parquet\n' : ''}` +
      ['adl', 'ai', 'ep'].map((n) => `- config_name: ${n}\n  data_files: data/${n}/*.parquet\n`).join('');
    const a = await analyseChange({ 'README.md': card(front(true)) }, { 'README.md': card(front(false)) });
    expect(blocking(a)).toEqual([]);
    expect(a.change.manifests[0]!.base!.shards.map((s) => s.id)).toEqual(['adl/data/adl/*.parquet', 'ai/data/ai/*.parquet', 'ep/data/ep/*.parquet']);
    expect(a.change.manifests[0]!.base!.notes).toEqual([
      expect.objectContaining({ field: 'configs', severity: 'info', detail: expect.stringContaining('config "default" takes in the files of other configs') }),
    ]);
  });

  it('a card whose front-matter is removed is no longer read: its data is reported as no longer described, at medium', async () => {
    const a = await analyseChange(
      { 'README.md': card(`pretty_name: X\nlanguage_creators:\n- found\n${configs(['a', 'b'])}`) },
      { 'README.md': '# X\n\nThe data moved to the Hub.\n' },
    );
    expect(blocking(a)).toEqual([
      expect.objectContaining({
        rule: 'real-data-removed',
        severity: 'medium',
        message: expect.stringContaining('the file no longer reads as a manifest'),
      }),
    ]);
  });
});

describe('catalogs (Data Provenance summaries)', () => {
  const entry = (id: string, fields: object) => ({
    [id]: {
      'Unique Dataset Identifier': id,
      'Dataset Name': 'WildChat',
      Collection: 'WildChat',
      'Text Metrics': { 'Num Dialogs': id.length * 1000 },
      ...fields,
    },
  });
  const summary = (entries: object[]) => `${JSON.stringify(Object.assign({}, ...entries), null, 4)}\n`;
  const F = 'data_summaries/WildChat.json';

  it('entries renamed with the same counts, their labels corrected, are one catalog: no removal, no critical share', async () => {
    const a = await analyseChange(
      {
        [F]: summary([
          entry('wc-gpt-3.5-t', { 'Model Generated': ['GPT-3.5'], 'Human Annotation': 'Yes' }),
          entry('wc-gpt-4', { 'Model Generated': ['GPT-4'], 'Human Annotation': 'Yes' }),
        ]),
      },
      {
        [F]: summary([
          entry('wildchat-gpt', { 'Model Generated': ['GPT-3.5'], 'Human Annotation': 'No' }),
          entry('wildch-4', { 'Model Generated': ['GPT-4'], 'Human Annotation': 'No' }),
        ]),
      },
    );
    expect(blocking(a).filter((f) => f.severity === 'high' || f.severity === 'critical')).toEqual([]);
    expect(a.findings.find((f) => f.rule === 'missing-provenance' && f.severity === 'info')).toMatchObject({
      message: expect.stringContaining('origin recorded for 2 shards (mixed → synthetic)'),
    });
  });

  it('entries added to a catalog whose sizes are not stated: the share by entries is medium at most', async () => {
    const bare = (id: string, generated: string[]) => ({ [id]: { 'Dataset Name': id, Collection: 'C', 'Model Generated': generated } });
    const a = await analyseChange(
      { 'data_summaries/C.json': summary([bare('h1', []), bare('s1', ['GPT-4'])]) },
      { 'data_summaries/C.json': summary([bare('h1', []), bare('s1', ['GPT-4']), bare('s2', ['GPT-4']), bare('s3', ['GPT-4'])]) },
    );
    expect(active(a).find((f) => f.rule === 'synthetic-share')).toMatchObject({ severity: 'medium', message: expect.stringContaining('counted in shards') });
  });
});

describe('DVC and Croissant', () => {
  it('outputs of four .dvc files moved into one dvc.lock, with their hashes, are no loss', async () => {
    const dvc = (name: string) => `outs:\n- md5: ${name.padEnd(32, '0')}\n  size: 1000\n  path: ${name}\n`;
    const stage = (n: string) =>
      `  prepare-${n}:\n    cmd: python prepare.py ${n}\n    outs:\n    - path: data/${n}\n      md5: ${n.padEnd(32, '0')}\n      size: 1000\n`;
    const lock = `schema: '2.0'\nstages:\n${['a', 'b', 'c', 'd'].map(stage).join('')}`;
    const a = await analyseChange(Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`data/${n}.dvc`, dvc(n)])), {
      ...Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`data/${n}.dvc`, null])),
      'dvc.lock': lock,
    });
    expect(blocking(a)).toEqual([]);
    expect(a.change.datasets).toHaveLength(1);
  });

  it('a Croissant file named like c4_croissant.json is read automatically', async () => {
    const croissant = JSON.stringify(
      {
        '@context': { '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/' },
        '@type': 'sc:Dataset',
        name: 'openhermes',
        keywords: ['synthetic', 'GPT-4'],
        distribution: [{ '@type': 'cr:FileObject', '@id': 'train.parquet', contentUrl: 'https://x/train.parquet', contentSize: '1 MB' }],
      },
      null,
      2,
    );
    const a = await analyseChange({ 'README.md': '# x\n' }, { 'croissant/open_hermes_croissant.json': croissant });
    expect(a.change.manifests).toEqual([expect.objectContaining({ path: 'croissant/open_hermes_croissant.json', format: 'croissant' })]);
    expect(active(a).map((f) => f.rule)).toContain('synthetic-share');
  });

  it('C4, a crawl of April 2019, is web data collected before the cutoff', async () => {
    const M = 'data/web.manifest.yaml';
    const shard = { id: 'c4-en', path: 's3://x/c4', rows: 10, origin: 'human', source: 'allenai/c4', license: 'odc-by' };
    const a = await analyseChange(
      { [M]: 'dataset: w\nshards:\n  - {"id": "a", "rows": 1, "origin": "human"}\n' },
      { [M]: `dataset: w\nshards:\n  - {"id": "a", "rows": 1, "origin": "human"}\n  - ${JSON.stringify(shard)}\n` },
    );
    expect(active(a).map((f) => f.rule)).not.toContain('unverified-recent-scrape');
  });
});

describe("a card's default config that names no files", () => {
  it('beside configs that do, is their union: dropping it removes nothing', async () => {
    const front = (withDefault: boolean) =>
      `pretty_name: X\nlanguage_creators:\n- found\nconfigs:\n${withDefault ? '- config_name: default\n' : ''}` +
      ['adl', 'ai', 'ep'].map((n) => `- config_name: ${n}\n  data_files: data/${n}/*.parquet\n`).join('');
    const a = await analyseChange({ 'README.md': card(front(true)) }, { 'README.md': card(front(false)) });
    expect(blocking(a)).toEqual([]);
  });
});
