// Resource attacks end in a clear, failing finding within bounded time and memory; the limits
// are configurable in the policy file (`limits:`).
import { analyseChange } from '../../test-support/analyse-repo.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';

const M = 'data/train.manifest.yaml';
const ok = { [M]: yamlManifest([human('a', 10)]) };
const P = '.github/collapse-guard.yml';

async function invalidMessage(files: Record<string, string>) {
  const a = await analyseChange(ok, files);
  const f = a.findings.filter((x) => x.rule === 'manifest-invalid');
  expect(f).toHaveLength(1);
  expect(a.risk).toBe('high');
  return f[0]!;
}

it('a YAML alias bomb ("billion laughs") is refused', async () => {
  const levels = 'abcdefghi'.split('');
  const bomb = levels
    .map(
      (l, i) =>
        `${l}: &${l} [${Array(9)
          .fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`)
          .join(',')}]`,
    )
    .join('\n');
  const f = await invalidMessage({ [M]: `${bomb}\nshards: []\n` });
  expect(f.message).toMatch(/resource exhaustion/);
});

it('a deeply nested document is refused with its line', async () => {
  const deep = `shards:\n  - id: a\n    extra: ${'['.repeat(50000)}${']'.repeat(50000)}\n`;
  const a = await analyseChange(ok, { [M]: deep });
  // Either parsed (unknown keys are kept and ignored) or refused; never a crash.
  expect(a.findings.every((f) => f.rule !== 'manifest-invalid' || f.manifest === M)).toBe(true);
  const json = await invalidMessage({ 'data/x.manifest.json': `{"shards": [{"id": "a", "x": ${'['.repeat(100000)}` });
  expect(json.message).toMatch(/invalid JSON/);
});

it('a manifest above limits.max-manifest-bytes is not read', async () => {
  const big = yamlManifest(Array.from({ length: 200 }, (_, i) => human(`s${i}`, 1)));
  const f = await invalidMessage({ [M]: big, [P]: 'limits: { max-manifest-bytes: 4096 }\n' });
  expect(f.message).toMatch(/MiB, above the limit of 0\.0 MiB \(limits\.max-manifest-bytes\)/);
});

it('more shards than limits.max-shards is refused at the first shard past the limit', async () => {
  const text = `shards:\n${Array.from({ length: 2000 }, (_, i) => `  - {"id": "t${i}", "rows": 1}`).join('\n')}\n`;
  const f = await invalidMessage({ [M]: text, [P]: 'limits: { max-shards: 1000 }\n' });
  expect(f.line).toBe(1002);
  expect(f.message).toBe('2,000 shards, above the limit of 1,000 (limits.max-shards): split the manifest or raise the limit');
});

it('a 10,000-character shard id is refused (limits.max-id-length)', async () => {
  const f = await invalidMessage({ [M]: yamlManifest([human('a'.repeat(10000), 1)]) });
  expect(f.message).toBe('a shard id of 10,000 characters, above the limit of 1024 (limits.max-id-length)');
  expect(f.message.length).toBeLessThan(200);
});
