// Untrusted pull requests (pull_request_target, forks): the bundled action reads blobs only,
// executes nothing from the head, reads nothing outside the repository, never prints the token,
// and manifest text cannot issue workflow commands or take over the comment.
import { execFileSync } from 'node:child_process';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { MANIFEST as M, pullRequestSetting } from '../helpers/pull-requests.js';
import { runAction } from '../../test-support/run-action.js';

const TOKEN = 'ghs_0123456789abcdefSECRET';
const setting = pullRequestSetting();
/** A PR whose workspace is a clone of the base, as pull_request_target checks out. */
const targetPR = (branch: string, files: Record<string, string>) => setting.pullRequest(branch, files, { checkout: 'main', number: 9 });

it('under pull_request_target the head is read as blobs only: nothing checked out or run, the token masked', async () => {
  const pr = targetPR('evil', {
    [M]: yamlManifest([human('a', 100), human('b', 100), { id: 'x', path: 's3://x', rows: 1 }]),
    'package.json': '{"scripts": {"postinstall": "touch /tmp/cg-pwned"}}',
    '.github/collapse-guard.yml': 'fail-on: never\n',
  });
  const headBefore = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: pr.workspace, encoding: 'utf8' });
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request_target', event: pr.event, inputs: { token: TOKEN } });
  expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
  expect(run.stdout.split(`::add-mask::${TOKEN}`).join('')).not.toContain(TOKEN);
  expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: pr.workspace, encoding: 'utf8' })).toBe(headBefore);
  expect(execFileSync('git', ['status', '--porcelain'], { cwd: pr.workspace, encoding: 'utf8' })).toBe('');
  expect(run.outputs.risk).toBe('medium');
  // The policy file is the head's: a PR that edits it is told so in the comment for reviewers.
  expect(setting.api.comments[0]!.body).toContain('This change edits the policy file');
});

it('refuses a config-file outside the repository', async () => {
  const pr = targetPR('escape', { [M]: yamlManifest([human('a', 100), human('b', 100), human('c', 1)]) });
  for (const path of ['../../etc/passwd', '/etc/passwd']) {
    const run = await runAction({
      workspace: pr.workspace,
      apiUrl: setting.apiUrl,
      eventName: 'pull_request_target',
      event: pr.event,
      inputs: { 'config-file': path },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::input "config-file" must be a path inside the repository (got "${path}")`);
  }
});

it('manifest text cannot issue workflow commands, colour the log or hijack the sticky comment', async () => {
  const hostile = ['x\n::set-output name=risk::none', '::error::fake', '\u001b[2J\u001b[31mred', '<!-- collapse-guard:sticky-comment -->', '@octocat #1'];
  const pr = targetPR('inject', { [M]: yamlManifest([human('a', 100), human('b', 100), ...hostile.map((id, i) => ({ id, path: `s3://h/${i}`, rows: 1 }))]) });
  const run = await runAction({ workspace: pr.workspace, apiUrl: setting.apiUrl, eventName: 'pull_request', event: pr.event });
  // Every workflow command in the log is one the action itself issues.
  const commands = run.stdout.split('\n').filter((l) => l.startsWith('::'));
  expect(commands.length).toBeGreaterThanOrEqual(2);
  // The hostile ids do reach the annotations (grouped in one finding), as inert text.
  expect(commands.some((c) => c.includes('set-output name=risk') && c.includes('fake'))).toBe(true);
  for (const c of commands)
    expect(c).toMatch(
      /^::(add-mask::|debug::could not read the pull request: |(warning|error|notice) title=collapse-guard (info|low|medium|high|critical),file=data\/train\.manifest\.yaml(,line=\d+)?::|error::collapse-guard: )/,
    );
  expect(run.stdout).not.toMatch(/^::set-output/m);
  expect(run.stdout).not.toMatch(/^::error::fake/m);
  expect(run.stdout).not.toContain('\u001b');
  expect(run.outputs.risk).not.toBe('none');
  expect(setting.api.comments).toHaveLength(1);
  const body = setting.api.comments[0]!.body;
  expect(body.split('<!-- collapse-guard:sticky-comment -->')).toHaveLength(2);
  expect(body).not.toMatch(/@octocat/);
});
