// Runs the bundled action (dist/index.js) as a runner does: `node dist/index.js` with INPUT_* set
// from action.yml's defaults, the event payload file, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
// GITHUB_API_URL and RUNNER_TEMP. A plain-JS copy of __tests__/helpers/run-action.ts.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tempDir } from './git-repo.mjs';

/** The action's repository: e2e/helpers/../.. */
export const ACTION_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** action.yml, parsed. */
export function actionMetadata() {
  return parse(readFileSync(join(ACTION_ROOT, 'action.yml'), 'utf8'));
}

/** The environment without anything a runner (or this machine) would set for the step. */
export function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)|proxy/i.test(k)) env[k] = v;
  }
  return env;
}

/**
 * @param {{ workspace: string, apiUrl: string, eventName: string, event: object,
 *           inputs?: Record<string,string>, repository: string }} opts
 * @returns {Promise<{ code: number, stdout: string, outputs: Record<string,string>, summary: string }>}
 */
export async function runAction(opts) {
  const tmp = tempDir('cg-e2e-runner-');
  const eventPath = join(tmp, 'event.json');
  const outputPath = join(tmp, 'output');
  const summaryPath = join(tmp, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(opts.event));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env = cleanEnv();
  for (const [name, spec] of Object.entries(actionMetadata().inputs)) {
    // The runner evaluates `${{ github.token }}`; any token will do for the mock.
    const value = opts.inputs?.[name] ?? (name === 'token' ? 'ghs_e2eTestToken' : String(spec.default ?? ''));
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: opts.repository,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${opts.apiUrl}/graphql`,
    RUNNER_TEMP: tmp,
  });
  const child = spawn(process.execPath, [join(ACTION_ROOT, 'dist/index.js')], { cwd: opts.workspace, env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stdout += d));
  const code = await new Promise((res) => child.on('close', (c) => res(c ?? -1)));
  return { code, stdout, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputs(text) {
  const out = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[3];
  return out;
}
