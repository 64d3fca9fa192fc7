// The action: inputs → analyse → publish (comment, annotations, summary, outputs) → check result.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, type Analysis } from './analyse.js';
import { GitError } from './git.js';
import { EventError, resolveTarget } from './github/event.js';
import { upsertStickyComment } from './github/sticky-comment.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { PolicyError } from './policy.js';
import { toJsonReport } from './report/json-report.js';
import { DEFAULT_DOCS_URL, renderComment, renderMarkdown, type RenderOptions } from './report/markdown.js';
import { reaches } from './severity.js';
import { escapeWorkflowCommand } from './report/log-escape.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    // Masked in every log line, whatever prints it.
    if (inputs.token) core.setSecret(inputs.token);
    const target = resolveTarget(github.context, inputs);
    core.info(`collapse-guard: comparing ${target.base} → ${target.head}`);
    const analysis = await analyse({
      repoDir: process.env.GITHUB_WORKSPACE || process.cwd(),
      base: target.base,
      head: target.head,
      remote: 'origin',
      config: inputs.config,
      policyPath: inputs.configFile,
    });
    const acceptedBy = target.labels.includes(inputs.acceptLabel) ? inputs.acceptLabel : undefined;
    const render = { failOn: analysis.config.failOn, docsUrl: docsBase(), acceptedBy };
    setOutputs(analysis);
    annotate(analysis);
    await core.summary.addRaw(renderMarkdown(analysis, render)).write();
    if (target.pullNumber !== undefined) await comment(analysis, inputs, target.pullNumber, render);
    decide(analysis, acceptedBy);
  } catch (e) {
    if (e instanceof InputError || e instanceof EventError || e instanceof GitError || e instanceof PolicyError) core.setFailed(e.message);
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

/** One annotation per active finding, on the manifest line it concerns. */
function annotate(a: Analysis): void {
  for (const f of a.findings) {
    if (f.inherited || f.waived) continue;
    const text = escapeWorkflowCommand(`${f.rule}: ${f.message}${f.shard ? ` (shard ${f.shard})` : ''}`);
    const props = { title: `collapse-guard ${f.severity}`, file: f.manifest, startLine: f.line };
    if (f.severity === 'critical' || f.severity === 'high') core.error(text, props);
    else if (f.severity === 'info') core.notice(text, props);
    else core.warning(text, props);
  }
}

async function comment(a: Analysis, inputs: ActionInputs, pullNumber: number, render: RenderOptions): Promise<void> {
  if (inputs.comment === 'never') return;
  if (!inputs.token) {
    core.warning('No token: the PR comment is skipped (the job summary has the report).');
    return;
  }
  const body = renderComment(a, { ...render, fullReportHint: 'the job summary of this check' });
  const hasFindings = a.findings.some((f) => !f.inherited && !f.waived);
  const { owner, repo } = github.context.repo;
  try {
    const octokit = github.getOctokit(inputs.token);
    const result = await upsertStickyComment(octokit, { owner, repo, issueNumber: pullNumber }, body, inputs.comment === 'always' || hasFindings);
    if (result.url) core.setOutput('comment-url', result.url);
    if (result.action !== 'none') core.info(`collapse-guard: ${result.action} the PR comment ${result.url ?? ''}`);
  } catch (e) {
    const status = (e as { status?: number }).status;
    const why = status === 403 || status === 404
      ? 'the token may not comment on this pull request (a fork PR gets a read-only token)'
      : `the GitHub API answered ${status ?? 'with an error'}`;
    core.warning(`collapse-guard could not post its PR comment: ${why}. The job summary has the full report; the check result is unaffected.`);
  }
}

function decide(a: Analysis, acceptedBy: string | undefined): void {
  const failOn = a.config.failOn;
  const unreadable = a.change.problems.filter((p) => p.side === 'head');
  if (unreadable.length > 0) {
    core.setFailed(`collapse-guard: ${unreadable.length} manifest(s) could not be read (manifest-invalid): ` +
      unreadable.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}`).join(', '));
    return;
  }
  if (reaches(a.risk, failOn) && acceptedBy) {
    core.warning(`collapse-guard: collapse risk is ${a.risk} (fail-on: ${failOn}), accepted by the label "${acceptedBy}".`);
  } else if (reaches(a.risk, failOn)) {
    core.setFailed(`collapse-guard: collapse risk is ${a.risk} (fail-on: ${failOn}); see the PR comment or job summary.`);
  } else {
    core.info(`collapse-guard: collapse risk is ${a.risk} (fail-on: ${failOn}).`);
  }
}

/** The rule docs of the running action version, when the runner says which it is. */
function docsBase(): string {
  const repo = process.env.GITHUB_ACTION_REPOSITORY;
  const ref = process.env.GITHUB_ACTION_REF;
  return repo ? `https://github.com/${repo}/blob/${ref || 'main'}/docs/rules` : DEFAULT_DOCS_URL;
}
