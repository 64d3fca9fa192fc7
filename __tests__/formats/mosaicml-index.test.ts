import { mosaicmlIndexFormat } from '../../src/formats/mosaicml-streaming/index.js';
import { errorOf } from '../helpers/error-of.js';

interface Entry {
  basename: string;
  bytes: number;
  samples: number;
  hashes?: Record<string, string>;
}

/** An MDS shard entry as the streaming writer lays it out. */
function entry({ basename, bytes, samples, hashes = {} }: Entry) {
  return {
    column_encodings: ['str', 'int'],
    column_names: ['text', 'label'],
    column_sizes: [null, 8],
    compression: 'zstd',
    format: 'mds',
    hashes: Object.keys(hashes),
    raw_data: { basename, bytes, hashes },
    samples,
    size_limit: 67108864,
    version: 2,
    zip_data: { basename: `${basename}.zstd`, bytes: Math.floor(bytes / 3), hashes: {} },
  };
}

const ENTRIES: Entry[] = [
  { basename: 'train/shard.00000.mds', bytes: 67100000, samples: 2048 },
  { basename: 'train/shard.00001.mds', bytes: 12000, samples: 17, hashes: { sha1: 'abcdef01', sha256: '9f2c00aa' } },
];
/** The writer's form: one line, keys sorted. */
const oneLine = (entries: Entry[]) => JSON.stringify({ shards: entries.map(entry), version: 2 });
const INDEX = oneLine(ENTRIES);

describe('mosaicml-streaming candidate() and detect()', () => {
  it('takes files named index.json', () => {
    expect(mosaicmlIndexFormat.name).toBe('mosaicml-streaming');
    for (const p of ['index.json', 'data/mds/train/index.json']) expect(mosaicmlIndexFormat.candidate(p)).toBe(true);
    for (const p of ['README.md', 'myindex.json', 'index.json.bak', 'index.jsonl', 'data/index.yaml']) expect(mosaicmlIndexFormat.candidate(p)).toBe(false);
  });

  it('confirms a streaming index, even an empty one', () => {
    expect(mosaicmlIndexFormat.detect('index.json', INDEX)).toBe(true);
    expect(mosaicmlIndexFormat.detect('index.json', JSON.stringify({ shards: [], version: 2 }))).toBe(true);
  });

  it('rejects other index.json files, a README and broken JSON', () => {
    expect(mosaicmlIndexFormat.detect('index.json', '{"name": "docs", "pages": ["a", "b"]}')).toBe(false);
    expect(mosaicmlIndexFormat.detect('index.json', '{"shards": [{"id": "a", "path": "a.parquet"}]}')).toBe(false);
    expect(mosaicmlIndexFormat.detect('index.json', '{"shards": [{"raw_data": "shard.00000.mds"}]}')).toBe(false);
    expect(mosaicmlIndexFormat.detect('README.md', '# Data\n\nEach folder has an index.json with "shards".\n')).toBe(false);
    expect(mosaicmlIndexFormat.detect('index.json', INDEX.slice(0, -5))).toBe(false);
  });
});

describe('mosaicml-streaming parse()', () => {
  it('reads each shard: id = basename, rows = samples, bytes = raw bytes, origin unknown', () => {
    const d = mosaicmlIndexFormat.parse('mds/index.json', INDEX);
    expect(d.shards).toEqual([
      { id: 'train/shard.00000.mds', path: 'train/shard.00000.mds', hash: undefined, rows: 2048, bytes: 67100000, tags: [], line: 1 },
      { id: 'train/shard.00001.mds', path: 'train/shard.00001.mds', hash: 'sha256:9f2c00aa', rows: 17, bytes: 12000, tags: [], line: 1 },
    ]);
    expect(d.shards.every((s) => s.origin === undefined)).toBe(true);
    expect(d.name).toBeUndefined();
  });

  it('prefers sha256, then md5, then another algorithm by name; empty is no hash', () => {
    const hashOf = (hashes: Record<string, string>) =>
      mosaicmlIndexFormat.parse('index.json', oneLine([{ basename: 's', bytes: 1, samples: 1, hashes }])).shards[0]!.hash;
    expect(hashOf({ xxh64: '01ab', md5: 'c0ffee', sha1: 'beef' })).toBe('md5:c0ffee');
    expect(hashOf({ xxh64: '01ab', sha1: 'beef' })).toBe('sha1:beef');
    expect(hashOf({ xxh3_64: '77aa' })).toBe('xxh3_64:77aa');
    expect(hashOf({ sha256: '' })).toBeUndefined();
    expect(hashOf({})).toBeUndefined();
  });

  it('gives each entry its own line in a formatted index', () => {
    const pretty = `{
  "version": 2,
  "shards": [
    {
      "format": "mds",
      "raw_data": { "basename": "a.mds", "bytes": 10, "hashes": {} },
      "samples": 1
    },
    { "format": "mds", "raw_data": { "basename": "b.mds", "bytes": 20, "hashes": { "md5": "0f0f" } }, "samples": 2 }
  ]
}`;
    const d = mosaicmlIndexFormat.parse('index.json', pretty);
    expect(d.shards.map((s) => [s.id, s.line, s.hash])).toEqual([
      ['a.mds', 4, undefined],
      ['b.mds', 9, 'md5:0f0f'],
    ]);
  });

  it('gives the same ids when entries are reordered', () => {
    const ids = (t: string) =>
      mosaicmlIndexFormat
        .parse('index.json', t)
        .shards.map((s) => s.id)
        .sort();
    expect(ids(oneLine([...ENTRIES].reverse()))).toEqual(ids(INDEX));
  });
});

describe('mosaicml-streaming errors', () => {
  it('names the file and line of malformed JSON', () => {
    const trailingComma = '{\n  "shards": [\n    {"raw_data": {"basename": "a.mds", "bytes": 1, "hashes": {}}, "samples": 1},\n  ],\n  "version": 2\n}';
    const e = errorOf(() => mosaicmlIndexFormat.parse('mds/index.json', trailingComma));
    expect(e.message).toMatch(/^mds\/index\.json:4: invalid JSON/);
    expect(errorOf(() => mosaicmlIndexFormat.parse('index.json', INDEX.slice(0, -3))).line).toBe(1);
    expect(errorOf(() => mosaicmlIndexFormat.parse('index.json', '{\n"shards": [\n')).line).toBe(3);
  });

  it('rejects an index without a shards list', () => {
    expect(errorOf(() => mosaicmlIndexFormat.parse('index.json', '{"version": 2}')).detail).toMatch(/^shards: /);
    expect(errorOf(() => mosaicmlIndexFormat.parse('index.json', '[]')).line).toBe(1);
  });
});

describe('mosaicml-streaming: values that are not understood are unknown, with a note', () => {
  const pretty = (second: string) =>
    `{\n"shards": [\n{"raw_data": {"basename": "a.mds", "bytes": 1, "hashes": {}}, "samples": 1},\n${second}\n], "version": 2}`;

  it('a count of the wrong type: unknown, the rest of the shard read', () => {
    const d = mosaicmlIndexFormat.parse('index.json', pretty('{"raw_data": {"basename": "b.mds", "bytes": 1, "hashes": {"md5": "ab"}}, "samples": "many"}'));
    expect(d.shards.map((s) => [s.id, s.rows, s.bytes, s.hash, s.line])).toEqual([
      ['a.mds', 1, 1, undefined, 3],
      ['b.mds', undefined, 1, 'md5:ab', 4],
    ]);
    expect(d.notes).toEqual([
      { field: 'samples', severity: 'info', line: 4, shard: 'b.mds', detail: 'samples is "many", not a count: not understood, treated as unknown' },
    ]);
    expect(mosaicmlIndexFormat.parse('index.json', INDEX).notes).toBeUndefined();
  });

  it('hashes that are not a mapping: no hash; a digest that is not text is skipped', () => {
    const d = mosaicmlIndexFormat.parse('index.json', pretty('{"raw_data": {"basename": "b.mds", "bytes": -1, "hashes": ["md5"]}, "samples": 2}'));
    expect(d.shards[1]).toMatchObject({ id: 'b.mds', hash: undefined, bytes: undefined, rows: 2 });
    expect(d.notes!.map((n) => [n.field, n.line, n.shard])).toEqual([
      ['raw_data.hashes', 4, 'b.mds'],
      ['raw_data.bytes', 4, 'b.mds'],
    ]);
    const digest = mosaicmlIndexFormat.parse('index.json', pretty('{"raw_data": {"basename": "b.mds", "hashes": {"sha256": 7, "md5": "cd"}}}'));
    expect(digest.shards[1]!.hash).toBe('md5:cd');
  });

  it('a shard without a basename cannot be identified: skipped, with a note at its line', () => {
    const d = mosaicmlIndexFormat.parse('index.json', pretty('{"raw_data": {"bytes": 1}, "samples": 1}'));
    expect(d.shards.map((s) => s.id)).toEqual(['a.mds']);
    expect(d.notes).toEqual([
      { field: 'raw_data.basename', severity: 'info', line: 4, detail: 'shards[1] has no raw_data.basename to name its file: it is not read' },
    ]);
  });
});
