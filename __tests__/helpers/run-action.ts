// Runs the bundled action (dist/index.js) exactly as a runner does: INPUT_* variables with the
// action.yml defaults, the event payload file, and the output, summary and API URL variables.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

// Tests run from the project root.
const ROOT = resolve(process.cwd());

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
  const tmp = mkdtempSync(join(tmpdir(), 'cg-runner-'));
  const eventPath = join(tmp, 'event.json');
  const outputPath = join(tmp, 'output');
  const summaryPath = join(tmp, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(opts.event));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(INPUT_|GITHUB_|RUNNER_)|proxy/i.test(k)) env[k] = v;
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = opts.inputs?.[name] ?? (name === 'token' ? 'ghs_test-token' : (spec.default ?? ''));
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: opts.repository ?? 'acme/training-data',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: tmp,
  });
  const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], { cwd: opts.workspace, env });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stdout += d));
  const code = await new Promise<number>((res) => child.on('close', (c) => res(c ?? -1)));
  return { code, stdout, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]!] = m[3]!;
  return out;
}
