// The action runs in actions/checkout's default clone: one commit deep. It must fetch the base
// and the merge-base itself, and say clearly when it cannot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../src/analysis/analyse.js';
import { GitError } from '../src/git.js';
import { human, synthetic, TestRepo, yamlManifest } from '../test-support/git-repo.js';

const M = 'data/train.manifest.yaml';
let origin: TestRepo;
let base: string;
let head: string;
const clones: string[] = [];

beforeAll(() => {
  origin = new TestRepo();
  // GitHub serves any commit reachable from a ref; a plain file remote needs this setting.
  origin.git('config', 'uploadpack.allowReachableSHA1InWant', 'true');
  origin.commit({ [M]: yamlManifest([human('a', 100), human('b', 100)]) }, 'data v1');
  const forkPoint = origin.git('rev-parse', 'HEAD');
  origin.branch('pr');
  origin.commit({ [M]: yamlManifest([human('a', 100), synthetic('b-synth', 100)]) }, 'swap b');
  for (let i = 0; i < 3; i++) origin.commit({ [`notes/${i}.txt`]: `${i}` }, `unrelated ${i}`);
  head = origin.git('rev-parse', 'HEAD');
  origin.branch('main', forkPoint);
  // main moves on after the PR branched: many unrelated commits.
  for (let i = 0; i < 60; i++) origin.commit({ 'README.txt': `rev ${i}` }, `main ${i}`);
  base = origin.git('rev-parse', 'HEAD');
});

afterAll(() => {
  origin.remove();
  clones.forEach((c) => rmSync(c, { recursive: true, force: true }));
});

function shallowClone(branch: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-clone-'));
  clones.push(dir);
  execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', '--branch', branch, `file://${origin.dir}`, dir]);
  return dir;
}

it('fetches the base and deepens until the merge-base is found', async () => {
  const clone = shallowClone('pr');
  expect(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim()).toBe('1');
  const a = await analyse({ repoDir: clone, base, head, remote: 'origin' });
  expect(a.revisions.base).toBe(execFileSync('git', ['merge-base', base, head], { cwd: origin.dir, encoding: 'utf8' }).trim());
  expect(a.findings.map((f) => f.rule)).toContain('real-data-replaced');
});

it('fails with a clear message when the base cannot be fetched', async () => {
  const clone = shallowClone('pr');
  const missing = 'f'.repeat(40);
  await expect(analyse({ repoDir: clone, base: missing, head, remote: 'origin' })).rejects.toThrow(
    new GitError(`revision ${missing} is not in this clone and could not be fetched from origin`).message,
  );
});

it('does not fetch when told not to, and says the revision is missing', async () => {
  const clone = shallowClone('pr');
  await expect(analyse({ repoDir: clone, base, head })).rejects.toThrow(/is not in this clone/);
});
