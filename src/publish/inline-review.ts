// Inline review comments on the manifest lines of blocking findings (input `inline`): one review
// with event COMMENT (never approve or request changes), skipping lines already commented by an
// earlier run. GitHub accepts review comments only on lines inside the PR's diff hunks; a finding
// about removed or replaced shards is commented on the removed lines (the diff's left side).
import type { Finding } from '../rules/types.js';
import { escapeMarkdown, escapeWithCode } from '../report/escape.js';
import * as core from '@actions/core';
import { warnOnFailure, type Octokit } from './client.js';
import type { DiffPositions } from './diff-positions.js';
import type { CommentTarget, Publisher } from './types.js';

export interface InlineComment {
  path: string;
  line: number;
  side: 'LEFT' | 'RIGHT';
  body: string;
}

/** Marks our review comments, so a rerun can tell which lines it already covered. */
const INLINE_MARKER = (rule: string) => `<!-- collapse-guard:inline ${rule} -->`;

/** The inline comments for blocking findings whose line GitHub can comment on. */
export function inlineComments(findings: readonly Finding[], diff: DiffPositions, docsUrl: string): InlineComment[] {
  const seen = new Set<string>();
  const out: InlineComment[] = [];
  for (const f of findings) {
    const at =
      f.baseLine && diff.leftLines(f.manifest).has(f.baseLine)
        ? { line: f.baseLine, side: 'LEFT' as const }
        : f.line && diff.rightLines(f.manifest).has(f.line)
          ? { line: f.line, side: 'RIGHT' as const }
          : undefined;
    if (!at) continue;
    const key = keyOf(f.manifest, at.line, at.side, f.rule);
    if (seen.has(key)) continue;
    seen.add(key);
    const shards = f.shards && f.shards.length > 1 ? ` (${f.shards.length} shards)` : '';
    out.push({
      path: f.manifest,
      ...at,
      body:
        `${INLINE_MARKER(f.rule)}\n**collapse-guard · ${f.severity} · [${f.rule}](${docsUrl}/${f.rule}.md)**${shards}: ` +
        `${escapeMarkdown(f.message)}\n\n**Fix:** ${escapeWithCode(f.fix)}`,
    });
  }
  return out;
}

const keyOf = (path: string, line: number, side: string, rule: string) => `${path}:${side}:${line}:${rule}`;

/** Posts the comments not already on the PR as one COMMENT review; returns how many were posted. */
export async function postInlineReview(octokit: Octokit, t: CommentTarget, headSha: string, comments: InlineComment[]): Promise<number> {
  if (comments.length === 0) return 0;
  const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: t.owner,
    repo: t.repo,
    pull_number: t.issueNumber,
    per_page: 100,
  });
  const done = new Set(
    existing.map((c) => {
      const rule = /<!-- collapse-guard:inline ([\w-]+) -->/.exec(c.body ?? '')?.[1];
      const side = c.side === 'LEFT' ? 'LEFT' : 'RIGHT';
      return rule ? keyOf(c.path, c.line ?? c.original_line ?? 0, side, rule) : '';
    }),
  );
  const fresh = comments.filter((c) => !done.has(keyOf(c.path, c.line, c.side, /inline ([\w-]+)/.exec(c.body)![1]!)));
  if (fresh.length === 0) return 0;
  await octokit.rest.pulls.createReview({
    owner: t.owner,
    repo: t.repo,
    pull_number: t.issueNumber,
    commit_id: headSha,
    event: 'COMMENT',
    body: `collapse-guard: ${fresh.length} blocking finding(s) on the manifest lines below.`,
    comments: fresh.map((c) => ({ path: c.path, line: c.line, side: c.side, body: c.body })),
  });
  return fresh.length;
}

/** The inline review (input `inline`), on blocking findings; not under the accept label. */
export const inlineReview: Publisher = {
  name: 'inline review',
  async publish({ analysis: a, inputs, pullRequest, positions, docsUrl }) {
    if (!pullRequest || !inputs.inline || a.verdict.accepted) return;
    await warnOnFailure('post its inline review', async () => {
      const posted = await postInlineReview(pullRequest.octokit, pullRequest.target, a.revisions.head, inlineComments(a.blocking, positions, docsUrl));
      if (posted) core.info(`collapse-guard: posted ${posted} inline review comment(s)`);
    });
  },
};
