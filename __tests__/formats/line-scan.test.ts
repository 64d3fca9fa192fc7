// The JSON Lines scanner reads a shard line without JSON.parse. Whatever it reads must be what the
// schema reads from the parsed line, and it must leave to the parser every line it is not sure of.
import fc from 'fast-check';
import { ShardLineScanner } from '../../src/formats/native/line-scan.js';
import { nativeShard } from '../../src/formats/native/index.js';
import type { Shard } from '../../src/formats/model.js';

const FIELDS = [
  'id',
  'path',
  'hash',
  'rows',
  'tokens',
  'bytes',
  'weight',
  'origin',
  'syntheticFraction',
  'source',
  'collected',
  'license',
  'tags',
  'categories',
  'generator',
  'verified',
  'line',
] as const;

/** One scanner for every line, as a manifest's lines are read: nothing of one line may stay for the next. */
const scanner = new ShardLineScanner();

function scanned(line: string): Partial<Shard> | undefined {
  const bytes = Buffer.from(`xx${line}yy`);
  if (!scanner.scan(bytes, 2, bytes.length - 2, 5)) return undefined;
  return structuredClone(Object.fromEntries(FIELDS.map((f) => [f, scanner.shard[f]])));
}

function parsed(line: string): Partial<Shard> | undefined {
  try {
    const s = nativeShard(JSON.parse(line), 'm.manifest.jsonl', 5, { onMisspelling: () => undefined });
    return Object.fromEntries(FIELDS.map((f) => [f, s[f]]));
  } catch {
    return undefined;
  }
}

it('reads a flat shard line as the schema reads it', () => {
  const line =
    '{"id": "a1", "path": "s3://x/a", "sha256": "ff", "md5": "ee", "rows": 120, "tokens": 0, "origin": "human", "source": "crm", "collected": "2021-06-30", "license": "cc-by-4.0", "verified": false}';
  expect(scanned(line)).toEqual(parsed(line));
  expect(scanned(line)).toMatchObject({ id: 'a1', hash: 'sha256:ff', rows: 120, tokens: 0, verified: false, line: 5 });
  expect(scanned(' { "path" : "p" ,\t"id" : 42 } ')).toEqual(parsed('{"path": "p", "id": 42}'));
  expect(scanned('{"path": "p", "etag": "e", "md5": "m"}')).toMatchObject({ id: 'p', hash: 'md5:m' });
  for (const generator of ['{"model": "gen-1", "depth": 1, "verified": true}', '{ "verified" : "human-review" , "depth":0 }', '{}']) {
    const withGenerator = `{"id": "s", "rows": 3, "origin": "synthetic", "generator": ${generator}}`;
    expect(scanned(withGenerator)).toEqual(parsed(withGenerator));
  }
  expect(scanned('{"id": "s", "generator": {"model": "g", "depth": 2, "verified": false}}')?.generator).toEqual({ model: 'g', depth: 2, verified: false });
});

it('leaves every line it is not sure of to the parser', () => {
  for (const line of [
    '{}',
    '{"id": "a", "rows": 1, "rows": 2}', // a repeated key: JSON.parse keeps the last
    '{"id": "a\\u0041"}', // an escape
    '{"id": "é"}',
    '{"id": "a", "note": "x"}', // an unknown key
    '{"id": "a", "rows": 1.5}',
    '{"id": "a", "rows": 1e3}',
    '{"id": "a", "rows": -1}',
    '{"id": "a", "rows": 01}',
    '{"id": "a", "rows": 12345678901234567}',
    '{"id": "a", "origin": "Human"}',
    '{"id": "a", "origin": "robot"}',
    '{"id": "a", "collected": "June"}',
    '{"id": "a", "collected": "2023-02-29"}', // not on the calendar
    '{"id": "a", "licence": "mit"}', // an alias the parser reads
    '{"id": "a", "source": ""}',
    '{"id": "a", "source": null}',
    '{"id": "a", "tags": ["rare"]}',
    '{"id": "a", "verified": tru}',
    '{"id": "a"',
    '{"id": "a"} x',
    '{"id": "a",}',
    '{"rows": 1}',
    '[1]',
    '{"id": "a", "generator": {"model": "g", "trained_on": ["d"]}}', // read by the parser
    '{"id": "a", "generator": {"model": "g", "modle": "h"}}',
    '{"id": "a", "generator": {"depth": 1, "depth": 2}}',
    '{"id": "a", "generator": {"depth": -1}}',
    '{"id": "a", "generator": {"depth": 1.5}}',
    '{"id": "a", "generator": {"depth": "1"}}',
    '{"id": "a", "generator": {"model": ""}}',
    '{"id": "a", "generator": {"model": {"name": "g"}}}',
    '{"id": "a", "generator": {"verified": tru}}',
    '{"id": "a", "generator": {"model": "g",}}',
    '{"id": "a", "generator": {"model": "g"}',
    '{"id": "a", "generator": null}',
    '{"id": "a", "generator": "g"}',
  ]) {
    expect([line, scanned(line)]).toEqual([line, undefined]);
  }
});

it('agrees with the schema on generated lines', () => {
  const value = fc.oneof(
    fc.string(),
    fc.constantFrom('human', 'Synthetic', 'web', '2021-06-30', '2024-02-29', '2023-02-29', '2024-02-30T10:00Z', ''),
    fc.nat(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(
      fc.constantFrom('model', 'depth', 'verified', 'trained_on', 'x'),
      fc.oneof(fc.string(), fc.integer({ min: -2, max: 40 }), fc.double(), fc.boolean()),
      {
        maxKeys: 4,
      },
    ),
  );
  const key = fc.constantFrom(
    'id',
    'path',
    'sha256',
    'md5',
    'etag',
    'rows',
    'tokens',
    'bytes',
    'origin',
    'source',
    'collected',
    'license',
    'verified',
    'weight',
    'licence',
    'orgin',
    'x',
    'generator',
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), fc.boolean(), (entries, spaced) => {
      const line = spaced ? JSON.stringify(Object.fromEntries(entries), null, 1).replace(/\n/g, ' ') : JSON.stringify(Object.fromEntries(entries));
      const s = scanned(line);
      if (s !== undefined) expect(s).toEqual(parsed(line));
    }),
    { numRuns: 3000 },
  );
});
