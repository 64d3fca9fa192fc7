// The bundled action, run as the runner runs it, against a local GitHub API and a real shallow clone.
import { readFileSync } from 'node:fs';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { MANIFEST as M, pullRequestSetting } from '../helpers/pull-requests.js';
import { runAction } from '../../test-support/run-action.js';

const setting = pullRequestSetting();
const pullRequest = setting.pullRequest;

it('fails a PR that swaps a human shard for a synthetic one, posting one comment, then edits it', async () => {
  const pr = pullRequest('swap', { [M]: yamlManifest([human('a', 100), synthetic('b-synth', 100)]) });
  const first = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(first.code).toBe(1);
  expect(first.stdout).toContain('::error::collapse-guard: collapse risk is high (fail-on: high)');
  // The removed shard has no head line: the annotation points at the nearest line of the head file.
  expect(first.stdout).toMatch(/::error title=collapse-guard high,file=data\/train\.manifest\.yaml,line=5::real-data-replaced: /);
  expect(setting.api.comments).toHaveLength(1);
  expect(setting.api.comments[0]!.body).toContain('real-data-replaced');
  expect(setting.api.comments[0]!.body.startsWith('<!-- collapse-guard:sticky-comment -->')).toBe(true);
  expect(first.outputs).toMatchObject({ risk: 'high', findings: '3', 'synthetic-share': '0.5000' });
  expect(first.outputs['comment-url']).toBe(setting.api.comments[0]!.html_url);
  expect(first.summary).toContain('Collapse-risk checklist');
  const report = JSON.parse(readFileSync(first.outputs.report!, 'utf8'));
  expect(report).toMatchObject({ version: 1, risk: 'high', head: pr.event.pull_request.head.sha });

  const second = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(second.code).toBe(1);
  expect(setting.api.comments).toHaveLength(1);
  expect(setting.api.requests.filter((r) => r.method === 'POST' && r.path.includes('/issues/'))).toHaveLength(1);
  // The removed human shard is commented on its removed line, once.
  expect(setting.api.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/reviews'))).toHaveLength(1);
  expect(setting.api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  expect(second.outputs['comment-url']).toBe(setting.api.comments[0]!.html_url);
});

it('passes a PR that only adds fully documented human shards', async () => {
  const pr = pullRequest('more-human', { [M]: yamlManifest([human('a', 100), human('b', 100), human('c', 50)]) });
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(run.stdout).not.toContain('::error');
  expect(run.code).toBe(0);
  expect(run.outputs.risk).toBe('none');
  expect(run.outputs.findings).toBe('0');
  expect(setting.api.comments).toHaveLength(1);
  expect(setting.api.comments[0]!.body).toContain('No collapse risk found');
});

it('fails on a malformed manifest with manifest-invalid, the file and the line, and no stack trace', async () => {
  const pr = pullRequest('broken', { [M]: 'dataset: x\nshards:\n  - id: a\n    rows: many\n' });
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`file=${M},line=4::manifest-invalid: shard a: rows must be a number ≥ 0, got "many"`);
  expect(run.stdout).toContain(`1 manifest(s) could not be read: ${M}:4`);
  expect(run.stdout).not.toMatch(/^\s+at /m);
  expect(setting.api.comments[0]!.body).toContain('manifest-invalid');
});

it('with a read-only token (fork PR) warns, writes the summary and still fails the check', async () => {
  setting.api.writeStatus = 403;
  const pr = pullRequest('fork', { [M]: yamlManifest([human('a', 100), synthetic('b-synth', 100)]) });
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('::warning::collapse-guard could not post its PR comment: the token may not write to this pull request');
  expect(run.summary).toContain('real-data-replaced');
  expect(run.outputs.risk).toBe('high');
  expect(setting.api.comments).toHaveLength(0);
});

it('comments only on findings with comment: on-findings, and never with comment: never', async () => {
  const clean = pullRequest('clean', { [M]: yamlManifest([human('a', 100), human('b', 100), human('d', 5)]) });
  const quiet = await runAction({
    workspace: clean.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'pull_request',
    event: clean.event,
    inputs: { comment: 'on-findings' },
  });
  expect(quiet.code).toBe(0);
  expect(setting.api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  setting.api.requests.length = 0;
  const risky = pullRequest('risky', { [M]: yamlManifest([human('a', 100)]) });
  const none = await runAction({
    workspace: risky.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'pull_request',
    event: risky.event,
    inputs: { comment: 'never', inline: 'false' },
  });
  expect(none.code).toBe(1);
  expect(setting.api.requests).toHaveLength(0);
});

it('rejects an invalid input with a clear message', async () => {
  const pr = pullRequest('input', { [M]: yamlManifest([human('a', 100), human('b', 100)]) });
  const run = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'pull_request',
    event: pr.event,
    inputs: { 'fail-on': 'sometimes' },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('::error::input "fail-on" must be one of info, low, medium, high, critical, never (got "sometimes")');
});

it('needs base and head for an event without a pull request', async () => {
  const pr = pullRequest('dispatch', { [M]: yamlManifest([human('a', 100)]) });
  const missing = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'workflow_dispatch', event: {} });
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain('set the base and head inputs');
  const run = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'workflow_dispatch',
    event: {},
    inputs: { base: pr.event.pull_request.base.sha, head: pr.event.pull_request.head.sha },
  });
  expect(run.code).toBe(1);
  expect(run.outputs.risk).toBe('high');
  expect(setting.api.requests).toHaveLength(0);
});

it('passes a risky PR that carries the accept label, saying what was accepted', async () => {
  const pr = pullRequest('accepted', { [M]: yamlManifest([human('a', 100), synthetic('b-synth', 100)]) });
  const event = { ...pr.event, pull_request: { ...pr.event.pull_request, labels: [{ name: 'collapse-risk-accepted' }] } };
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event });
  expect(run.code).toBe(0);
  expect(run.outputs.risk).toBe('high');
  expect(run.stdout).toContain('::warning::collapse-guard: collapse risk is high (fail-on: high), accepted by the label "collapse-risk-accepted".');
  const body = setting.api.comments[0]!.body;
  expect(body).toContain('### ☑️ Collapse risk 🔴 high, accepted by the label `collapse-risk-accepted`: the check passes');
  expect(body).toContain('#### Findings accepted by label');
  expect(body).toContain('real-data-replaced');
});

it('an unreadable manifest is accepted by the label too, and the comment says so loudly', async () => {
  const pr = pullRequest('accepted-invalid', { [M]: 'shards:\n  - id: a\n    rows: many\n' });
  const event = { ...pr.event, pull_request: { ...pr.event.pull_request, labels: [{ name: 'collapse-risk-accepted' }] } };
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`1 manifest(s) could not be read: ${M}:3, accepted by the label "collapse-risk-accepted"`);
  expect(setting.api.comments[0]!.body).toContain('### ☑️ Could not read 1 manifest, accepted by the label `collapse-risk-accepted`: the check passes');
  // The unreadable line, linked at the head commit.
  expect(setting.api.comments[0]!.body).toMatch(new RegExp(`- \`${M}\` \\[line 3\\]\\(https://github\\.com/[^/]+/[^/]+/blob/[0-9a-f]{40}/${M}#L3\\): `));
});

it('fails the run on an invalid policy file, naming the key', async () => {
  const pr = pullRequest('bad-policy', {
    [M]: yamlManifest([human('a', 100), human('b', 100), human('c', 1)]),
    '.github/collapse-guard.yml': 'fail-on: high\nthreshold: { rare-shrink: 0.3 }\n',
  });
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('::error::policy file .github/collapse-guard.yml line 2: there is no setting "threshold"; did you mean "thresholds"?');
});

it('reads the policy file named by config-file, and the fail-on input wins over it', async () => {
  const pr = pullRequest('policy', {
    [M]: yamlManifest([human('a', 100), human('b', 100), synthetic('s', 150, { generator: { model: 'g' } })]),
    'ci/data-policy.yml': 'fail-on: medium\n',
  });
  const strict = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'pull_request',
    event: pr.event,
    inputs: { 'config-file': 'ci/data-policy.yml' },
  });
  expect(strict.outputs.risk).toBe('medium');
  expect(strict.code).toBe(1);
  const lenient = await runAction({
    workspace: pr.workspace,
    apiUrl: setting.apiUrl,
    eventName: 'pull_request',
    event: pr.event,
    inputs: { 'config-file': 'ci/data-policy.yml', 'fail-on': 'high' },
  });
  expect(lenient.code).toBe(0);
});
