import { parseNativeManifest } from '../src/formats/native/index.js';
import { readManifest } from '../src/formats/read-manifest.js';
import { errorOf } from './helpers/error-of.js';
import { defaultSettings } from '../src/analysis/settings.js';

const LIMITS = defaultSettings().limits;

const YAML = `dataset: support-chat
audit: { last: 2026-09-30, by: data-team }
evaluation:
  metrics: [accuracy, tail_coverage]
shards:
  - id: chats-2021q1
    path: s3://corpus/chats/2021q1.parquet
    sha256: 9f2c
    rows: 120000
    origin: human
    future_field: kept
  - path: s3://corpus/synth/para-01.parquet
    origin: mixed
    synthetic_fraction: 0.25
    tags: [rare]
    categories: { en: 10, sw: 2 }
    generator: { model: m, depth: 2, trained_on: [support-chat], verified: true }
`;

describe('native YAML manifest', () => {
  it('reads dataset facts and shards with their lines', () => {
    const d = parseNativeManifest('data/a.manifest.yaml', YAML);
    expect(d.name).toBe('support-chat');
    expect(d.audit).toEqual({ last: '2026-09-30', by: 'data-team' });
    expect(d.evaluation?.metrics).toEqual(['accuracy', 'tail_coverage']);
    expect(d.shards.map((s) => [s.id, s.line])).toEqual([
      ['chats-2021q1', 6],
      ['s3://corpus/synth/para-01.parquet', 12],
    ]);
    expect(d.shards[0]).toMatchObject({ hash: 'sha256:9f2c', rows: 120000, origin: 'human' });
    expect(d.shards[1]).toMatchObject({
      origin: 'mixed',
      syntheticFraction: 0.25,
      tags: ['rare'],
      categories: { en: 10, sw: 2 },
      generator: { model: 'm', depth: 2, trainedOn: ['support-chat'], verified: true },
    });
  });

  it('names the file and line of a wrong type', () => {
    const text = YAML.replace('rows: 120000', 'rows: lots');
    const e = errorOf(() => parseNativeManifest('data/a.manifest.yaml', text));
    expect(e.message).toBe('data/a.manifest.yaml:9: shard chats-2021q1: rows must be a number ≥ 0, got "lots"');
  });

  it('names the line of a bad enum value and of a YAML syntax error', () => {
    expect(errorOf(() => parseNativeManifest('m.manifest.yaml', YAML.replace('origin: human', 'origin: robots'))).line).toBe(10);
    const broken = errorOf(() => parseNativeManifest('m.manifest.yaml', 'shards:\n  - id: a\n    rows: [1, 2\n'));
    expect(broken.message).toMatch(/^m\.manifest\.yaml:\d+: invalid YAML/);
  });

  it('requires an id or a path and a shards list', () => {
    const noId = errorOf(() => parseNativeManifest('m.manifest.yaml', 'shards:\n  - rows: 3\n'));
    expect(noId.message).toBe('m.manifest.yaml:2: shard 1: needs an id or a path');
    expect(errorOf(() => parseNativeManifest('m.manifest.yaml', 'dataset: x\n')).message).toMatch(/shards/);
    expect(errorOf(() => parseNativeManifest('m.manifest.yaml', '')).message).toMatch(/empty/);
  });

  it('rejects duplicate keys and duplicate shard ids', () => {
    expect(errorOf(() => parseNativeManifest('m.manifest.yaml', 'shards: []\nshards: []\n')).message).toMatch(/:2: invalid YAML/);
    const dup = errorOf(() => readManifest('m.manifest.yaml', 'shards:\n  - id: a\n  - id: b\n  - id: a\n', false, LIMITS));
    expect(dup.message).toBe('m.manifest.yaml:4: duplicate shard id "a" (first at line 2)');
  });
});

describe('native JSON and JSON Lines manifests', () => {
  it('reads JSON with shard lines', () => {
    const text = JSON.stringify(
      {
        dataset: 'd',
        shards: [
          { id: 'a', rows: 1 },
          { id: 'b', rows: 2 },
        ],
      },
      null,
      2,
    );
    const d = parseNativeManifest('x.manifest.json', text);
    expect(d.shards.map((s) => s.line)).toEqual([4, 8]);
  });

  it('names the line of invalid JSON', () => {
    const e = errorOf(() => parseNativeManifest('x.manifest.json', '{\n  "shards": [\n    {"id": "a",}\n  ]\n}\n'));
    expect(e.message).toMatch(/^x\.manifest\.json:3: invalid JSON/);
  });

  it('reads JSONL with a dataset header line', () => {
    const text = '{"dataset": "big", "audit": {"last": "2026-01-01"}}\n{"id": "a", "rows": 1}\n\n{"id": "b", "rows": 2, "origin": "synthetic"}\n';
    const d = parseNativeManifest('big.manifest.jsonl', text);
    expect(d.name).toBe('big');
    expect(d.audit?.last).toBe('2026-01-01');
    expect(d.shards.map((s) => [s.id, s.line, s.origin])).toEqual([
      ['a', 2, undefined],
      ['b', 4, 'synthetic'],
    ]);
  });

  it('names the JSONL line that is broken or invalid', () => {
    expect(errorOf(() => parseNativeManifest('b.manifest.jsonl', '{"id":"a"}\n{"id":\n')).message).toMatch(/^b\.manifest\.jsonl:2: invalid JSON/);
    const negative = errorOf(() => parseNativeManifest('b.manifest.jsonl', '{"id":"a"}\n{"id":"b","rows":-4}\n'));
    expect(negative.message).toBe('b.manifest.jsonl:2: shard b: rows must be a number ≥ 0, got -4');
  });
});

describe('reading a manifest file', () => {
  it('says a Git LFS pointer must be fetched', () => {
    const lfs = 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n';
    expect(errorOf(() => readManifest('m.manifest.yaml', lfs, false, LIMITS)).message).toMatch(/Git LFS pointer/);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const d = readManifest('m.manifest.yaml', '\uFEFFshards:\r\n  - id: a\r\n    rows: 3\r\n', false, LIMITS);
    expect(d!.dataset.shards[0]).toMatchObject({ id: 'a', rows: 3, line: 2 });
  });

  it('lists the formats it tried for a file no format reads', () => {
    expect(errorOf(() => readManifest('data/list.txt', 'a\nb\n', true, LIMITS)).message).toMatch(/tried: native/);
  });
});
