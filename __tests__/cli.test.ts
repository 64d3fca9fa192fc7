// The bundled CLI, as a user runs it: report formats and exit codes (SPEC §8, §9).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The CLI with its stdout on a pseudo-terminal, as in an interactive shell (`script` passes the exit code on). */
function onTerminal(...args: string[]) {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, '--repo', repo.dir, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout.replace(/\r\n/g, '\n') };
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

it('prints plain text on a terminal by default, and Markdown when asked', () => {
  const r = onTerminal('--base', 'main', '--head', 'swap');
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe('FAIL: collapse risk is critical (fail-on: high): the check fails');
  expect(lines[1]).toBe(
    `  base ${repo.git('rev-parse', '--short=7', 'main')} → head ${repo.git('rev-parse', '--short=7', 'swap')} · fail-on high · ` +
      '1 manifest changed in 1 dataset · 5 findings',
  );
  expect(lines.slice(2, 5)).toEqual([
    '',
    'Datasets',
    '  test-data, 1 manifest: real 200 → 100 rows · synthetic 0 → 100 rows · unknown 0 → 0 rows · synthetic share 0.0 % → 50.0 %',
  ]);
  expect(lines).toContain('Collapse-risk checklist');
  expect(lines).toContain('  FAIL   5. Discarding rare cases as noise: b: shard tagged rare is removed (it was at line 5 on the base)');
  expect(lines).toContain('Findings at or above fail-on (high)');
  expect(lines).toContain('  data/train.manifest.yaml (dataset test-data)');
  expect(lines).toContain('    high     rare-data-dropped · shard b · base line 5: shard tagged rare is removed (it was at line 5 on the base)');
  expect(lines).toContain('             fix: Keep rare shards: they carry the tails of the distribution that models lose first.');
  expect(lines).toContain('Data changes');
  expect(r.stdout).not.toMatch(/<br|<details|<sub|\*\*|`|^#|\|/m);

  // The same text when asked for, wherever stdout goes.
  expect(cli('--base', 'main', '--head', 'swap', '--format', 'text').stdout).toBe(r.stdout);
  const md = onTerminal('--base', 'main', '--head', 'swap', '--format', 'markdown');
  expect(md.stdout).toMatch(/^### ❌ Collapse risk ⛔ critical: the check fails\n/);
  expect(md.stdout).toContain('<details');
});

it('shows the synthetic-share trend unless --trend-commits 0; a bad count is a usage error', () => {
  const trend = (...args: string[]) => cli('--base', 'main', '--head', 'swap', '--format', 'text', ...args).stdout;
  expect(trend()).toContain('Synthetic share over time (commits of the base branch, then this change)\n  test-data (by rows): 0.0 % (');
  expect(trend('--trend-commits', '0')).not.toContain('Synthetic share over time');
  expect(cli('--base', 'main', '--head', 'swap', '--trend-commits', '0').stdout).not.toContain('```mermaid');
  expect(cli('--base', 'main', '--head', 'swap', '--trend-commits', '5').stdout).toContain('```mermaid');
  const word = cli('--base', 'main', '--head', 'swap', '--trend-commits', 'all');
  expect(word.code).toBe(2);
  expect(word.stderr).toMatch(/^collapse-guard: --trend-commits must be a whole number, 0 for no trend \(got "all"\)\n/);
  const many = cli('--base', 'main', '--head', 'swap', '--trend-commits', '1000');
  expect(many.code).toBe(2);
  expect(many.stderr).toMatch(/^collapse-guard: --trend-commits /);
});

it('says so when --repo is not a git repository (exit 2)', () => {
  const run = (dir: string) => spawnSync(process.execPath, [CLI, '--repo', dir, '--base', 'main', '--head', 'HEAD'], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'cg-plain-'));
  try {
    const plain = run(dir);
    expect([plain.status, plain.stdout, plain.stderr]).toEqual([2, '', `collapse-guard: ${dir} is not a git repository\n`]);
    const missing = run(join(dir, 'nowhere'));
    expect([missing.status, missing.stderr]).toEqual([2, `collapse-guard: ${join(dir, 'nowhere')} is not a git repository: no such directory\n`]);
    writeFileSync(join(dir, 'file'), '');
    const file = run(join(dir, 'file'));
    expect([file.status, file.stderr]).toEqual([2, `collapse-guard: ${join(dir, 'file')} is not a git repository: it is not a directory\n`]);
    // A directory inside a repository is read as git reads it: the repository around it.
    mkdirSync(join(repo.dir, 'data', 'sub'), { recursive: true });
    expect(spawnSync(process.execPath, [CLI, '--repo', join(repo.dir, 'data'), '--base', 'main', '--head', 'grow'], { encoding: 'utf8' }).status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('lists every flag in --help with what it does, and refuses unknown flags (exit 2)', () => {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  const flags = [...help.stdout.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)(?: [A-Z]+)? {2,}\S/gm)].map((m) => m[1]);
  expect(flags).toEqual(['--base', '--head', '--repo', '--config', '--manifests', '--format', '--fail-on', '--trend-commits', '--fetch', '--help']);
  for (const format of ['markdown', 'text', 'json', 'sarif']) expect(help.stdout).toMatch(new RegExp(`^ +${format} +\\S`, 'm'));
  const unknown = cli('--base', 'main', '--head', 'swap', '--trend', '3');
  expect(unknown.code).toBe(2);
  expect(unknown.stdout).toBe('');
  expect(unknown.stderr).toMatch(/^collapse-guard: Unknown option '--trend'/);
  expect(unknown.stderr).toContain('Usage: collapse-guard');
  // The README's table of flags is the same list.
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf('| flag | default | meaning |'));
  const rows = [...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| `(?:-h, )?(--[a-z-]+)/gm)].map((m) => m[1]);
  expect(rows).toEqual(flags);
});

it('puts the package version in SARIF', () => {
  const sarif = JSON.parse(cli('--base', 'main', '--head', 'swap', '--format', 'sarif').stdout);
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  expect(sarif.runs[0].tool.driver).toMatchObject({ name: 'collapse-guard', version });
});

it('keeps its text report bounded and free of terminal control sequences from manifests', () => {
  const many = new TestRepo();
  try {
    many.commit({ 'data/keep.manifest.yaml': yamlManifest([human('a', 1)]) }, 'base');
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++)
      files[`data/m${i}.manifest.yaml`] = yamlManifest([{ id: `new-${i}\u001b[2J\u202e`, path: `s3://x/${i}.parquet`, rows: 5 }], { dataset: `d${i}` });
    const head = many.commit(files, 'head');
    const r = spawnSync(process.execPath, [CLI, '--repo', many.dir, '--base', 'main~1', '--head', head, '--format', 'text'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n  …and 10 more datasets (--format json lists them all)\n');
    expect(r.stdout).toContain('\n  …and 10 more findings (--format json lists them all)\n');
    expect(r.stdout).toContain('\n  …and 10 more manifests (--format json lists them all)\n');
    expect(r.stdout).toContain('    medium   missing-provenance · shard new-0 [2J · line 4: added shard lacks ');
    // eslint-disable-next-line no-control-regex -- control characters are what must not reach the terminal
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  } finally {
    many.remove();
  }
});
