// Real git repositories in a temp dir, for tests that exercise the engine as users do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class TestRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'cg-test-'));
    if (!dir) {
      this.git('init', '--quiet', '--initial-branch=main');
      this.git('config', 'user.email', 'test@example.com');
      this.git('config', 'user.name', 'test');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
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

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A native YAML manifest from shard objects (written as JSON flow mappings, which YAML reads). */
export function yamlManifest(shards: object[], fields: Record<string, unknown> = {}): string {
  const head = Object.entries({ dataset: 'test-data', audit: { last: daysAgo(10) }, ...fields }).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return [...head, 'shards:', ...shards.map((s) => `  - ${JSON.stringify(s)}`)].join('\n') + '\n';
}

/** The date `n` days before today, as YYYY-MM-DD. */
export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** A fully documented human shard. */
export function human(id: string, rows: number, extra: object = {}): object {
  return { id, path: `s3://data/${id}.parquet`, sha256: `h-${id}`, rows, origin: 'human', source: 'crm-export', collected: '2021-06-30', license: 'proprietary', ...extra };
}

/** A fully documented synthetic shard. */
export function synthetic(id: string, rows: number, extra: object = {}): object {
  return {
    id, path: `s3://data/synth/${id}.parquet`, sha256: `s-${id}`, rows, origin: 'synthetic', source: 'gen-pipeline',
    collected: '2024-01-15', license: 'internal', generator: { model: 'gen-model-1', depth: 1, verified: true }, ...extra,
  };
}
