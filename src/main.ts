// The action: inputs → analyse → publish (each publisher in turn) → the check's result, which the
// analysis decided.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { analyse, type Analysis } from './analysis/analyse.js';
import { SelectionError } from './analysis/collect.js';
import { SettingsError } from './analysis/settings.js';
import { GitError, Repo } from './git.js';
import { InputError, readInputs, type ActionInputs } from './publish/inputs.js';
import { makeOctokit } from './publish/client.js';
import { DiffPositions } from './publish/diff-positions.js';
import { EventError, resolveTarget, type Target } from './publish/event.js';
import { PUBLISHERS } from './publish/index.js';
import type { PublishContext } from './publish/types.js';
import { DEFAULT_DOCS_URL } from './report/markdown.js';

/** Errors in what the run was given: their message is the whole story. */
const INPUT_ERRORS = [InputError, EventError, GitError, SettingsError, SelectionError];

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    // Masked in every log line, whatever prints it.
    if (inputs.token) core.setSecret(inputs.token);
    const target = resolveTarget(github.context, inputs);
    core.info(`collapse-guard: comparing ${target.base} → ${target.head}`);
    const analysis = await analyse({
      repoDir: workspace(),
      base: target.base,
      head: target.head,
      remote: 'origin',
      settings: inputs.settings,
      policyPath: inputs['config-file'],
      acceptedBy: target.labels.includes(inputs['accept-label']) ? inputs['accept-label'] : undefined,
    });
    const context: PublishContext = {
      analysis,
      inputs,
      target,
      docsUrl: docsBase(),
      links: runLinks(),
      positions: await diffPositions(analysis),
      pullRequest: await currentPullRequest(analysis, inputs, target),
    };
    for (const publisher of PUBLISHERS) await publisher.publish(context);
    const { verdict } = analysis;
    if (verdict.fails) core.setFailed(`collapse-guard: ${verdict.summary}; see the PR comment or job summary.`);
    else if (verdict.accepted) core.warning(`collapse-guard: ${verdict.summary}.`);
    else core.info(`collapse-guard: ${verdict.summary}.`);
  } catch (e) {
    if (INPUT_ERRORS.some((kind) => e instanceof kind)) core.setFailed((e as Error).message);
    else core.setFailed(`collapse-guard could not complete: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** Where the findings' manifests changed: for inline comments, and head lines for removed shards. */
async function diffPositions(a: Analysis): Promise<DiffPositions> {
  const paths = [...new Set(a.findings.filter((f) => !f.inherited && (f.line || f.baseLine)).flatMap((f) => [f.manifest, f.basePath ?? f.manifest]))];
  return new DiffPositions(await new Repo(workspace()).diffHunks(a.revisions.base, a.revisions.head, paths));
}

/**
 * The pull request to write to, when there is one and a token, and this run is for its head: a run
 * for a commit that is no longer the PR's head must not overwrite the newer run's comment.
 */
async function currentPullRequest(a: Analysis, inputs: ActionInputs, target: Target): Promise<PublishContext['pullRequest']> {
  if (target.pullNumber === undefined || (inputs.comment === 'never' && !inputs.inline)) return undefined;
  if (!inputs.token) {
    core.warning('No token: the PR comment is skipped (the job summary has the report).');
    return undefined;
  }
  const { owner, repo } = github.context.repo;
  const octokit = makeOctokit(inputs.token);
  try {
    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: target.pullNumber });
    if (pr.head?.sha && pr.head.sha !== a.revisions.head && pr.head.sha !== target.head) {
      core.info(
        `collapse-guard: the pull request's head is now ${pr.head.sha.slice(0, 12)}; ` +
          `this run (${a.revisions.head.slice(0, 12)}) leaves the comment to the newer run.`,
      );
      return undefined;
    }
  } catch (e) {
    core.debug(`could not read the pull request: ${(e as Error).message}`);
  }
  return { octokit, target: { owner, repo, issueNumber: target.pullNumber } };
}

function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

/** Links to the repository's files and to this run, from the runner's environment. */
function runLinks(): PublishContext['links'] {
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = process.env.GITHUB_REPOSITORY;
  if (!repository) return {};
  const runId = process.env.GITHUB_RUN_ID;
  return {
    lineUrl: (path, line, commit) => `${server}/${repository}/blob/${commit}/${path.split('/').map(encodeURIComponent).join('/')}#L${line}`,
    runUrl: runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
  };
}

/** The rule docs of the running action version, when the runner says which it is. */
function docsBase(): string {
  const repo = process.env.GITHUB_ACTION_REPOSITORY;
  const ref = process.env.GITHUB_ACTION_REF;
  return repo ? `https://github.com/${repo}/blob/${ref || 'main'}/docs/rules` : DEFAULT_DOCS_URL;
}
