// The fast readers give exactly what the straightforward path gives: the same values, the same
// lines, the same JSON report, on fixtures and on generated documents.
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { analyse } from '../../src/analysis/analyse.js';
import { parseFastYaml } from '../../src/text/fast-yaml.js';
import { fastShard } from '../../src/formats/native/fast-shard.js';
import { shardSchema } from '../../src/formats/native/schema.js';
import { toJsonReport } from '../../src/report/json.js';
import { human, synthetic, TestRepo, yamlManifest } from '../../test-support/git-repo.js';

const FIXTURES = [
  'dataset: d\naudit: { last: 2026-09-30, by: data-team }\nevaluation:\n  metrics: [accuracy, heldout_real_perplexity]\nshards:\n  - id: a\n    path: s3://x/a.parquet   # comment\n    rows: 120000\n    origin: human\n    tags: [rare, "minority"]\n    categories: { en: 110, sw: 10 }\n  - id: "b c"\n    weight: 0.12\n    synthetic_fraction: .5\n    generator: { model: llama-3.1-70b, depth: 1, trained_on: [], verified: true }\n    verified: \'human review\'\n',
  'shards:\n- id: 1\n  rows: -3\n- path: x\n  collected: 2021-03-31\n  license: null\n  source: ~\n',
  'shards:\n  -\n    id: a\n    rows: 1e3\n  - {"id": "j", "rows": 2}\nextra:\n  nested:\n    deeper: [1, [2, 3], {a: b}]\n',
  'key: value # trailing\n"quoted key": \'it\'\'s\'\nempty:\nlist:\n  - one\n  - "two # not a comment"\n',
];

const UNSUPPORTED = [
  'a: &x 1\nb: *x\n',
  'a: |\n  text\n',
  'a: !tag x\n',
  'a: 1\na: 2\n',
  'a:\n  multi\n  line\n',
  '---\na: 1\n',
  'a: [1,\n 2]\n',
  'a:\tb\n',
  'a: "\\x41"\n',
];

/** The yaml package's value, and the start line of every collection by path. */
function reference(text: string) {
  const doc = parseDocument(text, { uniqueKeys: true });
  return { value: doc.toJS(), errors: doc.errors.length };
}

it.each(FIXTURES)('reads plain YAML exactly as the yaml package does (%#)', (text) => {
  const fast = parseFastYaml(text);
  expect(fast).toBeDefined();
  expect(fast!.value).toEqual(reference(text).value);
});

it.each(UNSUPPORTED)('leaves anything else to the yaml package (%#)', (text) => {
  expect(parseFastYaml(text)).toBeUndefined();
});

it("gives the yaml package's value for any generated document it accepts", () => {
  const scalar = fc.oneof(
    fc.constantFrom(
      '1234567890123456789012345678901234567890',
      '-0',
      'a',
      'x y',
      'null',
      '~',
      'true',
      'False',
      '12',
      '-3',
      '0.5',
      '1e3',
      '.5',
      '007',
      'yes',
      '2021-03-31',
      's3://b/k',
      'a:b',
      '"q"',
      "'it''s'",
      '"a # b"',
      '+1',
      '0x1F',
      '.inf',
      '-',
      '?',
      'a,b',
      '#c',
    ),
    fc.stringMatching(/^[a-z0-9 _.:/-]{1,8}$/),
  );
  const flow: fc.Arbitrary<string> = fc.oneof(
    fc.array(scalar, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), scalar), { maxLength: 3 }).map((kv) => `{ ${kv.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
  );
  const value = fc.oneof(scalar, flow);
  const entry = fc.tuple(fc.constantFrom('id', 'path', 'rows', 'tags', 'origin', 'x'), value);
  const doc = fc
    .array(fc.array(entry, { minLength: 1, maxLength: 4 }), { maxLength: 4 })
    .map((shards) => `shards:\n${shards.map((kv) => kv.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`).join('\n')).join('\n')}\n`);
  fc.assert(
    fc.property(doc, (text) => {
      const fast = parseFastYaml(text);
      const ref = reference(text);
      if (fast) {
        expect(ref.errors).toBe(0);
        expect(fast.value).toEqual(ref.value);
      }
    }),
    { numRuns: 500, seed: 7 },
  );
});

it('accepts a shard only when zod accepts it, with the same result', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 2 }), fc.nat(5), { maxKeys: 2 }),
    fc.constantFrom('human', 'synthetic', 'mixed', 'robot', '2021-03-31', '2021-3-31', ''),
  );
  const keys = [
    'id',
    'path',
    'sha256',
    'rows',
    'tokens',
    'origin',
    'synthetic_fraction',
    'collected',
    'tags',
    'categories',
    'verified',
    'generator',
    'x',
  ] as const;
  const shard = fc.record(
    Object.fromEntries(
      keys.map((k) => [k, k === 'generator' ? fc.option(fc.record({ model: field, depth: field }, { requiredKeys: [] }), { nil: undefined }) : field]),
    ),
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(shard, (s) => {
      const fast = fastShard(s);
      if (fast) {
        const z = shardSchema.safeParse(s);
        expect(z.success).toBe(true);
        expect(z.success && JSON.stringify(z.data)).toBe(JSON.stringify(fast));
      }
    }),
    { numRuns: 2000, seed: 11 },
  );
});

it('the optimised and the plain path give the same JSON report on the same histories', async () => {
  const repo = new TestRepo();
  try {
    const shards = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? synthetic(`s${i}`, i + 1) : human(`h${i}`, i + 1, i % 11 === 0 ? { tags: ['rare'], categories: { sw: i } } : {}),
    );
    const jsonl = (list: object[]) => `{"dataset": "big"}\n${list.map((s) => JSON.stringify(s)).join('\n')}\n`;
    const base = repo.commit({ 'a.manifest.yaml': yamlManifest(shards), 'b.manifest.jsonl': jsonl(shards) }, 'base');
    repo.branch('pr');
    const changed = shards.filter((_, i) => i % 13 !== 0).map((s, i) => (i % 17 === 0 ? { ...s, rows: 1 } : s));
    const head = repo.commit(
      { 'a.manifest.yaml': yamlManifest([...changed, { id: 'new', rows: 5 }]), 'b.manifest.jsonl': jsonl([...changed, synthetic('gen', 900)]) },
      'head',
    );
    const run = async (fastPaths: boolean) => JSON.stringify(toJsonReport(await analyse({ repoDir: repo.dir, base, head, today: '2026-11-23', fastPaths })));
    const fast = await run(true);
    const plain = await run(false);
    expect(JSON.parse(fast).findings.length).toBeGreaterThan(5);
    expect(fast).toBe(plain);
  } finally {
    repo.remove();
  }
});
