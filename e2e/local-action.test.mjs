// The action run through @github/local-action, GitHub's local runner for JavaScript actions: its
// CLI `local-action run <path> <entrypoint> <dotenv>` stubs @actions/core and @actions/github,
// loads inputs and GITHUB_* from the dotenv file, imports the entrypoint and awaits its exported
// run(). That is why the entrypoint is src/main.ts (TypeScript, which local-action runs through
// tsx): dist/index.js and src/index.ts call run() themselves and export nothing, so local-action
// cannot drive them (it would run the action unstubbed on import, then stop with "does not export
// a run() function").
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { TestRepo, removeTempDirs, tempDir } from '../test-support/git-repo.ts';
import { BASE_FILES, RISKY, RISKY_FILES } from './helpers/fixtures.mjs';
import { ACTION_ROOT, cleanEnv } from '../test-support/run-action.ts';

const E2E = fileURLToPath(new URL('.', import.meta.url));
/** An installed package's directory (neither package exports its package.json). */
const packageDir = (name, from = E2E) => [join(from, 'node_modules', name), join(E2E, 'node_modules', name)].find((d) => existsSync(join(d, 'package.json')));
const binOf = (dir, name) => {
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[name]);
};
const LOCAL_ACTION = packageDir('@github/local-action');
const LOCAL_ACTION_BIN = binOf(LOCAL_ACTION, 'local-action');
const TSX_BIN = binOf(packageDir('tsx', LOCAL_ACTION), 'tsx');

// local-action stubs the toolkit where the action's own install has it.
const skip =
  !existsSync(join(ACTION_ROOT, 'node_modules/@actions/core')) || !existsSync(join(ACTION_ROOT, 'node_modules/@actions/github'))
    ? `the action's dependencies are not installed (${join(ACTION_ROOT, 'node_modules')}): run npm ci in the project first`
    : false;

after(() => removeTempDirs());

describe('@github/local-action', () => {
  it('runs src/main.ts on a PR with a risky change: the action fails with the expected outputs', { skip, timeout: 120_000 }, async (t) => {
    const origin = new TestRepo();
    origin.commit(BASE_FILES, 'data v1');
    const pr = origin.branchAndClone('swap', RISKY_FILES);

    // Nothing may reach an API here: comment and inline are off. A local listener records
    // anything that would.
    const requests = [];
    const api = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise((r) => api.listen(0, '127.0.0.1', r));
    const apiUrl = `http://127.0.0.1:${api.address().port}`;
    t.after(() => new Promise((r) => api.close(r)));

    const runner = tempDir('cg-e2e-local-action-');
    const event = {
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, base: { sha: pr.base, ref: 'main' }, head: { sha: pr.head, ref: 'swap' }, labels: [] },
      repository: { name: 'training-data', owner: { login: 'acme' } },
    };
    writeFileSync(join(runner, 'event.json'), JSON.stringify(event));
    writeFileSync(join(runner, 'summary.md'), '');
    const dotenv = join(runner, '.env');
    writeFileSync(
      dotenv,
      Object.entries({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(runner, 'event.json'),
        GITHUB_REPOSITORY: 'acme/training-data',
        GITHUB_WORKSPACE: pr.workspace,
        GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
        GITHUB_API_URL: apiUrl,
        RUNNER_TEMP: runner,
        INPUT_TOKEN: 'ghs_e2eTestToken',
        INPUT_COMMENT: 'never',
        INPUT_INLINE: 'false',
      })
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
    );

    // local-action's bin starts its CLI with `npm exec tsx …` from the current directory, and its
    // CLI finds the toolkit to stub with `npm ls` there too. The current directory must be the
    // action's (for `npm ls`), whose install has no tsx: npm exec falls back to the global bin
    // directory, so a throw-away global prefix offers this suite's tsx. npm_config_yes=false
    // makes npm fail rather than download anything.
    const prefix = tempDir('cg-e2e-npm-prefix-');
    mkdirSync(join(prefix, 'bin'));
    mkdirSync(join(prefix, 'lib', 'node_modules'), { recursive: true });
    symlinkSync(TSX_BIN, join(prefix, 'bin', 'tsx'));
    const env = Object.fromEntries(Object.entries(cleanEnv()).filter(([k]) => !/^npm_/i.test(k)));
    Object.assign(env, {
      npm_config_prefix: prefix,
      npm_config_yes: 'false',
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      GITHUB_API_URL: apiUrl,
    });

    const child = spawn(process.execPath, [LOCAL_ACTION_BIN, 'run', ACTION_ROOT, 'src/main.ts', dotenv], {
      cwd: ACTION_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const code = await new Promise((r) => child.on('close', (c) => r(c ?? -1)));

    assert.equal(code, 0, `local-action did not complete:\n${log}`);
    assert.match(log, /Running Action/);
    assert.match(log, new RegExp(`collapse-guard: comparing ${pr.base} → ${pr.head}`));
    assert.match(log, /::error title=collapse-guard high,file=data\/train\.manifest\.yaml,line=5,endLine=5::real-data-replaced: /);
    // local-action reports a failed action in its log; its own exit code stays 0.
    assert.match(log, /::error::collapse-guard: collapse risk is high \(fail-on: high\)/);
    const outputs = Object.fromEntries(
      [...log.slice(log.lastIndexOf('Action Outputs')).matchAll(/│\s*\d+\s*│\s*'([^']+)'\s*│\s*'([^']*)'\s*│/g)].map((m) => [m[1], m[2]]),
    );
    assert.deepEqual(
      { risk: outputs.risk, findings: outputs.findings, 'synthetic-share': outputs['synthetic-share'], 'comment-url': outputs['comment-url'] },
      { risk: RISKY.risk, findings: RISKY.findings, 'synthetic-share': RISKY.syntheticShare, 'comment-url': '' },
      `outputs table:\n${log.slice(log.lastIndexOf('Action Outputs'))}`,
    );
    assert.equal(JSON.parse(readFileSync(outputs.report, 'utf8')).head, pr.head);
    assert.match(readFileSync(join(runner, 'summary.md'), 'utf8'), /real-data-replaced/);
    assert.deepEqual(requests, []);
  });
});
