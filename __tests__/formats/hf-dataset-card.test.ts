import { cardOrigin, hfDatasetCardFormat, parseHfDatasetCard } from '../../src/manifest/hf-dataset-card.js';
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

    const single = parseHfDatasetCard(
      'README.md',
      '---\ndataset_info:\n  dataset_name: chats\n  splits:\n  - name: train\n    num_examples: 4\n---\n',
    );
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

describe('hf-dataset-card: errors', () => {
  it('names the file and line of invalid YAML inside the front-matter', () => {
    const e = errorOf(() => parseHfDatasetCard('cards/README.md', '---\npretty_name: x\nlicense: [mit\nconfigs:\n- a\n---\n# body\n'));
    expect(e.file).toBe('cards/README.md');
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/^cards\/README\.md:\d+: invalid YAML/);
  });

  it('names the line of a duplicate key (counted in the whole file)', () => {
    const e = errorOf(() => parseHfDatasetCard('README.md', '---\nlicense: mit\nlicense: apache-2.0\n---\n'));
    expect(e.message).toMatch(/^README\.md:3: invalid YAML/);
  });

  it('names the line of a wrong type', () => {
    const e = errorOf(() => parseHfDatasetCard('README.md', NEW_STYLE.replace('num_examples: 5', 'num_examples: five')));
    expect(e.line).toBe(32);
    expect(e.message).toMatch(/^README\.md:32: dataset_info\.0\.splits\.1\.num_examples: .*number/);
    const cfg = errorOf(() => parseHfDatasetCard('README.md', '---\nconfigs:\n- config_name: a\n  data_files:\n  - split: train\n---\n'));
    expect(cfg.message).toMatch(/^README\.md:5: configs\.0/);
    const licence = errorOf(() => parseHfDatasetCard('README.md', '---\npretty_name: x\nlicense: {name: mit}\n---\n'));
    expect(licence.message).toBe('README.md:3: license: expected a string or a list of strings');
  });

  it('rejects a front-matter that never closes or is not a mapping', () => {
    expect(errorOf(() => parseHfDatasetCard('README.md', '---\nlicense: mit\n')).message).toMatch(/^README\.md:1: .*never closed/);
    expect(errorOf(() => parseHfDatasetCard('README.md', '---\n- license\n---\n')).message).toMatch(/^README\.md:2: .*mapping/);
    expect(errorOf(() => parseHfDatasetCard('README.md', '# no front-matter\n')).line).toBe(1);
  });
});
