// dist/index.js, run as a runner runs it, against a mock of the GitHub REST API that Prism serves
// from GitHub's OpenAPI description, with real webhook payloads from @octokit/webhooks-examples.
// Every request the action sends goes through a recording proxy; any request that Prism finds in
// breach of the description (422/400/404/406, or an `sl-violations` header) fails the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TestRepo, human, removeTempDirs, yamlManifest } from '../test-support/git-repo.ts';
import { BASE_FILES, CLEAN_FILES, MANIFEST, RISKY, RISKY_FILES } from './helpers/fixtures.mjs';
import { startPrism } from './helpers/prism.mjs';
import { RecordingProxy } from './helpers/recording-proxy.mjs';
import { runAction } from '../test-support/run-action.ts';
import { repositoryOf, webhookExample, withMergeGroupShas, withPullRequestShas, withPushShas } from './helpers/webhooks.mjs';

const MARKER = '<!-- collapse-guard:sticky-comment -->';
const PULL = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/;
const ISSUE_COMMENTS = /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/;

let prism;
let api;
let origin;
let branches = 0;

before(
  async () => {
    prism = await startPrism();
    api = new RecordingProxy(prism.url);
    await api.start();
    console.log(`e2e: prism ${prism.url} (pid ${prism.pid}) listening after ${(prism.startupMs / 1000).toFixed(1)} s; recording proxy ${api.url}`);
    // The payloads' repositories target `master`.
    origin = new TestRepo('master');
    origin.commit(BASE_FILES, 'data v1');
  },
  { timeout: 180_000 },
);

after(async () => {
  try {
    if (api) {
      const validated = api.validated().length;
      const bad = api.violations();
      console.log(
        `e2e: ${validated} API requests validated against the GitHub OpenAPI description (${api.requests.length} sent by the action, ${bad.length} in breach)`,
      );
      const byOperation = new Map();
      for (const r of api.requests) byOperation.set(r.operation ?? `${r.method} ${r.path}`, (byOperation.get(r.operation ?? `${r.method} ${r.path}`) ?? 0) + 1);
      for (const [op, n] of byOperation) console.log(`e2e:   ${String(n).padStart(3)} × ${op}`);
      const defects = new Map();
      for (const r of api.requests) for (const v of r.exampleViolations ?? []) defects.set(`${r.operation}: ${v.message}`, v);
      for (const d of defects.keys())
        console.log(`e2e: note: the description's own example breaks its schema, so Prism generated that response from the schema: ${d}`);
      // Belt and braces: each test asserts its own requests, this catches any sent outside them.
      assert.equal(bad.length, 0, `requests that break GitHub's OpenAPI description:\n${api.describe(bad)}`);
    }
  } finally {
    await api?.stop();
    await prism?.stop();
    removeTempDirs();
  }
});

/** A PR branch with `files`, cloned at depth 1 as actions/checkout does. */
function pullRequestBranch(files) {
  return origin.branchAndClone(`pr-${++branches}`, files);
}

/** The mock's example pull request has the commit under test as its head (as GitHub's would). */
function prHeadIs(head) {
  return {
    method: 'GET',
    path: PULL,
    name: 'pull request head = commit under test',
    edit: (pr) => {
      pr.head.sha = head;
    },
  };
}

/**
 * Runs the action against the mock and asserts that every request it sent is valid under the
 * description. Returns the run and the requests it sent.
 */
async function runAgainstMock(opts, edits = []) {
  api.edits = edits;
  const from = api.requests.length;
  const run = await runAction({ apiUrl: api.url, ...opts });
  api.edits = [];
  const requests = api.requests.slice(from);
  const bad = api.violations(from);
  assert.equal(bad.length, 0, `requests that break GitHub's OpenAPI description:\n${api.describe(bad)}\n--- action log ---\n${run.stdout}`);
  for (const r of requests) assert.ok(r.operation, `no operation in the description for ${r.method} ${r.path}`);
  // The action turns API errors into warnings; none may occur against a valid mock.
  assert.doesNotMatch(run.stdout, /::warning::collapse-guard could not post/, run.stdout);
  return { ...run, requests };
}

/** Per test: a run of the action takes about a second; retries on API errors would take far longer. */
const T = { timeout: 60_000 };

const ops = (requests) => requests.map((r) => r.operation?.split(' ')[0]);

describe("the action's requests, validated against GitHub's OpenAPI description", () => {
  it('a risky PR: the PR is read and the sticky comment created with valid requests; the check fails', T, async () => {
    const pr = pullRequestBranch(RISKY_FILES);
    const event = {
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, base: { sha: pr.base, ref: 'master' }, head: { sha: pr.head, ref: 'pr' }, labels: [] },
      repository: { name: 'training-data', owner: { login: 'acme' } },
    };
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'pull_request', event, repository: 'acme/training-data' }, [prHeadIs(pr.head)]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /::error::collapse-guard: collapse risk is high \(fail-on: high\)/);
    assert.deepEqual(
      { risk: run.outputs.risk, findings: run.outputs.findings, share: run.outputs['synthetic-share'] },
      { risk: RISKY.risk, findings: RISKY.findings, share: RISKY.syntheticShare },
    );
    assert.doesNotMatch(run.stdout, /could not post its PR comment/);
    const create = run.requests.find((r) => r.method === 'POST' && ISSUE_COMMENTS.test(r.path));
    assert.ok(create, `no comment was created:\n${api.describe(run.requests)}`);
    assert.equal(create.path, '/repos/acme/training-data/issues/7/comments');
    assert.ok(create.requestBody.body.startsWith(MARKER));
    assert.match(create.requestBody.body, /real-data-replaced/);
    assert.ok(ops(run.requests).includes('pulls/get'));
    assert.ok(ops(run.requests).includes('issues/list-comments'));
    // The mock's example comment has this URL; the action reports it as comment-url.
    assert.match(run.outputs['comment-url'], /^https:\/\/github\.com\/.+#issuecomment-\d+$/);
    // Every request asked for a GitHub JSON media type.
    for (const r of run.requests) assert.match(r.accept, /^application\/(vnd\.github(\.v3)?\+)?json/);
  });

  it('a blocking finding on a changed manifest line: the inline review is a valid createReview', T, async () => {
    const pr = pullRequestBranch({
      [MANIFEST]: yamlManifest([human('a', 100), human('b', 100), human('forum', 50, { source: 'web-scrape', tags: ['web'], collected: '2025-06-30' })]),
    });
    const event = {
      action: 'synchronize',
      number: 11,
      pull_request: { number: 11, base: { sha: pr.base }, head: { sha: pr.head }, labels: [] },
      repository: { name: 'training-data', owner: { login: 'acme' } },
    };
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'pull_request', event, repository: 'acme/training-data' }, [prHeadIs(pr.head)]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /::error title=collapse-guard high,file=data\/train\.manifest\.yaml,line=\d+::unverified-recent-scrape: /);
    assert.doesNotMatch(run.stdout, /could not post its inline review/);
    const review = run.requests.find((r) => r.operation?.startsWith('pulls/create-review '));
    assert.ok(review, `no review was created:\n${api.describe(run.requests)}`);
    assert.equal(review.requestBody.commit_id, pr.head);
    assert.equal(review.requestBody.event, 'COMMENT');
    assert.deepEqual(
      review.requestBody.comments.map((c) => c.path),
      [MANIFEST],
    );
    assert.ok(run.requests.some((r) => r.operation?.startsWith('pulls/list-review-comments ')));
  });

  it('an earlier sticky comment is edited in place, not duplicated', T, async () => {
    const pr = pullRequestBranch(RISKY_FILES);
    const event = {
      action: 'synchronize',
      number: 8,
      pull_request: { number: 8, base: { sha: pr.base }, head: { sha: pr.head }, labels: [] },
      repository: { name: 'training-data', owner: { login: 'acme' } },
    };
    // The example comments become the one an earlier run posted.
    const earlier = {
      method: 'GET',
      path: ISSUE_COMMENTS,
      name: 'example comments carry the sticky marker',
      edit: (list) => {
        for (const c of list) c.body = `${MARKER}\nan earlier run's report`;
      },
    };
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'pull_request', event, repository: 'acme/training-data' }, [
      prHeadIs(pr.head),
      earlier,
    ]);
    assert.equal(run.code, 1, run.stdout);
    const update = run.requests.find((r) => r.operation?.startsWith('issues/update-comment'));
    assert.ok(update, `no comment was updated:\n${api.describe(run.requests)}`);
    assert.ok(update.requestBody.body.startsWith(MARKER));
    assert.equal(run.requests.filter((r) => r.operation?.startsWith('issues/create-comment')).length, 0);
    assert.ok(run.outputs['comment-url']);
  });

  it("leaves the comment alone when the PR's head has moved on (the mock's example PR has another head)", T, async () => {
    const pr = pullRequestBranch(RISKY_FILES);
    const event = {
      action: 'synchronize',
      number: 9,
      pull_request: { number: 9, base: { sha: pr.base }, head: { sha: pr.head }, labels: [] },
      repository: { name: 'training-data', owner: { login: 'acme' } },
    };
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'pull_request', event, repository: 'acme/training-data' });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.risk, 'high');
    assert.deepEqual(
      run.requests.filter((r) => r.method !== 'GET'),
      [],
      api.describe(run.requests),
    );
  });

  it('a clean PR passes; with comment: on-findings no comment is created', T, async () => {
    const pr = pullRequestBranch(CLEAN_FILES);
    const event = {
      action: 'opened',
      number: 10,
      pull_request: { number: 10, base: { sha: pr.base }, head: { sha: pr.head }, labels: [] },
      repository: { name: 'training-data', owner: { login: 'acme' } },
    };
    const run = await runAgainstMock(
      { workspace: pr.workspace, eventName: 'pull_request', event, repository: 'acme/training-data', inputs: { comment: 'on-findings' } },
      [prHeadIs(pr.head)],
    );
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.risk, 'none');
    assert.equal(run.outputs.findings, '0');
    assert.equal(run.requests.filter((r) => r.method === 'POST' && ISSUE_COMMENTS.test(r.path)).length, 0, api.describe(run.requests));
  });
});

describe('real webhook payloads from @octokit/webhooks-examples (only the commit ids replaced)', () => {
  for (const action of ['opened', 'synchronize']) {
    it(`pull_request.${action}: fails the check and comments on the payload's PR in the payload's repository`, T, async () => {
      const pr = pullRequestBranch(RISKY_FILES);
      const event = withPullRequestShas(webhookExample('pull_request', action), pr.base, pr.head);
      const repository = repositoryOf(event);
      const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'pull_request', event, repository }, [prHeadIs(pr.head)]);
      assert.equal(run.code, 1, run.stdout);
      assert.equal(run.outputs.risk, RISKY.risk);
      assert.equal(run.outputs.findings, RISKY.findings);
      assert.match(run.stdout, new RegExp(`collapse-guard: comparing ${pr.base} → ${pr.head}`));
      const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
      assert.equal(report.head, pr.head);
      const comment = run.requests.find((r) => r.method === 'POST' && ISSUE_COMMENTS.test(r.path));
      assert.ok(comment, `no comment request:\n${api.describe(run.requests)}`);
      assert.equal(comment.path, `/repos/${repository}/issues/${event.pull_request.number}/comments`);
      assert.ok(comment.requestBody.body.startsWith(MARKER));
    });
  }

  it('merge_group.checks_requested: fails the check on the queued change, with no API request', T, async () => {
    const pr = pullRequestBranch(RISKY_FILES);
    const event = withMergeGroupShas(webhookExample('merge_group', 'checks_requested'), pr.base, pr.head);
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'merge_group', event, repository: repositoryOf(event) });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.risk, RISKY.risk);
    assert.equal(run.outputs.findings, RISKY.findings);
    assert.match(run.summary, /real-data-replaced/);
    assert.deepEqual(run.requests, []);
  });

  it('push to a branch (before → after): fails the check, with no API request', T, async () => {
    const pr = pullRequestBranch(RISKY_FILES);
    const event = withPushShas(
      webhookExample('push', undefined, (x) => x.ref.startsWith('refs/heads/')),
      pr.base,
      pr.head,
    );
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'push', event, repository: repositoryOf(event) });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.risk, RISKY.risk);
    assert.equal(run.outputs.findings, RISKY.findings);
    assert.deepEqual(run.requests, []);
  });

  it("push that creates a branch (before all zeros, as in the payload): compares with the repository's default branch", T, async () => {
    const pr = pullRequestBranch(RISKY_FILES);
    const example = webhookExample('push', undefined, (x) => x.ref.startsWith('refs/heads/') && /^0+$/.test(x.before));
    const event = withPushShas(example, undefined, pr.head);
    assert.equal(event.repository.default_branch, origin.defaultBranch);
    const run = await runAgainstMock({ workspace: pr.workspace, eventName: 'push', event, repository: repositoryOf(event) });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs.risk, RISKY.risk);
    assert.equal(run.outputs.findings, RISKY.findings);
    assert.deepEqual(run.requests, []);
  });
});
