// Broken manifests: each gives manifest-invalid naming the file (and the line when there is one),
// the risk is high and the check fails. Real git histories, real files.
import { analyseChange } from '../../test-support/analyse-repo.js';
import { analyse } from '../../src/analysis/analyse.js';
import { human, TestRepo, yamlManifest } from '../../test-support/git-repo.js';

const M = 'data/train.manifest.yaml';
const ok = { [M]: yamlManifest([human('a', 10)]) };

async function invalid(files: Record<string, string>, path = M) {
  const a = await analyseChange(ok, files);
  const f = a.findings.filter((x) => x.rule === 'manifest-invalid' && !x.inherited);
  expect(f).toHaveLength(1);
  expect(f[0]!.manifest).toBe(path);
  expect(a.risk).toBe('high');
  return f[0]!;
}

it.each([
  ['invalid YAML', M, 'shards:\n  - id: a\n   rows: 1\n', 3, /invalid YAML/],
  ['invalid JSON', 'data/x.manifest.json', '{"shards": [\n  {"id": "a"},\n]}', 3, /invalid JSON/],
  ['invalid JSON Lines', 'data/x.manifest.jsonl', '{"id":"a"}\n{"id":"b"\n', 2, /invalid JSON/],
  ['a wrong type', M, 'shards:\n  - id: a\n    rows: "12"\n', 3, /^shard a: rows must be a number ≥ 0, got "12" \(write it without quotes\)$/],
  ['duplicate shard ids', M, 'shards:\n  - id: a\n  - id: a\n', 3, /duplicate shard id "a" \(first at line 2\)/],
  ['an empty file', M, '', 1, /empty/],
  ['a Git LFS pointer', M, 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 1234\n', 1, /Git LFS pointer.*fetch it from LFS/],
  ['binary content', M, 'shards:\0\u0001\u0002', undefined, /binary content/],
] as [string, string, string, number | undefined, RegExp][])('%s', async (_what, path, content, line, message) => {
  const files: Record<string, string> = path === M ? { [M]: content } : { [path]: content };
  const f = await invalid(files, path);
  expect(f.line).toBe(line);
  expect(f.message).toMatch(message);
});

it('text in another encoding (Latin-1 bytes) names the line', async () => {
  const repo = new TestRepo();
  try {
    const base = repo.commit(ok, 'base');
    repo.branch('pr');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${repo.dir}/${M}`, Buffer.concat([Buffer.from('shards:\n  - id: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    repo.git('commit', '--quiet', '-am', 'latin-1');
    const a = await analyse({ repoDir: repo.dir, base, head: 'HEAD' });
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'manifest-invalid', line: 2, message: expect.stringMatching(/not valid UTF-8/) })]);
  } finally {
    repo.remove();
  }
});

it('a BOM and CRLF line endings are read, with the right lines', async () => {
  const a = await analyseChange(ok, { [M]: '\uFEFFdataset: x\r\nshards:\r\n  - id: a\r\n    rows: "x"\r\n' });
  expect(a.findings.find((f) => f.rule === 'manifest-invalid')).toMatchObject({ line: 4 });
});

it('a manifest that is a symbolic link in git is not followed', async () => {
  const repo = new TestRepo();
  try {
    const base = repo.commit(ok, 'base');
    repo.branch('pr');
    repo.git('rm', '--quiet', M);
    const { mkdirSync, symlinkSync } = await import('node:fs');
    mkdirSync(`${repo.dir}/data`, { recursive: true });
    symlinkSync('/etc/passwd', `${repo.dir}/${M}`);
    repo.git('add', '-A');
    repo.git('commit', '--quiet', '-m', 'symlink');
    const a = await analyse({ repoDir: repo.dir, base, head: 'HEAD' });
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'manifest-invalid', manifest: M, message: expect.stringMatching(/symbolic link/) })]);
    expect(JSON.stringify(a)).not.toContain('root:');
  } finally {
    repo.remove();
  }
});

it('a manifest path that is a submodule (not a file) is reported', async () => {
  const repo = new TestRepo();
  try {
    const base = repo.commit(ok, 'base');
    repo.branch('pr');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${base},data/sub.manifest.yaml`);
    repo.git('commit', '--quiet', '-m', 'gitlink');
    const a = await analyse({ repoDir: repo.dir, base, head: 'HEAD' });
    expect(a.findings).toEqual([
      expect.objectContaining({ rule: 'manifest-invalid', manifest: 'data/sub.manifest.yaml', message: expect.stringMatching(/submodule/) }),
    ]);
  } finally {
    repo.remove();
  }
});

it('an explicitly selected file no format reads names the formats tried', async () => {
  const a = await analyseChange(ok, { 'data/list.csv': 'a,b\n1,2\n' }, { manifests: ['data/**'] });
  expect(a.findings.find((f) => f.rule === 'manifest-invalid')?.message).toMatch(
    /no manifest format recognises this file \(tried: native, hf-dataset-card, dvc/,
  );
});
