// Large native manifests are read with their unchanged plain shards tallied instead of kept as
// objects. The reference is the whole read of every file (fastPaths: false): on generated
// histories, both must give the same JSON report and the same comment, byte for byte.
import fc from 'fast-check';
import { analyse } from '../../src/analysis/analyse.js';
import { toJsonReport } from '../../src/report/json.js';
import { renderComment } from '../../src/report/markdown.js';
import { TestRepo } from '../../test-support/git-repo.js';

type Shard = Record<string, unknown>;

/** Kinds of shard that every rule treats differently when they are unchanged. */
const KINDS: ((i: number) => Shard)[] = [
  (i) => ({
    id: `h${i}`,
    path: `s3://d/h${i}.parquet`,
    sha256: `a${i}`,
    rows: 100 + i,
    origin: 'human',
    source: 'crm',
    collected: '2021-06-30',
    license: 'cc-by-4.0',
  }),
  (i) => ({ id: `w${i}`, path: `s3://cc/w${i}`, rows: 50 + i, origin: 'human', source: 'common crawl', collected: '2021-01-01', license: 'odc-by' }),
  (i) => ({ id: `r${i}`, path: `s3://cc/CC-MAIN-2024-10/r${i}`, rows: 70, origin: 'human', source: 'crawl', license: 'odc-by', collected: '2024-03-01' }),
  (i) => ({
    id: `s${i}`,
    rows: 30 + i,
    origin: 'synthetic',
    source: 'gen',
    collected: '2024-01-01',
    license: 'x',
    generator: { model: 'm', depth: (i % 3) + 1 },
  }),
  // Verified synthetic data: tallied at depth 1, kept at depth 2 or when trained on this dataset.
  (i) => ({
    id: `y${i}`,
    rows: 35 + i,
    origin: 'synthetic',
    source: 'gen',
    collected: '2024-01-01',
    license: 'x',
    ...(i % 4 === 3
      ? { verified: 'human-review' }
      : { generator: { model: 'm', depth: (i % 4) + 1, verified: true, ...(i % 4 === 2 ? { trained_on: ['d'] } : {}) } }),
    ...(i % 5 === 0 ? { categories: { en: 30, [`y${i % 2}`]: 5 } } : {}),
  }),
  (i) => ({ id: `u${i}`, rows: 40 + i, source: 'unknown-vendor' }),
  (i) => ({ id: `m${i}`, rows: 60, origin: 'mixed', synthetic_fraction: 0.25, source: 's', collected: '2020-01-01', license: 'l' }),
  (i) => ({ id: `t${i}`, rows: 20, origin: 'human', source: 's', collected: '2020-01-01', license: 'l', tags: ['rare'] }),
  (i) => ({ id: `c${i}`, rows: 80, origin: 'human', source: 's', collected: '2020-01-01', license: 'l', categories: { en: 70, [`x${i % 3}`]: 10 } }),
  (i) => ({ id: `f${i}`, rows: 10.5, origin: 'human', source: 's', collected: '2020-01-01', license: 'l' }),
  (i) => ({ id: `g${i}`, tokens: 1000 + i, rows: 5, origin: 'human', source: 's', collected: '2020-01-01', license: 'l', verified: true }),
  // Shapes the JSON Lines scanner reads, or leaves to the parser.
  (i) => ({ id: 7000 + i, bytes: 0, origin: 'human', source: 'crm', collected: '2021-06-30', license: 'l', md5: `m${i}`, etag: `e${i}` }),
  (i) => ({ path: `s3://d/p${i}`, rows: 3, origin: 'human', source: 'crm', collected: '2021-06-30', license: 'l', verified: false }),
  (i) => ({ id: `e${i}`, path: 's3://d/a\\b "q"', rows: 4, origin: 'human', source: 'crm', collected: '2021-06-30', license: 'l' }),
  (i) => ({ id: `n${i}`, rows: 4, origin: 'human', source: 'médecins', collected: '2021-06-30', license: 'l', note: 'kept' }),
  (i) => ({ id: `v${i}`, rows: 2 ** 40 + i, origin: 'human', source: 'web', collected: '2024-06-30', license: 'l', verified: 'human-review' }),
];

const EDITS: ((s: Shard, i: number) => Shard | undefined)[] = [
  (s) => s,
  (s) => s,
  (s) => s,
  () => undefined, // removed
  (s) => ({ ...s, rows: Number(s.rows ?? 1) * 2 }),
  (s) => ({ ...s, origin: 'synthetic', generator: { model: 'm2', depth: 1 } }),
  (s) => ({ ...s, origin: 'synthetic', verified: 'ai-filter' }),
  (s) => ({ ...s, origin: s.origin ?? 'human' }), // labelled
  (s) => ({ ...s, license: undefined }),
  (s) => ({ ...s, tags: ['rare'] }),
  (s, i) => ({ ...s, id: `${String(s.id)}-renamed${i}` }),
];

interface ManifestPlan {
  yaml: boolean;
  block: boolean;
  kinds: number[];
  edits: number[];
  added: number[];
  shuffle: boolean;
  rename: boolean;
  blank: boolean;
  duplicate: boolean;
  /** The head adds a shard with the id of its first shard, which may be unchanged. */
  clash: boolean;
  broken: boolean;
}

const plan = fc.record<ManifestPlan>({
  yaml: fc.boolean(),
  block: fc.boolean(),
  kinds: fc.array(fc.nat(KINDS.length - 1), { minLength: 0, maxLength: 24 }),
  edits: fc.array(fc.nat(EDITS.length - 1), { maxLength: 24 }),
  added: fc.array(fc.nat(KINDS.length - 1), { maxLength: 4 }),
  shuffle: fc.boolean(),
  rename: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  blank: fc.boolean(),
  duplicate: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  clash: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  broken: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

function write(p: ManifestPlan, name: string, shards: Shard[], broken: boolean): string {
  const clean = shards.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
  if (!p.yaml) {
    const lines = clean.map((s) => (p.block ? spaced(s) : JSON.stringify(s)));
    if (p.blank && lines.length > 1) lines.splice(1, 0, '');
    if (broken) lines.push('{"id": "oops", ');
    return `${JSON.stringify({ dataset: name })}\n${lines.join('\n')}\n`;
  }
  const item = (s: Shard) =>
    p.block
      ? Object.entries(s)
          .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${JSON.stringify(v)}`)
          .join('\n')
      : `  - ${JSON.stringify(s)}`;
  const items = clean.map(item);
  if (p.blank && items.length > 1) items.splice(1, 0, '    # a comment');
  if (broken) items.push('  - id: [unclosed');
  return `dataset: ${name}\naudit: { last: 2026-10-01 }\nshards:\n${items.join('\n')}\n${items.length === 0 ? '' : ''}`;
}

/** JSON with the whitespace JSON allows around every token. */
function spaced(s: Shard): string {
  return ` { ${Object.entries(s)
    .map(([k, v]) => `${JSON.stringify(k)} :\t${JSON.stringify(v)}`)
    .join(' ,  ')} } `;
}

function history(plans: ManifestPlan[], seed: number) {
  const base: Record<string, string> = {};
  const head: Record<string, string> = {};
  plans.forEach((p, m) => {
    const path = `data/m${m}.manifest.${p.yaml ? 'yaml' : 'jsonl'}`;
    const shards = p.kinds.map((k, i) => KINDS[k]!(m * 100 + i));
    if (p.duplicate && shards.length > 1) shards.push({ ...shards[0]!, rows: 1 });
    let next = shards.flatMap((s, i) => {
      const e = EDITS[p.edits[i] ?? 0]!(s, seed);
      return e ? [e] : [];
    });
    next.push(...p.added.map((k, i) => KINDS[k]!(m * 100 + 50 + i)));
    if (p.clash && shards.length > 0) next.push({ ...shards[0]!, rows: 7 });
    if (p.shuffle)
      next = next
        .map((s, i) => ({ s, k: (i * 7919 + seed) % 13 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.s);
    base[path] = write(p, 'd', shards, false);
    head[path] = write(p, p.rename ? 'e' : 'd', next, p.broken);
  });
  return { base, head };
}

const policies = [
  '',
  'provenance:\n  - match: "u*"\n    origin: human\n    license: vendor\n',
  'required-provenance: [origin, source, license, collected, hash]\n',
  'thresholds:\n  recursion-depth: 4\n  synthetic-share-warn: 0.05\n',
];

it('the tallied read gives the same report and comment as the whole read, on generated histories', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 3 }), fc.nat(3), fc.nat(1000), fc.boolean(), async (plans, policy, seed, untouched) => {
      const { base, head } = history(plans, seed);
      // An untouched member of the same dataset is read tallied too.
      if (untouched)
        base['data/rest.manifest.jsonl'] = write(
          { ...plans[0]!, yaml: false },
          'd',
          KINDS.map((k, i) => k(900 + i)),
          false,
        );
      if (policies[policy]) base['.collapse-guard.yml'] = policies[policy]!;
      const repo = new TestRepo();
      try {
        const b = repo.commit(base, 'base');
        repo.branch('pr');
        const h = repo.commit(head, 'head');
        const run = async (fastPaths: boolean) => {
          const a = await analyse({ repoDir: repo.dir, base: b, head: h, today: '2026-11-23', fastPaths, policyPath: '.collapse-guard.yml' });
          return { json: JSON.stringify(toJsonReport(a)), comment: renderComment(a, {}) };
        };
        const whole = await run(false);
        const tallied = await run(true);
        expect(tallied.json).toBe(whole.json);
        expect(tallied.comment).toBe(whole.comment);
      } finally {
        repo.remove();
      }
    }),
    { numRuns: 60, seed: 20261202 },
  );
}, 120_000);

it('a synthetic share that rises over verified synthetic shards left unchanged is lowered one level, tallied or not', async () => {
  const shard = (id: string, rows: number, extra: Shard = {}) =>
    JSON.stringify({ id, rows, origin: 'human', source: 's', collected: '2020-01-01', license: 'l', ...extra });
  const synth = shard('s', 600, { origin: 'synthetic', generator: { model: 'm', depth: 1, verified: true } });
  const manifest = (...lines: string[]) => `${JSON.stringify({ dataset: 'd', audit: { last: '2026-11-01' } })}\n${lines.join('\n')}\n`;
  const repo = new TestRepo();
  try {
    const b = repo.commit({ 'data/d.manifest.jsonl': manifest(shard('a', 1000), shard('b', 1000), synth) });
    repo.branch('pr');
    const h = repo.commit({ 'data/d.manifest.jsonl': manifest(shard('a', 1000), synth) });
    const run = async (fastPaths: boolean) => {
      const a = await analyse({ repoDir: repo.dir, base: b, head: h, today: '2026-11-23', fastPaths, policyPath: '.collapse-guard.yml' });
      return a.findings.find((f) => f.rule === 'synthetic-share');
    };
    const whole = await run(false);
    expect(whole).toMatchObject({ severity: 'low', message: expect.stringContaining('all synthetic shards verified, so one level lower') });
    expect(await run(true)).toEqual(whole);
  } finally {
    repo.remove();
  }
});

it('reads a manifest larger than the read-back window the same as the whole read, edited in place or reordered', async () => {
  // 24,000 shards, about 6 MB: the base is read back from where git wrote it, a window at a time.
  const shard = (i: number, rows = 1000 + (i % 50)) =>
    JSON.stringify({
      id: `shard-${i}`,
      path: `s3://corpus/part-${String(i).padStart(7, '0')}.parquet`,
      sha256: `${String(i).padStart(8, '0')}${'ab'.repeat(28)}`,
      rows,
      origin: i % 10 === 0 ? 'synthetic' : 'human',
      source: i % 10 === 0 ? 'gen' : 'crawl-export',
      collected: '2021-06-30',
      license: 'cc-by-4.0',
      ...(i % 10 === 0 ? { generator: { model: 'gen-1', depth: 1, verified: true } } : {}),
      ...(i % 997 === 0 ? { tags: ['rare'] } : {}),
    });
  const ids = Array.from({ length: 24_000 }, (_, i) => i);
  const manifest = (lines: string[]) => `${JSON.stringify({ dataset: 'big', audit: { last: '2026-11-01' } })}\n${lines.join('\n')}\n`;
  // Edits at the start, across the first window's end and at the end; a few shards removed and added.
  const edited = ids
    .filter((i) => i % 1500 !== 7)
    .map((i) => (i < 5 || (i > 16_000 && i < 16_040) || i > 23_990 ? shard(i, 2000) : shard(i)))
    .concat([shard(90_000), shard(90_010)]);
  const reordered = ids.map((i) => shard(i)).sort((a, b) => (a.length % 7) - (b.length % 7) || (a < b ? 1 : -1));
  for (const head of [edited, reordered.concat(shard(90_020))]) {
    const repo = new TestRepo();
    try {
      const b = repo.commit({ 'data/all.manifest.jsonl': manifest(ids.map((i) => shard(i))) });
      repo.branch('pr');
      const h = repo.commit({ 'data/all.manifest.jsonl': manifest(head) });
      const run = async (fastPaths: boolean) => {
        const a = await analyse({ repoDir: repo.dir, base: b, head: h, today: '2026-11-23', fastPaths });
        return { json: JSON.stringify(toJsonReport(a)), tallied: Math.max(0, ...[...a.change.atBase.values()].map((side) => side.tally?.count ?? 0)) };
      };
      const whole = await run(false);
      expect(JSON.parse(whole.json).findings.length).toBeGreaterThan(0);
      const tallied = await run(true);
      expect(tallied.json).toBe(whole.json);
      // Read tallied indeed (not given up and read whole): most shards are shared and plain.
      expect(tallied.tallied).toBeGreaterThan(20_000);
    } finally {
      repo.remove();
    }
  }
}, 60_000);
