// The bundled CLI, as a user runs it: report formats and exit codes (SPEC §8, §9).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { human, synthetic, TestRepo, yamlManifest } from '../test-support/git-repo.js';

const CLI = resolve('dist/cli.js');
const M = 'data/train.manifest.yaml';
let repo: TestRepo;

beforeAll(() => {
  repo = new TestRepo();
  repo.commit({ [M]: yamlManifest([human('a', 100), human('b', 100, { tags: ['rare'] })]) }, 'base');
  repo.branch('swap');
  repo.commit({ [M]: yamlManifest([human('a', 100), synthetic('s', 100)]) }, 'swap');
  repo.branch('grow', 'main');
  repo.commit({ [M]: yamlManifest([human('a', 100), human('b', 100, { tags: ['rare'] }), human('c', 10)]) }, 'grow');
  repo.branch('broken', 'main');
  repo.commit({ [M]: 'shards:\n  - id: a\n    origin: robot\n' }, 'broken');
});

afterAll(() => repo.remove());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, '--repo', repo.dir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('prints the JSON report of SPEC §8 and exits 1 when risk reaches fail-on', () => {
  const r = cli('--base', 'main', '--head', 'swap', '--format', 'json');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout);
  expect(Object.keys(report)).toEqual(['version', 'base', 'head', 'risk', 'datasets', 'manifests', 'findings', 'waivers', 'checklist']);
  expect(report.datasets).toEqual([
    {
      name: 'test-data',
      status: 'modified',
      kind: 'inventory',
      manifests: [M],
      units: { unit: 'rows', base: { real: 200, synthetic: 0, unknown: 0 }, head: { real: 100, synthetic: 100, unknown: 0 } },
      share: { base: 0, head: 0.5 },
    },
  ]);
  expect(report.waivers).toEqual({ unused: [], expired: [] });
  expect(report).toMatchObject({ version: 1, head: repo.git('rev-parse', 'swap'), base: repo.git('rev-parse', 'main'), risk: 'critical' });
  expect(report.manifests).toEqual([
    {
      path: M,
      format: 'native',
      status: 'modified',
      dataset: 'test-data',
      shards: { added: 1, removed: 1, modified: 0, renamed: 0, unchanged: 1 },
      unit: 'rows',
      units: { base: { real: 200, synthetic: 0, unknown: 0 }, head: { real: 100, synthetic: 100, unknown: 0 } },
      share: { base: 0, head: 0.5 },
    },
  ]);
  expect(report.findings.map((f: { rule: string }) => f.rule).sort()).toEqual([
    'compound-risk',
    'rare-data-dropped',
    'real-data-removed',
    'real-data-replaced',
    'synthetic-share',
  ]);
  expect(Object.keys(report.findings[0]).sort()).toEqual([
    'dataset',
    'inherited',
    'line',
    'manifest',
    'message',
    'rule',
    'severity',
    'shard',
    'shards',
    'waived',
  ]);
  expect(report.findings.find((f: { rule: string }) => f.rule === 'rare-data-dropped')).toMatchObject({ dataset: 'test-data', shards: ['b'] });
  expect(report.checklist).toHaveLength(7);
  expect(report.checklist[3]).toMatchObject({ mistake: 4, status: 'fail' });
});

it('exits 0 below fail-on and prints Markdown by default', () => {
  expect(cli('--base', 'main', '--head', 'swap', '--fail-on', 'never').code).toBe(0);
  const grow = cli('--base', 'main', '--head', 'grow');
  expect(grow.code).toBe(0);
  expect(grow.stdout).toContain('No collapse risk found');
  expect(grow.stdout).toContain('- ✅ **4. Replacing real data instead of accumulating it**: no problem found (real data kept');
});

it('exits 1 with manifest-invalid for a malformed manifest, naming file and line, even with fail-on never', () => {
  const r = cli('--base', 'main', '--head', 'broken', '--format', 'json', '--fail-on', 'never');
  expect(r.code).toBe(1);
  const f = JSON.parse(r.stdout).findings[0];
  expect(f).toMatchObject({ rule: 'manifest-invalid', manifest: M, line: 3, severity: 'high' });
  expect(r.stderr).toBe('');
});

it('exits 2 on usage and input errors, without a stack trace', () => {
  const bad = cli('--base', 'main', '--head', 'swap', '--fail-on', 'loud');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--fail-on must be one of');
  const unknownFlag = cli('--bogus');
  expect(unknownFlag.code).toBe(2);
  const missing = cli('--base', 'no-such-branch', '--head', 'swap');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toBe('collapse-guard: revision no-such-branch is not in this clone\n');
  const notRepo = spawnSync(process.execPath, [CLI, '--repo', '/nonexistent-dir', '--base', 'a', '--head', 'b'], { encoding: 'utf8' });
  expect(notRepo.status).toBe(2);
  expect(notRepo.stderr).not.toMatch(/^\s+at /m);
});

it('reads only the manifests selected by --manifests, and refuses a selection that matches nothing', () => {
  const r = cli('--base', 'main', '--head', 'swap', '--format', 'json', '--manifests', 'data/*.yaml');
  expect(JSON.parse(r.stdout).manifests.map((m: { path: string }) => m.path)).toEqual([M]);
  const none = cli('--base', 'main', '--head', 'swap', '--format', 'json', '--manifests', 'other/**/*.yaml');
  expect(none.code).toBe(2);
  expect(none.stdout).toBe('');
  expect(none.stderr).toBe('collapse-guard: the manifests selection "other/**/*.yaml" matches no file at base or head: check the glob\n');
});

it('reads a policy file from disk with --config; a bad one is an input error (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-policy-'));
  try {
    writeFileSync(join(dir, 'lenient.yml'), 'fail-on: never\n');
    expect(cli('--base', 'main', '--head', 'swap', '--config', join(dir, 'lenient.yml')).code).toBe(0);
    writeFileSync(join(dir, 'bad.yml'), 'fail-on: never\nwaivers:\n  - rule: real-data-removed\n    reason: purge\n');
    const bad = cli('--base', 'main', '--head', 'swap', '--config', join(dir, 'bad.yml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^collapse-guard: policy file .*bad\.yml line 3: waiver 1: expires is missing \(it must be a real date like 2027-01-31\)/);
    const missing = cli('--base', 'main', '--head', 'swap', '--config', join(dir, 'none.yml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the policy file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('prints SARIF 2.1.0 with --format sarif', () => {
  const r = cli('--base', 'main', '--head', 'swap', '--format', 'sarif');
  const sarif = JSON.parse(r.stdout);
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'rare-data-dropped')).toMatchObject({ level: 'error' });
});

it('writes its whole report into a pipe that is slow to read, and keeps its Markdown bounded', async () => {
  const big = new TestRepo();
  try {
    big.commit({ 'data/a.manifest.yaml': yamlManifest([human('a', 1)]) }, 'base');
    const shards = Array.from({ length: 20_000 }, (_, i) => ({ id: `crawl-shard-${i}`, path: `s3://crawl/${i}.parquet`, rows: 10 }));
    const head = big.commit({ 'data/a.manifest.yaml': yamlManifest([human('a', 1), ...shards]) }, 'head');
    const child = spawn(process.execPath, [CLI, '--repo', big.dir, '--base', 'main~1', '--head', head, '--format', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader starts a second late, as `| jq` on a busy machine may.
    await new Promise((r) => setTimeout(r, 1000));
    const chunks: Buffer[] = [];
    for await (const c of child.stdout) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(text);
    expect(report.findings.find((f: { rule: string }) => f.rule === 'missing-provenance').shards).toHaveLength(20_000);
    const md = spawnSync(process.execPath, [CLI, '--repo', big.dir, '--base', 'main~1', '--head', head], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(Buffer.byteLength(md.stdout)).toBeLessThan(64 * 1024);
    expect(md.stdout).toContain('20,000 added or modified shards lack provenance');
  } finally {
    big.remove();
  }
});
