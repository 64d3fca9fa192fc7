import { cardOrigin, hfDatasetCardFormat, parseHfDatasetCard } from '../../src/formats/hf-dataset-card/index.js';
import { errorOf } from '../helpers/error-of.js';

// A new-style Hub card: configs with data_files, counts in dataset_info (line numbers matter).
const NEW_STYLE = `---
pretty_name: Support Chats
language_creators:
- found
annotations_creators:
- machine-generated
license: cc-by-4.0
source_datasets:
- original
- extended|squad
tags:
- rare
configs:
- config_name: default
  data_files:
  - split: train
    path: data/train-*
  - split: test
    path:
    - data/test-a-*
    - data/test-b-*
- config_name: raw
  data_files: raw/*.jsonl
dataset_info:
- config_name: default
  splits:
  - name: train
    num_bytes: 2000
    num_examples: 20
  - name: test
    num_bytes: 500
    num_examples: 5
- config_name: raw
  splits:
  - name: train
    num_bytes: 9000
    num_examples: 90
---

# Support Chats

Prose below the front-matter is never parsed: key: [unbalanced
`;

describe('hf-dataset-card: candidate and detect', () => {
  it('considers README.md at any depth and other *.md files', () => {
    expect(hfDatasetCardFormat.name).toBe('hf-dataset-card');
    expect(hfDatasetCardFormat.candidate('README.md')).toBe(true);
    expect(hfDatasetCardFormat.candidate('datasets/chats/README.md')).toBe(true);
    expect(hfDatasetCardFormat.candidate('data/danish-pd/danish-pd.md')).toBe(true);
    expect(hfDatasetCardFormat.candidate('data/dataset_infos.json')).toBe(false);
    expect(hfDatasetCardFormat.candidate('README.txt')).toBe(false);
  });

  it('detects front-matter holding dataset-card keys', () => {
    expect(hfDatasetCardFormat.detect('README.md', NEW_STYLE)).toBe(true);
    expect(hfDatasetCardFormat.detect('README.md', '---\r\nlicense: mit\r\n---\r\n# x\r\n')).toBe(true);
    expect(hfDatasetCardFormat.detect('README.md', '\uFEFF---\ntask_categories: [text-generation]\n---\n')).toBe(true);
  });

  it('does not detect a README.md without dataset front-matter', () => {
    expect(hfDatasetCardFormat.detect('README.md', '# My project\n\nlicense: MIT\n')).toBe(false);
    expect(hfDatasetCardFormat.detect('README.md', '---\ntitle: Post\nlayout: page\n---\nBody\n')).toBe(false);
    // a card key only nested, not at the top level
    expect(hfDatasetCardFormat.detect('README.md', '---\nmeta:\n  license: mit\n---\n')).toBe(false);
    // never closed: a horizontal rule, not front-matter
    expect(hfDatasetCardFormat.detect('README.md', '---\nlicense: mit\n')).toBe(false);
    // front-matter must open on the first line
    expect(hfDatasetCardFormat.detect('README.md', '\n---\nlicense: mit\n---\n')).toBe(false);
  });

  it('still claims a card whose YAML is broken, so that it is reported', () => {
    expect(hfDatasetCardFormat.detect('README.md', '---\nlicense: [mit\n---\n')).toBe(true);
  });
});

describe('hf-dataset-card: parse', () => {
  it('reads configs/data_files as shards with lines, counts and card-level facts', () => {
    const d = parseHfDatasetCard('README.md', NEW_STYLE);
    expect(d.name).toBe('Support Chats');
    expect(d.shards.map((s) => [s.id, s.line])).toEqual([
      ['default/train', 16],
      ['default/test', 18],
      ['raw/raw/*.jsonl', 23],
    ]);
    expect(d.shards[0]).toMatchObject({ path: 'data/train-*', rows: 20, bytes: 2000 });
    expect(d.shards[1]).toMatchObject({ path: 'data/test-a-*, data/test-b-*', rows: 5, bytes: 500 });
    // files without a split are the train split
    expect(d.shards[2]).toMatchObject({ path: 'raw/*.jsonl', rows: 90, bytes: 9000 });
    for (const s of d.shards) {
      // language_creators decide over annotations_creators
      expect(s).toMatchObject({ origin: 'human', license: 'cc-by-4.0', source: 'original, extended|squad', tags: ['rare'] });
      expect(s.hash).toBeUndefined();
    }
    // Each config is a category (several configs here: default and raw).
    expect(d.shards.map((s) => s.categories)).toEqual([{ default: 20 }, { default: 5 }, { raw: 90 }]);
    expect(d.audit).toBeUndefined();
    expect(d.evaluation).toBeUndefined();
  });

  it('reads a split → path mapping and unsplit path lists', () => {
    const d = parseHfDatasetCard(
      'README.md',
      `---
configs:
- config_name: a
  data_files:
    train: a/train.parquet
    validation: [a/val-1.parquet, a/val-2.parquet]
- config_name: b
  data_files:
  - b/part-1.parquet
  - b/part-2.parquet
dataset_info:
  config_name: b
  splits:
  - name: train
    num_examples: 10
---
`,
    );
    expect(d.shards.map((s) => [s.id, s.line, s.path])).toEqual([
      ['a/train', 5, 'a/train.parquet'],
      ['a/validation', 6, 'a/val-1.parquet, a/val-2.parquet'],
      ['b/b/part-1.parquet', 9, 'b/part-1.parquet'],
      ['b/b/part-2.parquet', 10, 'b/part-2.parquet'],
    ]);
    // two files share the train split: neither holds its count alone
    expect(d.shards.map((s) => s.rows)).toEqual([undefined, undefined, undefined, undefined]);
    expect(d.shards[0]!.origin).toBeUndefined();
  });

  it('reads old-style configs (plain names) and configs that name no files', () => {
    const old = parseHfDatasetCard('README.md', '---\nlanguage_creators: [machine-generated]\nconfigs:\n- en-qa1\n- en-qa2\n---\n');
    expect(old.shards.map((s) => [s.id, s.line, s.origin])).toEqual([
      ['en-qa1', 4, 'synthetic'],
      ['en-qa2', 5, 'synthetic'],
    ]);
    const named = parseHfDatasetCard(
      'README.md',
      `---
configs:
- config_name: wiki
  data_dir: data/wiki
- config_name: news
dataset_info:
- config_name: wiki
  splits:
  - {name: train, num_examples: 7, num_bytes: 70}
  - {name: test, num_examples: 3, num_bytes: 30}
---
`,
    );
    expect(named.shards).toEqual([
      { id: 'wiki', path: 'data/wiki', line: 3, rows: 10, bytes: 100, tags: [], categories: { wiki: 10 } },
      { id: 'news', line: 5, tags: [], categories: { news: 1 } },
    ]);
  });

  it('falls back to dataset_info splits (a list with config_name, or one mapping)', () => {
    const listed = parseHfDatasetCard(
      'README.md',
      `---
dataset_info:
- config_name: squad1
  features:
  - name: id
    dtype: string
  splits:
  - name: train
    num_bytes: 5374088
    num_examples: 2888
  - name: validation
    num_bytes: 589922
    num_examples: 321
  download_size: 5920589
- config_name: squad2
  splits:
  - name: train
    num_examples: 12
---
`,
    );
    expect(listed.shards.map((s) => [s.id, s.line, s.rows, s.bytes])).toEqual([
      ['squad1/train', 8, 2888, 5374088],
      ['squad1/validation', 11, 321, 589922],
      ['squad2/train', 17, 12, undefined],
    ]);
    expect(listed.name).toBeUndefined();

    const single = parseHfDatasetCard('README.md', '---\ndataset_info:\n  dataset_name: chats\n  splits:\n  - name: train\n    num_examples: 4\n---\n');
    expect(single.name).toBe('chats');
    expect(single.shards.map((s) => [s.id, s.line, s.rows])).toEqual([['default/train', 5, 4]]);
  });

  it('gives a card with creators but no layout one whole-dataset shard', () => {
    const d = parseHfDatasetCard(
      'README.md',
      '---\nannotations_creators:\n- no-annotation\nlanguage_creators:\n- found\nlicense:\n- cc-by-sa-3.0\n- gfdl\n---\n',
    );
    expect(d.shards).toEqual([{ id: 'default', line: 4, origin: 'human', license: 'cc-by-sa-3.0, gfdl', tags: [] }]);
  });

  it('treats a synthetic tag as an origin, and a plain page without one as no shards', () => {
    const tagged = parseHfDatasetCard('README.md', '---\nlicense: cc-by-4.0\ntask_categories: [text-generation]\ntags:\n- sft\n- synthetic\n---\n');
    expect(tagged.shards).toEqual([{ id: 'default', line: 4, origin: 'synthetic', license: 'cc-by-4.0', tags: ['sft', 'synthetic'] }]);
    // a generic page tagged "synthetic" is not a dataset with an origin
    expect(parseHfDatasetCard('notes.md', '---\ntags: [synthetic]\nlanguage: en\n---\n').shards).toEqual([]);
    // a per-source card with only a licence and source: no origin, nothing to diff
    const source = parseHfDatasetCard('pd.md', '---\npretty_name: PD\nlicense: other\nsource_datasets:\n- org/pd\n---\n');
    expect(source).toEqual({ name: 'PD', shards: [] });
  });

  it.each([
    [{ language_creators: ['machine-generated'] }, 'synthetic'],
    [{ language_creators: ['found'] }, 'human'],
    [{ language_creators: ['crowdsourced', 'found'] }, 'human'],
    [{ language_creators: 'expert-generated' }, 'human'],
    [{ language_creators: ['crowdsourced', 'expert-generated', 'machine-generated', 'other'] }, 'mixed'],
    [{ language_creators: ['found'], annotations_creators: ['machine-generated'] }, 'human'],
    [{ language_creators: ['machine-generated'], annotations_creators: ['crowdsourced'] }, 'synthetic'],
    [{ annotations_creators: ['expert-generated', 'machine-generated'] }, 'mixed'],
    [{ language_creators: [], annotations_creators: ['crowdsourced'] }, 'human'],
    [{ language_creators: ['other'] }, 'unknown'],
    [{ annotations_creators: ['no-annotation'] }, 'unknown'],
    [{ tags: ['synthetic'] }, 'synthetic'],
    [{ tags: ['Synthetic'], language_creators: ['found'] }, 'mixed'],
    [{ tags: ['synthetic'], language_creators: ['machine-generated'] }, 'synthetic'],
    [{ tags: ['synthetic-data'] }, undefined],
    [{}, undefined],
  ] as const)('maps %j to %s', (card, origin) => {
    expect(cardOrigin(card as Parameters<typeof cardOrigin>[0])).toBe(origin);
  });

  it('ignores an empty licence list', () => {
    const d = parseHfDatasetCard('README.md', '---\nlanguage_creators: [found]\nlicense: []\n---\n');
    expect(d.shards[0]!.license).toBeUndefined();
  });

  it('yields the same ids whatever the order of entries', () => {
    const a = parseHfDatasetCard('README.md', NEW_STYLE);
    const reordered = NEW_STYLE.replace(
      '  - split: train\n    path: data/train-*\n  - split: test\n    path:\n    - data/test-a-*\n    - data/test-b-*\n',
      '  - split: test\n    path:\n    - data/test-a-*\n    - data/test-b-*\n  - split: train\n    path: data/train-*\n',
    );
    expect(reordered).not.toBe(NEW_STYLE);
    const b = parseHfDatasetCard('README.md', reordered);
    const byId = (d: typeof a) => Object.fromEntries(d.shards.map((s) => [s.id, [s.rows, s.bytes, s.path]]));
    expect(byId(b)).toEqual(byId(a));
    expect(b.shards.map((s) => s.id)).toEqual(['default/test', 'default/train', 'raw/raw/*.jsonl']);
  });
});

describe('hf-dataset-card: legacy per-config cards (2020-21)', () => {
  // Config names as YAML keys, as cards were written before `configs:` lists.
  const LEGACY = `---
annotations_creators:
  paws:
  - expert-generated
  paws_unlabeled:
  - machine-generated
language_creators:
- found
licenses:
- other
size_categories:
  paws:
  - 10K<n<100K
  paws_unlabeled:
  - 100K<n<1M
source_datasets:
  paws:
  - extended|wikipedia
  paws_unlabeled:
  - original
task_categories:
- text-classification
---
`;
  // The same card after migration: the values merged, the config names listed.
  const MIGRATED = `---
annotations_creators:
- expert-generated
- machine-generated
language_creators:
- found
licenses:
- other
size_categories:
- 10K<n<100K
- 100K<n<1M
source_datasets:
- extended|wikipedia
- original
task_categories:
- text-classification
configs:
- paws
- paws_unlabeled
---
`;

  it("reads the keys of per-config mappings as the card's configs, with no note", () => {
    const d = parseHfDatasetCard('README.md', LEGACY);
    // A config's line is that of its first per-config value.
    expect(d.shards.map((s) => [s.id, s.line])).toEqual([
      ['paws', 4],
      ['paws_unlabeled', 6],
    ]);
    expect(d.notes).toBeUndefined();
  });

  it('gives the same shards as the card migrated to `configs: [names]`', () => {
    const ids = (text: string) =>
      parseHfDatasetCard('README.md', text)
        .shards.map((s) => s.id)
        .sort();
    expect(ids(LEGACY)).toEqual(ids(MIGRATED));
  });

  it('gives each config its own source and, from per-config creators, its own origin', () => {
    const [paws, unlabeled] = parseHfDatasetCard('README.md', LEGACY).shards;
    // language_creators (found, for the whole card) decide over annotations_creators
    expect(paws).toMatchObject({ origin: 'human', source: 'extended|wikipedia', license: 'other' });
    expect(unlabeled).toMatchObject({ origin: 'human', source: 'original', license: 'other' });
    const perConfigLanguage = LEGACY.replace(
      'language_creators:\n- found\n',
      'language_creators:\n  paws:\n  - found\n  paws_unlabeled:\n  - machine-generated\n',
    );
    expect(parseHfDatasetCard('README.md', perConfigLanguage).shards.map((s) => [s.id, s.origin])).toEqual([
      ['paws', 'human'],
      ['paws_unlabeled', 'synthetic'],
    ]);
  });

  it('reads per-config licences, and `licenses` as the licence (`license` first when a card has both)', () => {
    const perConfig = LEGACY.replace('licenses:\n- other\n', 'licenses:\n  paws:\n  - other-paws\n  paws_unlabeled:\n  - cc-by-4.0\n');
    expect(parseHfDatasetCard('README.md', perConfig).shards.map((s) => s.license)).toEqual(['other-paws', 'cc-by-4.0']);
    const both = parseHfDatasetCard('README.md', '---\nlanguage_creators: [found]\nlicense: mit\nlicenses: [other]\n---\n');
    expect(both.shards[0]!.license).toBe('mit');
  });

  it("takes a config missing from a per-config mapping to have the card's merged value", () => {
    const d = parseHfDatasetCard('README.md', `${LEGACY.replace(/---\n$/, '')}configs:\n- paws\n- extra\n---\n`);
    expect(d.shards.map((s) => [s.id, s.source])).toEqual([
      ['paws', 'extended|wikipedia'],
      ['extra', 'extended|wikipedia, original'],
    ]);
  });

  it('leaves the name unknown, with a note, when pretty_name is given per config', () => {
    const names = 'pretty_name:\n  paws: PAWS\n  paws_unlabeled: PAWS (unlabeled)\n';
    const d = parseHfDatasetCard('README.md', LEGACY.replace('task_categories:', `${names}task_categories:`));
    expect(d.name).toBeUndefined();
    expect(d.shards.map((s) => s.id)).toEqual(['paws', 'paws_unlabeled']);
    expect(d.notes).toEqual([{ field: 'pretty_name', severity: 'info', line: 21, detail: expect.stringMatching(/one name per config.*treated as unknown/) }]);
  });
});

describe('hf-dataset-card: fields that are not understood are unknown, with a note', () => {
  const notesOf = (text: string) => parseHfDatasetCard('README.md', text).notes ?? [];

  it('reads a duplicate key as YAML loaders do (the last counts), with a low note at its line', () => {
    const d = parseHfDatasetCard('README.md', '---\nlanguage_creators: [found]\nlicense: mit\nlicense: apache-2.0\n---\n');
    expect(d.shards[0]!.license).toBe('apache-2.0');
    expect(d.notes).toEqual([{ field: 'license', severity: 'low', line: 4, detail: expect.stringMatching(/written twice.*later value counts/) }]);
  });

  it("a count that is not a number: that split's count is unknown, the rest is read", () => {
    const d = parseHfDatasetCard('README.md', NEW_STYLE.replace('num_examples: 5', 'num_examples: five'));
    expect(d.shards.map((s) => [s.id, s.rows, s.bytes])).toEqual([
      ['default/train', 20, 2000],
      ['default/test', undefined, 500],
      ['raw/raw/*.jsonl', 90, 9000],
    ]);
    expect(d.notes).toEqual([
      {
        field: 'num_examples',
        severity: 'info',
        line: 32,
        shard: 'default/test',
        detail: 'num_examples is the text "five", not a count: not understood, treated as unknown',
      },
    ]);
  });

  it('a count of a config read as one shard belongs to that shard', () => {
    const text = '---\nconfigs:\n- wiki\ndataset_info:\n  config_name: wiki\n  splits:\n  - name: train\n    num_examples: []\n---\n';
    const d = parseHfDatasetCard('README.md', text);
    expect(d.shards).toEqual([{ id: 'wiki', line: 3, tags: [] }]);
    expect(notesOf(text)).toEqual([expect.objectContaining({ field: 'num_examples', line: 8, shard: 'wiki' })]);
  });

  it('a data_files entry without a path: the split is a shard whose path is unknown', () => {
    const text = '---\nconfigs:\n- config_name: a\n  data_files:\n  - split: train\n  - split: test\n    path: a/test.parquet\n---\n';
    const d = parseHfDatasetCard('README.md', text);
    expect(d.shards.map((s) => [s.id, s.path, s.line])).toEqual([
      ['a/train', undefined, 5],
      ['a/test', 'a/test.parquet', 6],
    ]);
    expect(d.notes).toEqual([
      expect.objectContaining({ field: 'path', severity: 'info', line: 5, shard: 'a/train', detail: expect.stringMatching(/treated as unknown$/) }),
    ]);
  });

  it('a data_files of no known shape: the config is one shard', () => {
    const d = parseHfDatasetCard('README.md', '---\nconfigs:\n- config_name: a\n  data_files: 7\n- config_name: b\n  data_files: b/*.parquet\n---\n');
    expect(d.shards.map((s) => [s.id, s.path])).toEqual([
      ['a', undefined],
      ['b/b/*.parquet', 'b/*.parquet'],
    ]);
    expect(d.notes).toEqual([expect.objectContaining({ field: 'data_files', line: 4, shard: 'a' })]);
  });

  it('entries of no known shape are skipped, with a note at their line', () => {
    const text = '---\nconfigs:\n- [a, b]\n- ok\ndataset_info:\n- 3\n- config_name: ok\n  splits:\n  - name: train\n    num_bytes: 9\n---\n';
    const d = parseHfDatasetCard('README.md', text);
    expect(d.shards).toEqual([{ id: 'ok', line: 4, tags: [], bytes: 9 }]);
    expect(d.notes!.map((n) => [n.field, n.line, n.shard])).toEqual([
      ['dataset_info', 6, undefined],
      ['configs', 3, undefined],
    ]);
  });

  it('a licence, creators or tags of no known shape are unknown', () => {
    const d = parseHfDatasetCard('README.md', '---\npretty_name: x\nlanguage_creators: [found]\nlicense: {name: mit}\ntags:\n  a: {b: c}\n---\n');
    expect(d.shards).toEqual([{ id: 'default', line: 3, origin: 'human', tags: [] }]);
    expect(d.notes).toEqual([
      { field: 'tags', severity: 'info', line: 5, detail: 'tags is a mapping, not a string or a list of strings: not understood, treated as unknown' },
      { field: 'license', severity: 'info', line: 4, detail: 'license is a mapping, not a string or a list of strings: not understood, treated as unknown' },
    ]);
    const nested = '---\ntask_categories: [x]\nlanguage_creators: [[found]]\ndataset_info:\n  splits: {train: {num_examples: 3}}\n---\n';
    const creators = parseHfDatasetCard('README.md', nested);
    expect(creators.shards).toEqual([{ id: 'default/train', line: 5, rows: 3, tags: [] }]);
    expect(creators.notes).toEqual([expect.objectContaining({ field: 'language_creators', line: 3 })]);
  });
});

describe('hf-dataset-card: errors', () => {
  it('names the file and line of invalid YAML inside the front-matter', () => {
    const e = errorOf(() => parseHfDatasetCard('cards/README.md', '---\npretty_name: x\nlicense: [mit\nconfigs:\n- a\n---\n# body\n'));
    expect(e.file).toBe('cards/README.md');
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/^cards\/README\.md:\d+: invalid YAML/);
  });

  it('rejects a front-matter that never closes or is not a mapping', () => {
    expect(errorOf(() => parseHfDatasetCard('README.md', '---\nlicense: mit\n')).message).toMatch(/^README\.md:1: .*never closed/);
    expect(errorOf(() => parseHfDatasetCard('README.md', '---\n- license\n---\n')).message).toMatch(/^README\.md:2: .*mapping/);
    expect(errorOf(() => parseHfDatasetCard('README.md', '# no front-matter\n')).line).toBe(1);
  });
});
