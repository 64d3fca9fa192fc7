// Property-based fuzzing of the parsers and the diff, a bounded number of cases per run.
import fc from 'fast-check';
import { matchShards } from '../../src/diff/shards.js';
import { FORMATS } from '../../src/formats/index.js';
import { SourceError } from '../../src/text/source-error.js';
import type { Shard } from '../../src/formats/model.js';
import { readManifest } from '../../src/formats/read-manifest.js';
import { defaultSettings, policySource, resolveSettings, SettingsError } from '../../src/analysis/settings.js';
import { renderMarkdown } from '../../src/report/markdown.js';

const RUNS = { numRuns: 300, seed: 20261123 };
const LIMITS = defaultSettings().limits;
const PATHS = [
  'd/x.manifest.yaml',
  'd/x.manifest.json',
  'd/x.manifest.jsonl',
  'README.md',
  'd/x.dvc',
  'dvc.lock',
  'index.json',
  'metadata.json',
  'data_summaries/a.json',
  'mixes/a.txt',
  'blend.txt',
  'train.yaml',
];

/** Text shaped like manifests: fragments of YAML/JSON syntax and manifest keys, mixed with noise. */
const manifestish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'shards:',
        '\n  - ',
        'id: ',
        'rows: ',
        'origin: human',
        '{"shards": [',
        ']}',
        '{"id": "a"}',
        '---\n',
        'configs:',
        'outs:\n- path: a\n  md5: b',
        'data_stages:',
        '&a ',
        '*a',
        '[',
        ']',
        '{',
        '}',
        ',',
        ':',
        '"',
        "'",
        '#',
        '\n',
        '  ',
        '\t',
        '0.5 p ',
        'web,d/x.npy\n',
        '\uFEFF',
        '\r\n',
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

it('reading any text as any format ends in a manifest or a SourceError, never a crash', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), manifestish, fc.boolean(), (path, text, explicit) => {
      try {
        const m = readManifest(path, text, explicit, LIMITS);
        if (m) for (const s of m.dataset.shards) expect(s.line).toBeGreaterThanOrEqual(1);
      } catch (e) {
        expect(e).toBeInstanceOf(SourceError);
        expect((e as SourceError).message.startsWith(path)).toBe(true);
      }
    }),
    RUNS,
  );
  expect(FORMATS.length).toBeGreaterThan(5);
});

it('reading any text as a policy file ends in settings or a SettingsError', () => {
  fc.assert(
    fc.property(manifestish, (text) => {
      try {
        resolveSettings([policySource('.github/collapse-guard.yml', text)]);
      } catch (e) {
        expect(e).toBeInstanceOf(SettingsError);
      }
    }),
    RUNS,
  );
});

const shard: fc.Arbitrary<Shard> = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  path: fc.option(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { nil: undefined }),
  hash: fc.option(fc.constantFrom('h1', 'h2', 'h3'), { nil: undefined }),
  rows: fc.option(fc.nat(1000), { nil: undefined }),
  origin: fc.option(fc.constantFrom('human', 'synthetic', 'mixed', 'unknown'), { nil: undefined }),
  tags: fc.constant([] as string[]),
  line: fc.nat(100).map((n) => n + 1),
});
/** Shard lists as manifests have them: unique ids. */
const shards = fc.uniqueArray(shard, { selector: (s) => s.id, maxLength: 6 });

it('a manifest against itself has no changes', () => {
  fc.assert(
    fc.property(shards, (list) => {
      expect(matchShards(list, list).every((c) => c.status === 'unchanged')).toBe(true);
    }),
    RUNS,
  );
});

it('swapping base and head swaps added and removed, and every shard is accounted for once', () => {
  fc.assert(
    fc.property(shards, shards, (base, head) => {
      const forward = matchShards(base, head);
      const backward = matchShards(head, base);
      const ids = (cs: ReturnType<typeof matchShards>, status: string, side: 'base' | 'head') =>
        cs
          .filter((c) => c.status === status)
          .map((c) => c[side]!.id)
          .sort();
      expect(ids(forward, 'added', 'head')).toEqual(ids(backward, 'removed', 'base'));
      expect(ids(forward, 'removed', 'base')).toEqual(ids(backward, 'added', 'head'));
      expect(forward.filter((c) => c.head).length).toBe(head.length);
      expect(forward.filter((c) => c.base).length).toBe(base.length);
    }),
    RUNS,
  );
});

it('the report of any shard ids keeps its tables whole', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 5 }), (ids) => {
      const findings = ids.map((id) => ({
        rule: 'missing-provenance' as const,
        severity: 'medium' as const,
        manifest: id,
        shard: id,
        message: id,
        fix: id,
        inherited: false,
        waived: false,
      }));
      const md = renderMarkdown(
        {
          revisions: { base: 'a'.repeat(40), head: 'b'.repeat(40), baseTip: 'a'.repeat(40) },
          change: { manifests: [], datasets: [], problems: [], atBase: new Map() },
          findings,
          active: findings,
          blocking: [],
          unreadable: [],
          risk: 'medium',
          verdict: { fails: false, accepted: false, summary: '' },
          checklist: [],
          settings: defaultSettings(),
          today: '2026-11-23',
          expiredWaivers: [],
          unusedWaivers: [],
          syntheticShare: null,
          trends: [],
        },
        {},
      );
      // One list item per finding, each a line of its own, whatever the ids hold.
      const items = md.split('\n').filter((l) => l.startsWith('- **🟠 medium**'));
      expect(items).toHaveLength(ids.length);
      expect(md).not.toMatch(/<(?!sub>|\/sub>|details>|details open>|\/details>|summary>|\/summary>)[a-z!]/i);
    }),
    RUNS,
  );
});
