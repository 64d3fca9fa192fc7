import { dvcFormat, isTrainingDataOutput } from '../../src/formats/dvc/index.js';
import { errorOf } from '../helpers/error-of.js';

// DVC 3 `dvc add` output, with provenance in `meta:` (file-level and per output).
const NEW_DVC = `meta:
  origin: human
  source: support-export
  collected: 2023-06-30
  license: proprietary
outs:
- md5: 0a1b2c3d4e5f60718293a4b5c6d7e8f9.dir
  size: 5242880
  nfiles: 120
  hash: md5
  path: tickets
- path: synth-tickets.parquet
  md5: ffeeddccbbaa99887766554433221100
  size: 1024
  remote: storage
  hash: md5
  meta:
    origin: synthetic
    rows: 5000
    tags: [augmented]
    generator: { model: gpt-4o, depth: 1, trained_on: [tickets], verified: true }
`;

// DVC 0.x: the file's own checksum at the top, outputs with `cache`/`metric`/`persist`.
const OLD_DVC = `md5: 99999999999999999999999999999abc
wdir: .
outs:
- md5: 11111111111111111111111111111111.dir
  path: images
  cache: true
  metric: false
  persist: false
`;

// `dvc import`: deps name the source repository; only outs are shards.
const IMPORT_DVC = `md5: 12345678901234567890123456789abc
frozen: true
deps:
- path: corpora/reviews.csv
  repo:
    url: https://github.com/example/registry
    rev_lock: 0123456789abcdef0123456789abcdef01234567
outs:
- md5: 2222222222222222222222222222aaaa
  size: 777
  hash: md5
  path: reviews.csv
`;

const LOCK = `schema: '2.0'
stages:
  split:
    cmd: python split.py
    deps:
    - path: data/raw
      hash: md5
      md5: 33333333333333333333333333333333.dir
      size: 900
      nfiles: 3
    outs:
    - path: data/train
      hash: md5
      md5: 44444444444444444444444444444444.dir
      size: 600
      nfiles: 2
    - path: data/test
      hash: md5
      md5: 55555555555555555555555555555555.dir
      size: 300
      nfiles: 1
  train:
    cmd: python train.py
    deps:
    - path: data/train
      hash: md5
      md5: 44444444444444444444444444444444.dir
      size: 600
    outs:
    - path: model.pkl
      hash: md5
      md5: 6666666666666666666666666666666f
      size: 42
`;

// A pipeline definition: outputs are bare names, without hashes.
const PIPELINE = `stages:
  split:
    cmd: python split.py
    deps:
    - data/raw
    outs:
    - data/train
    - data/test
`;

describe('dvc candidate()', () => {
  it('takes *.dvc files and dvc.lock, not dvc.yaml or other files', () => {
    expect(dvcFormat.name).toBe('dvc');
    for (const p of ['data/tickets.dvc', 'cats-dogs.dvc', 'dvc.lock', 'pipelines/a/dvc.lock']) expect(dvcFormat.candidate(p)).toBe(true);
    for (const p of ['dvc.yaml', 'README.md', '.dvc/config', 'data/x.dvc.bak', 'mydvc.lock', '.dvc']) expect(dvcFormat.candidate(p)).toBe(false);
  });
});

describe('dvc detect()', () => {
  it('confirms .dvc files old and new, and lock files', () => {
    expect(dvcFormat.detect('data/tickets.dvc', NEW_DVC)).toBe(true);
    expect(dvcFormat.detect('images.dvc', OLD_DVC)).toBe(true);
    expect(dvcFormat.detect('reviews.csv.dvc', IMPORT_DVC)).toBe(true);
    expect(dvcFormat.detect('dvc.lock', LOCK)).toBe(true);
  });

  it('rejects a pipeline definition, a README and other YAML', () => {
    expect(dvcFormat.detect('dvc.yaml', PIPELINE)).toBe(false);
    expect(dvcFormat.detect('pipeline.yaml', PIPELINE)).toBe(false);
    expect(dvcFormat.detect('README.md', '# Tickets\n\nThe data lives in `outs: s3://bucket`.\n')).toBe(false);
    expect(dvcFormat.detect('data.manifest.yaml', 'shards:\n  - id: a\n    rows: 1\n')).toBe(false);
    expect(dvcFormat.detect('x.dvc', 'outs: [\n')).toBe(false);
    expect(dvcFormat.detect('x.dvc', 'outs:\n- just-a-name\n')).toBe(false);
  });
});

describe('dvc parse() of .dvc files', () => {
  it('reads each output as a shard with its line, md5 hash (a .dir kept) and size', () => {
    const d = dvcFormat.parse('data/tickets.dvc', NEW_DVC);
    // An output is named as DVC resolves it: from the repository root, through the file's folder.
    expect(d.shards.map((s) => [s.id, s.line])).toEqual([
      ['data/tickets', 7],
      ['data/synth-tickets.parquet', 12],
    ]);
    expect(d.shards[0]).toMatchObject({ path: 'data/tickets', hash: 'md5:0a1b2c3d4e5f60718293a4b5c6d7e8f9.dir', bytes: 5242880 });
    expect(d.shards[0]!.rows).toBeUndefined(); // nfiles is not a unit
  });

  it("applies file-level meta to every output, overridden key by key by an output's own", () => {
    const [tickets, synth] = dvcFormat.parse('data/tickets.dvc', NEW_DVC).shards;
    expect(tickets).toMatchObject({ origin: 'human', source: 'support-export', collected: '2023-06-30', license: 'proprietary', tags: [] });
    expect(synth).toMatchObject({
      origin: 'synthetic',
      source: 'support-export',
      license: 'proprietary',
      rows: 5000,
      tags: ['augmented'],
      generator: { model: 'gpt-4o', depth: 1, trainedOn: ['tickets'], verified: true },
    });
  });

  it('leaves origin unknown without meta, and ignores a meta that holds none of our keys', () => {
    const s = dvcFormat.parse('x.dvc', 'outs:\n- path: a.bin\n  md5: abc123\n  meta: just a note\n').shards[0]!;
    expect(s).toMatchObject({ id: 'a.bin', hash: 'md5:abc123', tags: [] });
    expect(s.origin).toBeUndefined();
    expect(dvcFormat.parse('x.dvc', 'meta: { owner: data-team }\n' + 'outs:\n- path: a.bin\n').shards[0]!.origin).toBeUndefined();
  });

  it('reads the old format: the file checksum is not a shard', () => {
    const d = dvcFormat.parse('use-cases/images.dvc', OLD_DVC);
    expect(d.shards).toEqual([expect.objectContaining({ id: 'use-cases/images', hash: 'md5:11111111111111111111111111111111.dir', line: 4, tags: [] })]);
    expect(d.shards[0]!.bytes).toBeUndefined();
  });

  it("does not make an import's deps shards", () => {
    const d = dvcFormat.parse('data/reviews.csv.dvc', IMPORT_DVC);
    expect(d.shards.map((s) => [s.id, s.hash, s.bytes, s.line])).toEqual([['data/reviews.csv', 'md5:2222222222222222222222222222aaaa', 777, 9]]);
  });

  it('takes an etag when there is no md5, and treats an empty hash as none', () => {
    const d = dvcFormat.parse('x.dvc', 'outs:\n- path: s3://bucket/a.jsonl\n  etag: "0x8DB7"\n- path: b\n  md5: ""\n- path: c\n  md5:\n');
    expect(d.shards.map((s) => s.hash)).toEqual(['etag:0x8DB7', undefined, undefined]);
  });

  it('gives the same ids when outputs are reordered', () => {
    const swapped = `outs:
- path: synth-tickets.parquet
  md5: ffeeddccbbaa99887766554433221100
- path: tickets
  md5: 0a1b2c3d4e5f60718293a4b5c6d7e8f9.dir
`;
    const ids = (t: string) =>
      dvcFormat
        .parse('t.dvc', t)
        .shards.map((s) => s.id)
        .sort();
    expect(ids(swapped)).toEqual(ids(NEW_DVC));
  });
});

describe('dvc parse() of dvc.lock', () => {
  it("reads every stage's data outputs, not its deps, nor the model it trains", () => {
    const d = dvcFormat.parse('dvc.lock', LOCK);
    expect(d.shards.map((s) => [s.id, s.hash, s.bytes, s.line])).toEqual([
      ['data/train', 'md5:44444444444444444444444444444444.dir', 600, 12],
      ['data/test', 'md5:55555555555555555555555555555555.dir', 300, 17],
    ]);
    expect(d.shards.every((s) => s.origin === undefined)).toBe(true);
  });

  it('reads the DVC 1.x lock layout (stages at the top level)', () => {
    const legacy = 'prepare:\n  cmd: python prepare.py\n  deps:\n  - path: raw.xml\n    md5: aa\n  outs:\n  - path: prepared\n    md5: bb.dir\n';
    expect(dvcFormat.detect('dvc.lock', legacy)).toBe(true);
    expect(dvcFormat.parse('dvc.lock', legacy).shards.map((s) => [s.id, s.hash, s.line])).toEqual([['prepared', 'md5:bb.dir', 7]]);
  });

  it('gives the same ids when stages are reordered', () => {
    const [head, split, train] = LOCK.split(/(?=^ {2}(?:split|train):$)/m);
    const ids = (t: string) =>
      dvcFormat
        .parse('dvc.lock', t)
        .shards.map((s) => s.id)
        .sort();
    expect(ids(head! + train! + split!)).toEqual(ids(LOCK));
  });
});

describe('dvc errors', () => {
  it('names the file and line of invalid YAML', () => {
    const e = errorOf(() => dvcFormat.parse('data/x.dvc', 'outs:\n- path: a\n  md5: [unclosed\n'));
    expect(e.message).toMatch(/^data\/x\.dvc:\d+: invalid YAML/);
    expect(e.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a .dvc file without outs, an empty file, and a lock whose stages are not a mapping', () => {
    expect(errorOf(() => dvcFormat.parse('x.dvc', 'md5: aa\nwdir: .\n')).detail).toMatch(/^outs: /);
    expect(errorOf(() => dvcFormat.parse('x.dvc', '')).line).toBe(1);
    expect(errorOf(() => dvcFormat.parse('dvc.lock', "schema: '2.0'\nstages: [a]\n")).line).toBe(2);
  });
});

describe('dvc: values that are not understood are unknown, with a note', () => {
  it('a size that is not a number: the output is read, its size unknown', () => {
    const d = dvcFormat.parse('dvc.lock', LOCK.replace('size: 600\n', 'size: big\n'));
    expect(d.shards[0]).toMatchObject({ id: 'data/train', hash: 'md5:44444444444444444444444444444444.dir', bytes: undefined, line: 12 });
    expect(d.notes).toEqual([
      {
        field: 'size',
        severity: 'info',
        line: 15,
        shard: 'data/train',
        detail: 'size is the text "big", not a number of bytes: not understood, treated as unknown',
      },
    ]);
    expect(dvcFormat.parse('dvc.lock', LOCK).notes).toBeUndefined();
  });

  it("a wrong type in meta: that key is unknown, the output's other facts are read", () => {
    const rows = dvcFormat.parse('x.dvc', NEW_DVC.replace('rows: 5000', 'rows: lots'));
    expect(rows.shards[1]).toMatchObject({ id: 'synth-tickets.parquet', origin: 'synthetic', rows: undefined, tags: ['augmented'], bytes: 1024 });
    expect(rows.notes).toEqual([expect.objectContaining({ field: 'meta.rows', severity: 'info', line: 19, shard: 'synth-tickets.parquet' })]);
    // File-level meta belongs to no one output.
    const origin = dvcFormat.parse('x.dvc', NEW_DVC.replace('origin: human', 'origin: robots'));
    expect(origin.shards[0]).toMatchObject({ id: 'tickets', origin: undefined, source: 'support-export' });
    expect(origin.notes).toEqual([{ field: 'meta.origin', severity: 'info', line: 2, detail: expect.stringMatching(/^meta\.origin: .*treated as unknown$/) }]);
  });

  it('an output without a path cannot be identified: skipped, with a note', () => {
    const d = dvcFormat.parse('x.dvc', 'outs:\n- path: a\n  md5: aa\n- md5: bb\n  size: 3\n- just-a-name\n');
    expect(d.shards.map((s) => s.id)).toEqual(['a']);
    expect(d.notes!.map((n) => [n.field, n.line, n.shard])).toEqual([
      ['path', 4, undefined],
      ['path', 6, undefined],
    ]);
  });

  it('a hash of the wrong type is no hash', () => {
    const d = dvcFormat.parse('x.dvc', 'outs:\n- path: a\n  md5: [aa]\n  etag: e1\n');
    expect(d.shards[0]!.hash).toBe('etag:e1');
    expect(d.notes).toEqual([expect.objectContaining({ field: 'md5', line: 3, shard: 'a' })]);
  });

  it('reads a duplicate key as YAML loaders do (the last counts), with a low note', () => {
    const d = dvcFormat.parse('x.dvc', 'outs:\n- path: a\n  md5: aa\n  md5: bb\n');
    expect(d.shards[0]!.hash).toBe('md5:bb');
    expect(d.notes).toEqual([{ field: 'md5', severity: 'low', line: 4, detail: expect.stringMatching(/written twice/) }]);
  });
});

describe('dvc.lock: models, metrics and plots are not training data', () => {
  // Shaped like a get-started pipeline's lock: data, a model, metrics and plots as stage outputs.
  const PIPELINE_LOCK = `schema: '2.0'
stages:
  prepare:
    cmd: python src/prepare.py data/data.xml
    outs:
    - path: data/prepared
      md5: 11111111111111111111111111111111.dir
  featurize:
    cmd: python src/featurization.py data/prepared data/features
    outs:
    - path: data/features
      md5: 22222222222222222222222222222222.dir
  train:
    cmd: python src/train.py data/features model.pkl
    outs:
    - path: model.pkl
      md5: 33333333333333333333333333333333
  evaluate:
    cmd: python src/evaluate.py model.pkl data/features
    outs:
    - path: eval/metrics.json
      md5: 44444444444444444444444444444444
    - path: eval/plots/sklearn/prc/train.json
      md5: 55555555555555555555555555555555
    - path: prc.json
      md5: 66666666666666666666666666666666
    - path: scores.json
      md5: 77777777777777777777777777777777
    - path: eval/plots/images/importance.png
      md5: 88888888888888888888888888888888
`;

  it('keeps only the data outputs', () => {
    expect(dvcFormat.parse('dvc.lock', PIPELINE_LOCK).shards.map((s) => s.id)).toEqual(['data/prepared', 'data/features']);
  });

  it.each([
    'model.pkl',
    'models/model.pth',
    'model.tar.gz',
    'out/clf.joblib',
    'ckpt/last.ckpt',
    'w.safetensors',
    'm.onnx',
    'm.h5',
    'm.pt',
    'eval',
    'eval/metrics.json',
    'metrics.json',
    'scores.json',
    'prc.json',
    'roc.json',
    'plots/confusion.json',
    'results/evaluate',
    'importance.png',
    'report.html',
    'curve.svg',
  ])('%s is not data', (path) => {
    expect(isTrainingDataOutput(path)).toBe(false);
  });

  it.each(['data/prepared', 'data/features', 'data/train.json', 'data/test_data', 'results/train', 'modeling-corpus/x.jsonl', 'evaluation_set.csv'])(
    '%s is data',
    (path) => {
      expect(isTrainingDataOutput(path)).toBe(true);
    },
  );

  it('applies to .dvc files too: a tracked model, a requirements file or dvclive metrics are no data', () => {
    expect(dvcFormat.parse('models/model.pkl.dvc', 'outs:\n- path: model.pkl\n  md5: aa\n').shards).toEqual([]);
    for (const path of ['requirements.txt', 'dvclive/metrics.json', 'reports/feat_imp.csv', 'train.log']) {
      expect(dvcFormat.parse('x.dvc', `outs:\n- path: ${path}\n  md5: aa\n`).shards).toEqual([]);
    }
    expect(dvcFormat.parse('data/raw.dvc', 'outs:\n- path: raw\n  md5: aa.dir\n').shards.map((s) => s.id)).toEqual(['data/raw']);
  });

  it('resolves wdir: an output moved between wdir and path is the same output', () => {
    const a = dvcFormat.parse('get-started/data.xml.dvc', 'wdir: ..\nouts:\n- md5: aa\n  path: get-started/data.xml\n');
    const b = dvcFormat.parse('get-started/data.xml.dvc', 'outs:\n- md5: aa\n  path: data.xml\n');
    expect(a.shards.map((s) => s.id)).toEqual(['get-started/data.xml']);
    expect(b.shards.map((s) => s.id)).toEqual(['get-started/data.xml']);
  });
});
