// Local entry (SPEC §9): the same engine as the action, printing the report.
import { parseArgs } from 'node:util';
import { analyse, decide } from './analyse.js';
import { SelectionError } from './collect.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY_PATH } from './config.js';
import { PolicyError } from './policy.js';
import { GitError } from './git.js';
import { renderSummary } from './report/markdown.js';
import { toJsonReport } from './report/json-report.js';
import { toSarif } from './report/sarif.js';
import { isFailOn, type FailOn } from './severity.js';

const USAGE = `Usage: collapse-guard --base REV --head REV [--repo DIR] [--config FILE] [--manifests GLOB…]
                      [--format markdown|json|sarif] [--fail-on LEVEL] [--fetch]

Compares the dataset manifests of two git revisions (base is taken as the merge-base)
and reports model-collapse risk. Exit code: 0 below fail-on, 1 at or above it
(or when a manifest could not be read), 2 on a usage or input error.

  --base REV         revision to compare against (default: origin/main)
  --head REV         revision under review (default: HEAD)
  --repo DIR         git repository (default: current directory)
  --config FILE      policy file on disk (default: .github/collapse-guard.yml at the head revision)
  --manifests GLOB   manifest files to read; repeat or separate with newlines (default: auto)
  --format FORMAT    markdown (default), json (the stable report for scripts) or sarif (SARIF 2.1.0)
  --fail-on LEVEL    info, low, medium, high, critical or never (default: the policy's, else high)
  --fetch            fetch missing commits from origin (as the action does)`;

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
        format: { type: 'string', default: 'markdown' },
        'fail-on': { type: 'string' },
        fetch: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    return usage((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isFailOn(failOn)) return usage(`--fail-on must be one of info, low, medium, high, critical, never (got "${failOn}")`);
  if (!['markdown', 'json', 'sarif'].includes(values.format!)) return usage(`--format must be markdown, json or sarif (got "${values.format}")`);
  const manifests = values.manifests!.flatMap((m) => m.split('\n')).map((m) => m.trim()).filter(Boolean);
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
      config: { failOn: failOn as FailOn | undefined, manifests: manifests.length ? manifests : undefined },
      policy,
      policyPath: DEFAULT_POLICY_PATH,
    });
    const used = analysis.config.failOn;
    const out = values.format === 'json' ? JSON.stringify(toJsonReport(analysis), null, 2)
      : values.format === 'sarif' ? JSON.stringify(toSarif(analysis), null, 2)
      : renderSummary(analysis, { failOn: used });
    await written(process.stdout, `${out}\n`);
    return decide(analysis).fails ? 1 : 0;
  } catch (e) {
    if (e instanceof GitError || e instanceof UsageError || e instanceof PolicyError || e instanceof SelectionError) {
      process.stderr.write(`collapse-guard: ${e.message}\n`);
      return 2;
    }
    if (/not a git repository|cannot use simple-git on a directory that does not exist/i.test(String(e))) {
      process.stderr.write(`collapse-guard: ${values.repo} is not a git repository\n`);
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
