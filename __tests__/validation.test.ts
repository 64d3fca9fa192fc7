// Validation a person can act on (SPEC §3): every error of a manifest at once, each naming the
// file, the line, the shard and the value given, in plain words; keys one edit away from a known
// one named; blank values absent; origin in any case; dates on the calendar; policy errors in
// plain words. Real files in real git histories; asserted on the comment and the JSON report.
import { analyseChange } from '../test-support/analyse-repo.js';
import { human, TestRepo, yamlManifest } from '../test-support/git-repo.js';
import { analyse } from '../src/analysis/analyse.js';
import { isDate } from '../src/formats/native/schema.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { toJsonReport } from '../src/report/json.js';
import { policySource, resolveSettings } from '../src/analysis/settings.js';

const M = 'data/chats.manifest.yaml';
const ok = { [M]: yamlManifest([human('a', 10)]) };
const shard = (id: string, fields: string) => `  - id: ${id}\n    origin: human\n${fields}`;
const invalidFindings = (a: Awaited<ReturnType<typeof analyseChange>>) => toJsonReport(a).findings.filter((f) => f.rule === 'manifest-invalid' && !f.inherited);

describe('every error of a manifest at once', () => {
  it('names the file, the line, the shard (by id, else its position) and the value given, one finding each', async () => {
    const text = [
      'dataset: chats',
      'shards:',
      shard('chats-2021q1', '    rows: 12k\n'),
      shard('chats-2021q2', '    rows: 10\n    collected: 2024-02-30\n'),
      '  - path: s3://x/3.parquet\n    origin: robots\n',
      '  - rows: 3\n',
    ].join('\n');
    const a = await analyseChange(ok, { [M]: text });
    expect(invalidFindings(a).map((f) => [f.manifest, f.line, f.severity, f.message])).toEqual([
      [M, 5, 'high', 'shard chats-2021q1: rows must be a number ≥ 0, got "12k"'],
      [M, 10, 'high', 'shard chats-2021q2: collected must be a real date like 2024-05-31, got "2024-02-30"'],
      [M, 13, 'high', 'shard 3: origin must be one of human, synthetic, mixed, unknown, got "robots"'],
      [M, 15, 'high', 'shard 4: needs an id or a path'],
    ]);
    const comment = renderMarkdown(a, {});
    expect(comment).toContain('### ❌ Could not read 1 manifest: the check fails');
    expect(comment).toContain(`- \`${M}\` line 5: shard chats-2021q1: rows must be a number ≥ 0, got "12k" (and 3 more problems listed below)`);
    expect(comment).toContain('· line 10: shard chats-2021q2: collected must be a real date like 2024-05-31, got "2024-02-30"');
    expect(a.verdict.summary).toBe(`collapse risk is high (fail-on: high); 1 manifest(s) could not be read: ${M}:5`);
  });

  it('in JSON Lines too, broken lines included', async () => {
    const J = 'data/big.manifest.jsonl';
    const text = '{"dataset": "big"}\n{"id": "a", "rows": "many"}\n{"id": \n{"id": "c", "tokens": -1}\n{"id": "d", "rows": 1}\n';
    const a = await analyseChange({ [J]: '{"id": "a", "rows": 1}\n' }, { [J]: text });
    expect(invalidFindings(a).map((f) => [f.line, f.message])).toEqual([
      [2, 'shard a: rows must be a number ≥ 0, got "many"'],
      [3, expect.stringMatching(/^invalid JSON: /)],
      [4, 'shard c: tokens must be a number ≥ 0, got -1'],
    ]);
  });

  it('lists 20, then says how many more', async () => {
    const shards = Array.from({ length: 25 }, (_, i) => shard(`s${i + 1}`, `    rows: lots-${i + 1}\n`)).join('');
    const a = await analyseChange(ok, { [M]: `shards:\n${shards}` });
    const found = invalidFindings(a);
    expect(found).toHaveLength(20);
    expect(found[0]!.message).toBe('shard s1: rows must be a number ≥ 0, got "lots-1"');
    expect(found[19]!.message).toBe('shard s20: rows must be a number ≥ 0, got "lots-20" (and 5 more errors)');
    expect(renderMarkdown(a, {})).toContain('(and 19 more problems listed below)');
  });
});

describe('what a manifest may write', () => {
  it('names the likely key of one mistyped, as a medium finding: the manifest still reads', async () => {
    const text = ['dataset: chats', 'shards:', '  - id: a', '    rows: 10', '    orgin: human', '  - id: b', '    rows: 5', '    Tokens: 3', ''].join('\n');
    const a = await analyseChange(ok, { [M]: text });
    expect(invalidFindings(a)).toEqual([
      expect.objectContaining({ severity: 'medium', line: 5, shards: ['a'], message: 'unknown key "orgin" is ignored; did you mean "origin"?' }),
      expect.objectContaining({ severity: 'medium', line: 8, shards: ['b'], message: 'unknown key "Tokens" is ignored; did you mean "tokens"?' }),
    ]);
    expect(a.unreadable).toEqual([]);
    expect(renderMarkdown(a, {})).toContain('**Fix:** Rename `orgin` to `origin` so that its value is read.');
  });

  it('keeps other unknown keys without a word', async () => {
    const text = yamlManifest([human('a', 10, { owner: 'data-team', origins_note: 'x', uid: 7 })]);
    expect(invalidFindings(await analyseChange(ok, { [M]: text }))).toEqual([]);
  });

  it('reads licence as license, blank values as absent, and origin in any case', async () => {
    const text = [
      'shards:',
      '  - id: a',
      '    rows: 10',
      '    origin: Human',
      '    source: crm',
      '    licence: cc-by-4.0',
      '    collected: 2024-02-29',
      '    verified:',
      '  - id: b',
      '    rows: 5',
      '    origin: SYNTHETIC',
      '    generator: { model: m, verified: ~ }',
      '',
    ].join('\n');
    const a = await analyseChange(ok, { [M]: text });
    expect(invalidFindings(a)).toEqual([]);
    const head = a.change.manifests[0]!.head!.shards;
    expect(head.find((s) => s.id === 'a')).toMatchObject({ origin: 'human', license: 'cc-by-4.0', collected: '2024-02-29', verified: undefined });
    expect(head.find((s) => s.id === 'b')).toMatchObject({ origin: 'synthetic', generator: { model: 'm', verified: undefined } });
  });

  it('JSON null is absent too, in JSON and JSON Lines', async () => {
    const j = { 'data/a.manifest.json': JSON.stringify({ dataset: null, shards: [{ id: 'a', rows: 1, verified: null, origin: 'Mixed' }] }) };
    const l = { 'data/b.manifest.jsonl': '{"id": "a", "rows": 1, "source": null, "origin": "HUMAN"}\n' };
    const a = await analyseChange({}, { ...j, ...l });
    expect(invalidFindings(a)).toEqual([]);
    expect(a.change.manifests.map((m) => m.head!.shards[0]!.origin)).toEqual(['mixed', 'human']);
  });
});

describe('policy file errors', () => {
  it('are plain sentences naming the file and line, with the likely setting', () => {
    const P = '.github/collapse-guard.yml';
    const text = 'fail-on: high\nthresholds:\n  rare-shrnk: 0.3\nwaivers:\n  - rule: real-data-removed\n    reason: x\n    expires: 2027-02-30\n';
    expect(() => resolveSettings([policySource(P, text)])).toThrow(
      `policy file ${P} line 3: thresholds has no setting "rare-shrnk"; did you mean "rare-shrink"?\n` +
        `policy file ${P} line 7: waiver 1: expires must be a real date like 2027-01-31, got "2027-02-30"`,
    );
  });
});

describe('the fast reads agree with the whole read', () => {
  it('on large manifests changed in place with mistyped keys, blank values, mixed-case origins and bad dates', async () => {
    const lines = (n: number, edit: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => `{"id": "s${i}", "rows": ${i + 1}, "origin": "human", "source": "crm"${edit(i)}}`).join('\n') + '\n';
    const quirks = (i: number) =>
      i % 7 === 0 ? ', "orgin": "human"' : i % 5 === 0 ? ', "verified": null' : i % 3 === 0 ? ', "licence": "mit", "collected": "2024-02-29"' : '';
    const J = 'data/big.manifest.jsonl';
    const Y = 'data/big.manifest.yaml';
    const yaml = (n: number, edit: (i: number) => string) =>
      'dataset: big\nshards:\n' +
      lines(n, edit)
        .trim()
        .split('\n')
        .map((l) => `  - ${l}`)
        .join('\n') +
      '\n';
    const base = { [J]: lines(300, quirks), [Y]: yaml(300, quirks) };
    for (const head of [
      { [J]: lines(301, quirks), [Y]: yaml(301, quirks) },
      { [J]: lines(300, (i) => (i === 150 ? ', "collected": "2023-02-29"' : quirks(i))), [Y]: yaml(300, (i) => (i === 9 ? ', "origin": "HUMAN"' : quirks(i))) },
    ]) {
      const repo = new TestRepo();
      try {
        const b = repo.commit(base, 'base');
        const h = repo.commit(head, 'head');
        const run = async (fastPaths: boolean) =>
          JSON.stringify(toJsonReport(await analyse({ repoDir: repo.dir, base: b, head: h, fastPaths, today: '2026-12-01' })));
        expect(await run(true)).toBe(await run(false));
      } finally {
        repo.remove();
      }
    }
  });
});

it('dates are days on the calendar, leap years included', () => {
  expect(['2024-02-29', '2000-02-29', '2023-12-31', '2024-05-31T10:00:00Z'].filter(isDate)).toHaveLength(4);
  expect(['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '2024-00-10'].filter(isDate)).toEqual([]);
});
