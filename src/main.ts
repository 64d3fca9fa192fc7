// The action: inputs → analyse → publish (comment, annotations, summary, outputs) → check result.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, decide, type Analysis } from './analyse.js';
import { SelectionError } from './collect.js';
import { EventError, resolveTarget, type Target } from './github/event.js';
import { upsertStickyComment } from './github/sticky-comment.js';
import { makeOctokit } from './github/client.js';
import { inlineComments, postInlineReview } from './github/inline-review.js';
import { toSarif } from './report/sarif.js';
import { GitError, Repo } from './git.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { PolicyError } from './policy.js';
import { toJsonReport } from './report/json-report.js';
import { DEFAULT_DOCS_URL, renderComment, renderSummary, type RenderOptions } from './report/markdown.js';
import { reaches, severityRank } from './severity.js';
import { DiffPositions } from './github/diff-positions.js';
import type { Finding } from './rules/types.js';
import { escapeWorkflowCommand } from './report/log-escape.js';

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
      config: inputs.config,
      policyPath: inputs.configFile,
    });
    const acceptedBy = target.labels.includes(inputs.acceptLabel) ? inputs.acceptLabel : undefined;
    const render = { failOn: analysis.config.failOn, docsUrl: docsBase(), acceptedBy };
    setOutputs(analysis);
    const positions = await diffPositions(analysis);
    annotate(analysis, positions);
    await core.summary.addRaw(renderSummary(analysis, render)).write();
    if (inputs.sarif) writeSarif(inputs.sarif, analysis, render.docsUrl);
    if (target.pullNumber !== undefined) await publishOnPullRequest(analysis, inputs, target, render, positions);
    conclude(analysis, acceptedBy);
  } catch (e) {
    if (e instanceof InputError || e instanceof EventError || e instanceof GitError || e instanceof PolicyError || e instanceof SelectionError) {
      core.setFailed(e.message);
    }
    else core.setFailed(`collapse-guard could not complete: ${(e as Error)?.message ?? String(e)}`);
  }
}

function setOutputs(a: Analysis): void {
  const report = join(process.env.RUNNER_TEMP || tmpdir(), 'collapse-guard-report.json');
  writeFileSync(report, `${JSON.stringify(toJsonReport(a), null, 2)}\n`);
  core.setOutput('risk', a.risk);
  core.setOutput('findings', a.findings.filter((f) => !f.inherited && !f.waived).length);
  core.setOutput('report', report);
  core.setOutput('synthetic-share', a.syntheticShare === null ? '' : a.syntheticShare.toFixed(4));
  core.setOutput('comment-url', '');
}

/** Where the findings' manifests changed: for inline comments, and head lines for removed shards. */
async function diffPositions(a: Analysis): Promise<DiffPositions> {
  const paths = [...new Set(a.findings.filter((f) => !f.inherited && (f.line || f.baseLine)).flatMap((f) => [f.manifest, f.basePath ?? f.manifest]))];
  return new DiffPositions(await new Repo(workspace()).diffHunks(a.revisions.base, a.revisions.head, paths));
}

/** GitHub shows at most this many error and this many warning annotations of a step (notices alike). */
const ANNOTATIONS_PER_KIND = 10;

/**
 * One annotation per active finding, on the manifest line it concerns (for removed shards, the
 * nearest line of the head file), most serious first, within GitHub's per-step limits; what is
 * left over is counted in one more annotation of its kind.
 */
function annotate(a: Analysis, positions: DiffPositions): void {
  const active = a.findings.filter((f) => !f.inherited && !f.waived).sort((x, y) => severityRank(y.severity) - severityRank(x.severity));
  for (const [kind, emit] of [['error', core.error], ['warning', core.warning], ['notice', core.notice]] as const) {
    const all = active.filter((f) => kindOf(f) === kind);
    const shown = all.length > ANNOTATIONS_PER_KIND ? all.slice(0, ANNOTATIONS_PER_KIND - 1) : all;
    for (const f of shown) {
      const line = f.line ?? (f.baseLine ? positions.headLineFor(f.manifest, f.baseLine) : undefined);
      emit(escapeWorkflowCommand(`${f.rule}: ${f.message}${f.shard ? ` (shard ${f.shard})` : ''}`), { title: `collapse-guard ${f.severity}`, file: f.manifest, startLine: line });
    }
    if (shown.length < all.length) emit(`…and ${all.length - shown.length} more finding(s) at this level: see the job summary.`, { title: 'collapse-guard' });
  }
}

function kindOf(f: Finding): 'error' | 'warning' | 'notice' {
  return f.severity === 'critical' || f.severity === 'high' ? 'error' : f.severity === 'info' ? 'notice' : 'warning';
}

/** The sticky comment and the inline review. API failures are warnings: the check result stands. */
async function publishOnPullRequest(a: Analysis, inputs: ActionInputs, target: Target, render: RenderOptions, positions: DiffPositions): Promise<void> {
  if (inputs.comment === 'never' && !inputs.inline) return;
  if (!inputs.token) {
    core.warning('No token: the PR comment is skipped (the job summary has the report).');
    return;
  }
  const { owner, repo } = github.context.repo;
  const t = { owner, repo, issueNumber: target.pullNumber! };
  const octokit = makeOctokit(inputs.token);
  try {
    // A run for a commit that is no longer the PR's head must not overwrite the newer run's comment.
    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: t.issueNumber });
    if (pr.head?.sha && pr.head.sha !== a.revisions.head && pr.head.sha !== target.head) {
      core.info(`collapse-guard: the pull request's head is now ${pr.head.sha.slice(0, 12)}; this run (${a.revisions.head.slice(0, 12)}) leaves the comment to the newer run.`);
      return;
    }
  } catch (e) {
    core.debug(`could not read the pull request: ${(e as Error).message}`);
  }
  if (inputs.comment !== 'never') {
    await warnOnFailure('post its PR comment', async () => {
      const body = renderComment(a, { ...render, fullReportHint: 'the job summary of this check' });
      const hasFindings = a.findings.some((f) => !f.inherited && !f.waived);
      const result = await upsertStickyComment(octokit, t, body, inputs.comment === 'always' || hasFindings);
      if (result.url) core.setOutput('comment-url', result.url);
      if (result.action !== 'none') core.info(`collapse-guard: ${result.action} the PR comment ${result.url ?? ''}`);
    });
  }
  if (inputs.inline && !render.acceptedBy) {
    await warnOnFailure('post its inline review', async () => {
      const blocking = a.findings.filter((f) => !f.inherited && !f.waived && reaches(f.severity, a.config.failOn));
      const posted = await postInlineReview(octokit, t, a.revisions.head, inlineComments(blocking, positions, render.docsUrl ?? DEFAULT_DOCS_URL));
      if (posted) core.info(`collapse-guard: posted ${posted} inline review comment(s)`);
    });
  }
}

async function warnOnFailure(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    const status = (e as { status?: number }).status;
    const why = status === 403 || status === 404
      ? 'the token may not write to this pull request (a fork PR gets a read-only token)'
      : `the GitHub API answered ${status ?? 'with an error'}: ${(e as Error).message?.split('\n')[0]}`;
    core.warning(`collapse-guard could not ${what}: ${why}. The job summary has the full report; the check result is unaffected.`);
  }
}

function writeSarif(path: string, a: Analysis, docsUrl?: string): void {
  writeFileSync(path, `${JSON.stringify(toSarif(a, docsUrl), null, 2)}\n`);
  core.info(`collapse-guard: wrote SARIF to ${path}`);
}

function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

function conclude(a: Analysis, acceptedBy: string | undefined): void {
  const verdict = decide(a, acceptedBy);
  if (verdict.fails) core.setFailed(`collapse-guard: ${verdict.summary}; see the PR comment or job summary.`);
  else if (verdict.accepted) core.warning(`collapse-guard: ${verdict.summary}.`);
  else core.info(`collapse-guard: ${verdict.summary}.`);
}

/** The rule docs of the running action version, when the runner says which it is. */
function docsBase(): string {
  const repo = process.env.GITHUB_ACTION_REPOSITORY;
  const ref = process.env.GITHUB_ACTION_REF;
  return repo ? `https://github.com/${repo}/blob/${ref || 'main'}/docs/rules` : DEFAULT_DOCS_URL;
}
