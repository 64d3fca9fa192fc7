// Real git repositories in temp dirs, for the tests that exercise the engine and the bundled action
// as users do (the jest suites and the e2e suite alike), and native manifests to commit in them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const dirs: string[] = [];

/** A temp dir, removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export class TestRepo {
  readonly dir: string;

  /** A new repository whose first branch is `defaultBranch`; it serves any commit to clones (as GitHub does). */
  constructor(readonly defaultBranch = 'main') {
    this.dir = tempDir('cg-test-');
    this.git('init', '--quiet', `--initial-branch=${defaultBranch}`);
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'test');
    this.git('config', 'commit.gpgsign', 'false');
    // A shallow clone fetches the base commit by id, as the action does.
    this.git('config', 'uploadpack.allowReachableSHA1InWant', 'true');
  }

  git(...args: string[]): string {
    return git(this.dir, ...args);
  }

  /** Writes (string) or deletes (null) files, commits them, and returns the commit id. */
  commit(files: Record<string, string | null>, message = 'change'): string {
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

  branch(name: string, from = 'HEAD'): void {
    this.git('checkout', '--quiet', '-B', name, from);
  }

  /**
   * A branch off the default branch with the given files, and a depth-1 clone of it as
   * actions/checkout makes for a pull request (or of `checkout`, for pull_request_target).
   */
  branchAndClone(
    branch: string,
    files: Record<string, string | null>,
    checkout: 'branch' | 'default' = 'branch',
  ): { base: string; head: string; workspace: string } {
    const base = this.git('rev-parse', this.defaultBranch);
    this.branch(branch, this.defaultBranch);
    const head = this.commit(files, branch);
    this.git('checkout', '--quiet', this.defaultBranch);
    const workspace = tempDir('cg-workspace-');
    const ref = checkout === 'branch' ? branch : this.defaultBranch;
    execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', '--branch', ref, `file://${this.dir}`, workspace]);
    return { base, head, workspace };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A native YAML manifest from shard objects (written as JSON flow mappings, which YAML reads). */
export function yamlManifest(shards: object[], fields: Record<string, unknown> = {}): string {
  const head = Object.entries({ dataset: 'test-data', audit: { last: daysAgo(10) }, ...fields })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return [...head, 'shards:', ...shards.map((s) => `  - ${JSON.stringify(s)}`)].join('\n') + '\n';
}

/** The date `n` days before today, as YYYY-MM-DD. */
export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** A fully documented human shard. */
export function human(id: string, rows: number, extra: object = {}): object {
  return {
    id,
    path: `s3://data/${id}.parquet`,
    sha256: `h-${id}`,
    rows,
    origin: 'human',
    source: 'crm-export',
    collected: '2021-06-30',
    license: 'proprietary',
    ...extra,
  };
}

/** A fully documented synthetic shard. */
export function synthetic(id: string, rows: number, extra: object = {}): object {
  return {
    id,
    path: `s3://data/synth/${id}.parquet`,
    sha256: `s-${id}`,
    rows,
    origin: 'synthetic',
    source: 'gen-pipeline',
    collected: '2024-01-15',
    license: 'internal',
    generator: { model: 'gen-model-1', depth: 1, verified: true },
    ...extra,
  };
}
