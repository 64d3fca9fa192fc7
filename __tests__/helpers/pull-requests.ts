// The setting of the action tests: an "origin" repository served to shallow clones, pull requests
// branched off its main, and a local GitHub API, fresh for every test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { human, TestRepo, yamlManifest } from '../../test-support/git-repo.js';
import { MockGitHub } from './mock-github.js';

export const MANIFEST = 'data/train.manifest.yaml';

export interface PullRequest {
  /** A shallow clone, as actions/checkout makes it. */
  workspace: string;
  event: { number: number; pull_request: { number: number; base: { sha: string }; head: { sha: string }; labels: { name: string }[] } };
  base: string;
  head: string;
}

/** Registers the jest hooks and returns accessors for the current API and origin. */
export function pullRequestSetting() {
  const dirs: string[] = [];
  const state = {} as { origin: TestRepo; api: MockGitHub; apiUrl: string };

  beforeAll(() => {
    state.origin = new TestRepo();
    // GitHub serves any commit reachable from a ref; a plain file remote needs this setting.
    state.origin.git('config', 'uploadpack.allowReachableSHA1InWant', 'true');
    state.origin.commit({ [MANIFEST]: yamlManifest([human('a', 100), human('b', 100)]) }, 'data v1');
  });
  beforeEach(async () => {
    state.api = new MockGitHub();
    state.apiUrl = await state.api.start();
  });
  afterEach(async () => state.api.stop());
  afterAll(() => {
    state.origin.remove();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  /** A PR branch off main with `files`, and a shallow clone of `checkout` (the PR branch by default). */
  function pullRequest(branch: string, files: Record<string, string | null>, opts: { checkout?: 'pr' | 'main'; number?: number } = {}): PullRequest {
    const { origin } = state;
    const number = opts.number ?? 7;
    const base = origin.git('rev-parse', 'main');
    origin.branch(branch, 'main');
    const head = origin.commit(files, branch);
    origin.git('checkout', '--quiet', 'main');
    const workspace = mkdtempSync(join(tmpdir(), 'cg-workspace-'));
    dirs.push(workspace);
    const checkout = opts.checkout === 'main' ? 'main' : branch;
    execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-tags', '--branch', checkout, `file://${origin.dir}`, workspace]);
    const event = { number, pull_request: { number, base: { sha: base }, head: { sha: head }, labels: [] as { name: string }[] } };
    return { workspace, event, base, head };
  }

  /** A path for a file the test writes outside the workspace, removed afterwards. */
  function scratchPath(name: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'cg-scratch-'));
    dirs.push(dir);
    return join(dir, name);
  }

  return {
    get api() {
      return state.api;
    },
    get apiUrl() {
      return state.apiUrl;
    },
    pullRequest,
    scratchPath,
  };
}
