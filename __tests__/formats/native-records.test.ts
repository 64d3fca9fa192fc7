// Records of native manifests as they arrive in chunks: lines split at any chunk boundary, and a
// tallied read that does not depend on how the blob was cut.
import { BufferBytes, LineSplitter, yamlRecords } from '../../src/formats/native/records.js';
import { PairRead } from '../../src/formats/native/tallied.js';
import type { Shard } from '../../src/formats/model.js';

function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Writes `text` in chunks of `size` bytes, each lent as the blob reader lends them: overwritten after the call. */
function lend(sink: { write(chunk: Buffer): void }, text: string, size: number): void {
  const scratch = Buffer.alloc(size);
  for (const c of chunked(text, size)) {
    c.copy(scratch);
    sink.write(scratch.subarray(0, c.length));
    scratch.fill('#');
  }
}

it('splits lines at every chunk size, numbering them as the text does', () => {
  const text = 'a\n\nbé 😀 c\n{"x": 1}\nlast';
  for (const size of [1, 2, 3, 5, 64]) {
    const lines: [string, number][] = [];
    const splitter = new LineSplitter((bytes, start, end, line) => lines.push([bytes.toString('utf8', start, end), line]));
    lend(splitter, text, size);
    splitter.end();
    expect(lines).toEqual(text.split('\n').map((l, i) => [l, i + 1]));
  }
});

it('finds the items of a YAML shards list with their lines, and refuses other shapes', () => {
  const text = 'dataset: d\nshards:\n  - id: a\n    rows: 1\n  # note\n  - id: b\nother: 1\n';
  const records = yamlRecords(Buffer.from(text))!;
  expect(records.count).toBe(2);
  expect([records.lines[0], records.lines[1]]).toEqual([3, 6]);
  expect(records.frame[0]!.text).toBe('dataset: d\nshards:\nother: 1\n');
  expect(yamlRecords(Buffer.from('shards: [{id: a}]\n'))).toBeUndefined();
  expect(yamlRecords(Buffer.from('shards:\n  - id: a\n shards_typo: 1\n'))).toBeUndefined();
  expect(yamlRecords(Buffer.from('shards:\n  - id: a\nshards:\n  - id: b\n'))).toBeUndefined();
});

const OPTIONS = {
  limits: { 'max-manifest-bytes': 1e9, 'max-shards': 1000, 'max-id-length': 100 },
  provenance: [],
  plain: (s: Shard) => s.origin === 'human' && s.rows !== undefined,
};

function read(base: string, head: string, size: number, path = 'd.manifest.jsonl') {
  const pair = PairRead.start(path, path, OPTIONS)!;
  lend(pair.baseSink(Buffer.byteLength(base), new BufferBytes(Buffer.from(base))), base, size);
  pair.endBase();
  lend(pair.headSink(Buffer.byteLength(head)), head, size);
  return pair.end();
}

const line = (id: string, origin: string, rows: number) => JSON.stringify({ id, origin, rows });
const BASE = ['{"dataset": "d"}', line('a', 'human', 1), line('b', 'synthetic', 2), line('c', 'human', 3), line('é', 'human', 4)].join('\n') + '\n';
const HEAD = ['{"dataset": "d"}', '', line('c', 'human', 3), line('a', 'human', 10), line('b', 'synthetic', 2), line('é', 'human', 4)].join('\n');

it('reads both versions the same whatever the chunk size: unchanged plain shards tallied, the rest kept', () => {
  const summary = (size: number) => {
    const both = read(BASE, HEAD, size)!;
    const side = (f: typeof both.base) => ({
      kept: f.dataset.shards.map((s) => `${s.id}@${s.line}`),
      tallied: f.dataset.tally?.count ?? 0,
      name: f.dataset.name,
    });
    return { base: side(both.base), head: side(both.head), same: both.base.dataset.tally === both.head.dataset.tally };
  };
  const expected = {
    base: { kept: ['a@2', 'b@3'], tallied: 2, name: 'd' },
    head: { kept: ['a@4', 'b@5'], tallied: 2, name: 'd' },
    same: true,
  };
  for (const size of [1, 3, 7, 1 << 20]) expect(summary(size)).toEqual(expected);
});

it('gives up, so that the file is read whole, on a duplicate id, an invalid line or too many shards', () => {
  expect(read(BASE, `${HEAD}\n${line('c', 'human', 9)}`, 4)).toBeUndefined();
  expect(read(BASE, `${HEAD}\n{"id": `, 4)).toBeUndefined();
  expect(read(BASE, `${HEAD}\n\u00ff`, 4)).toBeUndefined();
  const many = Array.from({ length: 1001 }, (_, i) => line(`x${i}`, 'human', 1)).join('\n');
  expect(read(BASE, many, 64)).toBeUndefined();
});
