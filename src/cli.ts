// Local entry (SPEC §9): the same engine as the action, printing the report in one of the
// registered formats; the exit code is the analysis's verdict.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyse } from './analysis/analyse.js';
import { SelectionError } from './analysis/collect.js';
import { DEFAULT_POLICY_PATH, FAIL_ON, SettingsError } from './analysis/settings.js';
import { GitError } from './git.js';
import { defaultRenderer, rendererNamed, RENDERERS } from './report/index.js';

const FORMATS = RENDERERS.map((r) => r.name).join('|');

const USAGE = `Usage: collapse-guard [--base REV] [--head REV] [--repo DIR] [--config FILE] [--manifests GLOB]…
                      [--format ${FORMATS}] [--fail-on LEVEL] [--trend-commits N] [--fetch]

Compares the dataset manifests of two git revisions (base is taken as the merge-base)
and reports model-collapse risk. Exit code: 0 below fail-on, 1 at or above it
(or when a manifest could not be read), 2 on a usage or input error.

  --base REV           revision to compare against (default: origin/main)
  --head REV           revision under review (default: HEAD)
  --repo DIR           git repository to read (default: the current directory)
  --config FILE        policy file on disk (default: ${DEFAULT_POLICY_PATH} at the head revision)
  --manifests GLOB     manifest files to read; repeat or separate with newlines (default: auto)
  --format FORMAT      report format (default: text on a terminal, else markdown):
${RENDERERS.map((r) => `                         ${r.name.padEnd(9)} ${r.description}`).join('\n')}
  --fail-on LEVEL      ${FAIL_ON.join(', ')} (default: the policy's, else high)
  --trend-commits N    base-branch commits in the synthetic-share trend, 0 for none (default: the policy's, else 20)
  --fetch              fetch missing commits from origin (as the action does)
  -h, --help           print this help`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        base: { type: 'string', default: 'origin/main' },
        head: { type: 'string', default: 'HEAD' },
        repo: { type: 'string', default: '.' },
        config: { type: 'string' },
        manifests: { type: 'string', multiple: true, default: [] },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'trend-commits': { type: 'string' },
        fetch: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    return usage((e as Error).message);
  }
  if (values.help) {
    await written(process.stdout, `${USAGE}\n`);
    return 0;
  }
  const renderer = values.format === undefined ? defaultRenderer(process.stdout.isTTY === true) : rendererNamed(values.format);
  if (!renderer) return usage(`--format must be one of ${RENDERERS.map((r) => r.name).join(', ')} (got "${values.format}")`);
  const trend = values['trend-commits'];
  if (trend !== undefined && !/^\d+$/.test(trend)) return usage(`--trend-commits must be a whole number, 0 for no trend (got "${trend}")`);
  const manifests = values
    .manifests!.flatMap((m) => m.split('\n'))
    .map((m) => m.trim())
    .filter(Boolean);
  try {
    let policy;
    if (values.config !== undefined) {
      try {
        policy = { file: values.config, text: readFileSync(values.config, 'utf8') };
      } catch (e) {
        throw new UsageError(`cannot read the policy file ${values.config}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    const analysis = await analyse({
      repoDir: values.repo!,
      base: values.base!,
      head: values.head!,
      remote: values.fetch ? 'origin' : undefined,
      settings: {
        kind: 'flag',
        values: {
          'fail-on': values['fail-on'],
          manifests: manifests.length ? manifests : undefined,
          'trend-commits': trend === undefined ? undefined : Number(trend),
        },
      },
      policy,
      policyPath: DEFAULT_POLICY_PATH,
    });
    await written(process.stdout, `${renderer.render(analysis, {})}\n`);
    return analysis.verdict.fails ? 1 : 0;
  } catch (e) {
    if (e instanceof GitError || e instanceof UsageError || e instanceof SettingsError || e instanceof SelectionError) {
      process.stderr.write(`collapse-guard: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * Resolves once the text has been handed to the operating system: on a pipe (`| jq`) stdout is
 * asynchronous, and exiting before it drains would cut the report short.
 */
function written(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (e) => (e ? reject(e) : resolve())));
}

function usage(message: string): number {
  process.stderr.write(`collapse-guard: ${message}\n\n${USAGE}\n`);
  return 2;
}
