// Runs the bundled action (dist/index.js) as a runner does: `node dist/index.js` with INPUT_*
// variables set from action.yml's defaults, the event payload file, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_API_URL and RUNNER_TEMP.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tempDir } from './git-repo.js';

/** The action's repository: test-support/.. */
export const ACTION_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ActionMetadata {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

/** action.yml, parsed. */
export function actionMetadata(): ActionMetadata {
  return parse(readFileSync(join(ACTION_ROOT, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** The environment without anything a runner (or this machine) would set for the step. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)|proxy/i.test(k)) env[k] = v;
  return env;
}

export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

export async function runAction(opts: {
  workspace: string;
  apiUrl: string;
  eventName: string;
  event: object;
  inputs?: Record<string, string>;
  repository?: string;
}): Promise<ActionRun> {
  const tmp = tempDir('cg-runner-');
  const eventPath = join(tmp, 'event.json');
  const outputPath = join(tmp, 'output');
  const summaryPath = join(tmp, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(opts.event));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env = cleanEnv();
  for (const [name, spec] of Object.entries(actionMetadata().inputs)) {
    // The runner evaluates `${{ github.token }}`; any token will do for a stand-in API.
    env[`INPUT_${name.toUpperCase()}`] = opts.inputs?.[name] ?? (name === 'token' ? 'ghs_test-token' : String(spec.default ?? ''));
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: opts.repository ?? 'acme/training-data',
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
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
  return { code, stdout, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]!] = m[3]!;
  return out;
}
