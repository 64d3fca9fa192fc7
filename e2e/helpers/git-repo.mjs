// Real git repositories in temp dirs, and the shallow clone actions/checkout makes of a PR head.
// A plain-JS copy of the bits of __tests__/helpers/git-repo.ts this suite needs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const dirs = [];

/** A temp dir removed by removeTempDirs(). */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs() {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export class TestRepo {
  /** @param {string} defaultBranch the branch PRs target */
  constructor(defaultBranch = 'main') {
    this.defaultBranch = defaultBranch;
    this.dir = tempDir('cg-e2e-origin-');
    this.git('init', '--quiet', `--initial-branch=${defaultBranch}`);
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'test');
    this.git('config', 'commit.gpgsign', 'false');
    // A shallow clone fetches the base commit by id, as the action does.
    this.git('config', 'uploadpack.allowReachableSHA1InWant', 'true');
  }

  git(...args) {
    return git(this.dir, ...args);
  }

  /** Writes (string) or deletes (null) files, commits them, and returns the commit id. */
  commit(files, message = 'change') {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) unlinkSync(full);
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    this.git('add', '-A');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /**
   * A branch off the default branch with the given files and a depth-1 clone of it, as actions/checkout makes
   * for a pull request: returns { base, head, workspace }.
   */
  branchAndClone(branch, files) {
    const base = this.git('rev-parse', this.defaultBranch);
    this.git('checkout', '--quiet', '-B', branch, this.defaultBranch);
    const head = this.commit(files, branch);
    this.git('checkout', '--quiet', this.defaultBranch);
    const workspace = tempDir('cg-e2e-workspace-');
    execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', '--branch', branch, `file://${this.dir}`, workspace]);
    return { base, head, workspace };
  }
}

/** A native YAML manifest from shard objects (JSON flow mappings, which YAML reads). */
export function yamlManifest(shards, fields = {}) {
  const head = Object.entries({ dataset: 'test-data', audit: { last: daysAgo(10) }, ...fields })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return [...head, 'shards:', ...shards.map((s) => `  - ${JSON.stringify(s)}`)].join('\n') + '\n';
}

export function daysAgo(n) {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** A fully documented human shard. */
export function human(id, rows, extra = {}) {
  return { id, path: `s3://data/${id}.parquet`, sha256: `h-${id}`, rows, origin: 'human', source: 'crm-export', collected: '2021-06-30', license: 'proprietary', ...extra };
}

/** A fully documented synthetic shard. */
export function synthetic(id, rows, extra = {}) {
  return {
    id, path: `s3://data/synth/${id}.parquet`, sha256: `s-${id}`, rows, origin: 'synthetic', source: 'gen-pipeline',
    collected: '2024-01-15', license: 'internal', generator: { model: 'gen-model-1', depth: 1, verified: true }, ...extra,
  };
}

export const MANIFEST = 'data/train.manifest.yaml';

/** The base data: two documented human shards. */
export const BASE_FILES = { [MANIFEST]: yamlManifest([human('a', 100), human('b', 100)]) };

/**
 * The risky change used throughout: the human shard b is swapped for a synthetic one
 * (real-data-replaced and real-data-removed at high, synthetic-share 50 %): risk high, 3 findings.
 */
export const RISKY_FILES = { [MANIFEST]: yamlManifest([human('a', 100), synthetic('b-synth', 100)]) };
export const RISKY = { risk: 'high', findings: '3', syntheticShare: '0.5000' };

/** A harmless change: one more documented human shard. */
export const CLEAN_FILES = { [MANIFEST]: yamlManifest([human('a', 100), human('b', 100), human('c', 50)]) };
