// The bundled action's GitHub behaviour under real conditions: inline review, stale runs, retries,
// pagination, concurrent runs, SARIF, push and merge-queue events, GitHub Enterprise.
import { readFileSync } from 'node:fs';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { MANIFEST as M, pullRequestSetting } from '../helpers/pull-requests.js';
import { runAction } from '../../test-support/run-action.js';

const setting = pullRequestSetting();
const pullRequest = setting.pullRequest;

const swap = () => ({ [M]: yamlManifest([human('a', 100), synthetic('b-synth', 100, { generator: { model: 'g' } })]) });

it('posts one COMMENT review on the changed lines of blocking findings, and not again on a rerun', async () => {
  const pr = pullRequest('inline', { [M]: yamlManifest([human('a', 100), human('b', 100, { origin: 'synthetic', sha256: 'regenerated' })]) });
  setting.api.pullHead = pr.head;
  const first = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(first.code).toBe(1);
  expect(setting.api.reviews).toHaveLength(1);
  expect(setting.api.reviews[0]).toMatchObject({ event: 'COMMENT', commit_id: pr.head });
  expect(setting.api.reviews[0]!.comments).toEqual([
    expect.objectContaining({ path: M, line: 5, side: 'RIGHT', body: expect.stringContaining('real-data-replaced') }),
    expect.objectContaining({ path: M, line: 5, side: 'RIGHT', body: expect.stringContaining('real-data-removed') }),
  ]);
  const second = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(second.code).toBe(1);
  expect(setting.api.reviews).toHaveLength(1);
  expect(setting.api.comments).toHaveLength(1);
});

it("comments a removal on the removed line (the diff's left side), and annotates the nearest head line", async () => {
  // The base manifest holds a at line 4 and b at line 5; the PR removes a.
  const pr = pullRequest('removal', { [M]: yamlManifest([human('b', 100)]) });
  setting.api.pullHead = pr.head;
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(run.code).toBe(1);
  expect(setting.api.reviews[0]!.comments).toEqual([
    expect.objectContaining({ path: M, line: 4, side: 'LEFT', body: expect.stringContaining('real-data-removed') }),
  ]);
  expect(run.stdout).toMatch(/::error title=collapse-guard high,file=data\/train\.manifest\.yaml,line=4::real-data-removed: real data shrinks by 100 rows/);
  // A rerun finds its own left-side comment and posts nothing new.
  await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(setting.api.reviews).toHaveLength(1);
});

it('a stale run (the PR has a newer head) leaves the comment alone but still decides the check', async () => {
  const pr = pullRequest('stale', swap());
  setting.api.pullHead = 'f'.repeat(40);
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('leaves the comment to the newer run');
  expect(setting.api.comments).toHaveLength(0);
  expect(setting.api.reviews).toHaveLength(0);
});

it('retries a server error and pages through existing comments to find its own', async () => {
  const pr = pullRequest('paged', swap());
  for (let i = 0; i < 150; i++) setting.api.comments.push({ id: i + 1, body: `review note ${i}`, html_url: `u${i}`, user: { login: 'someone', type: 'User' } });
  setting.api.comments.splice(140, 0, {
    id: 999,
    body: '<!-- collapse-guard:sticky-comment -->\nold',
    html_url: 'https://github.com/acme/training-data/pull/7#issuecomment-999',
    user: { login: 'github-actions[bot]', type: 'Bot' },
  });
  setting.api.failNext = [502];
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event, inputs: { inline: 'false' } });
  expect(run.code).toBe(1);
  expect(setting.api.comments).toHaveLength(151);
  expect(setting.api.comments.find((c) => c.id === 999)!.body).toContain('real-data-replaced');
  expect(setting.api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/7/comments')).length).toBeGreaterThanOrEqual(3);
  expect(run.outputs['comment-url']).toBe('https://github.com/acme/training-data/pull/7#issuecomment-999');
});

it('two concurrent runs on one PR leave one comment', async () => {
  const pr = pullRequest('race', swap());
  const runs = await Promise.all(
    [1, 2].map(() => runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event, inputs: { inline: 'false' } })),
  );
  expect(runs.map((r) => r.code)).toEqual([1, 1]);
  expect(setting.api.comments).toHaveLength(1);
});

it('writes SARIF 2.1.0 when asked', async () => {
  const pr = pullRequest('sarif', swap());
  const path = setting.scratchPath('report.sarif');
  await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event, inputs: { sarif: path } });
  const sarif = JSON.parse(readFileSync(path, 'utf8'));
  expect(sarif.version).toBe('2.1.0');
  const run = sarif.runs[0];
  expect(run.tool.driver.name).toBe('collapse-guard');
  expect(run.tool.driver.rules).toHaveLength(13);
  expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toContain('real-data-replaced');
  expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(M);
});

it('push and merge_group events compare before/after and base/head, without a comment', async () => {
  const pr = pullRequest('pushed', swap());
  const push = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'push',
    event: { before: pr.base, after: pr.head, ref: 'refs/heads/pushed' },
  });
  expect(push.code).toBe(1);
  expect(push.outputs.risk).toBe('high');
  const queue = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'merge_group',
    event: { merge_group: { base_sha: pr.base, head_sha: pr.head } },
  });
  expect(queue.code).toBe(1);
  expect(setting.api.requests).toHaveLength(0);
});

it('a push that creates a branch compares against the default branch', async () => {
  const pr = pullRequest('new-branch', swap());
  const run = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'push',
    event: { before: '0'.repeat(40), after: pr.head, ref: 'refs/heads/new-branch', repository: { default_branch: 'main' } },
  });
  expect(run.outputs.risk).toBe('high');
});

it('talks to a GitHub Enterprise Server API under /api/v3', async () => {
  const pr = pullRequest('ghes', swap());
  const run = await runAction({
    workspace: pr.workspace,
    apiUrl: `${setting.apiUrl}/api/v3`,
    eventName: 'pull_request',
    event: pr.event,
    inputs: { inline: 'false' },
  });
  expect(run.code).toBe(1);
  expect(setting.api.enterprise).toBe(true);
  expect(setting.api.comments).toHaveLength(1);
});
