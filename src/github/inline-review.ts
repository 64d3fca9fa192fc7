// Inline review comments on the manifest lines of blocking findings (input `inline`): one review
// with event COMMENT (never approve or request changes), skipping lines already commented by an
// earlier run. GitHub accepts review comments only on lines inside the PR's diff hunks.
import type { Finding } from '../rules/types.js';
import { escapeMarkdown, escapeWithCode } from '../report/escape.js';
import type { Octokit } from './client.js';
import type { CommentTarget } from './sticky-comment.js';

export interface InlineComment {
  path: string;
  line: number;
  body: string;
}

/** Marks our review comments, so a rerun can tell which lines it already covered. */
const INLINE_MARKER = (rule: string) => `<!-- collapse-guard:inline ${rule} -->`;

/** The inline comments for blocking findings whose line GitHub can comment on. */
export function inlineComments(findings: readonly Finding[], commentable: ReadonlyMap<string, ReadonlySet<number>>, docsUrl: string): InlineComment[] {
  const seen = new Set<string>();
  const out: InlineComment[] = [];
  for (const f of findings) {
    if (!f.line || !commentable.get(f.manifest)?.has(f.line)) continue;
    const key = `${f.manifest}:${f.line}:${f.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      path: f.manifest,
      line: f.line,
      body: `${INLINE_MARKER(f.rule)}\n**collapse-guard · ${f.severity} · [${f.rule}](${docsUrl}/${f.rule}.md)**: ${escapeMarkdown(f.message)}\n\n**Fix:** ${escapeWithCode(f.fix)}`,
    });
  }
  return out;
}

/** Posts the comments not already on the PR as one COMMENT review; returns how many were posted. */
export async function postInlineReview(octokit: Octokit, t: CommentTarget, headSha: string, comments: InlineComment[]): Promise<number> {
  if (comments.length === 0) return 0;
  const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: t.owner, repo: t.repo, pull_number: t.issueNumber, per_page: 100,
  });
  const done = new Set(existing.map((c) => {
    const rule = /<!-- collapse-guard:inline ([\w-]+) -->/.exec(c.body ?? '')?.[1];
    return rule ? `${c.path}:${c.line ?? c.original_line}:${rule}` : '';
  }));
  const fresh = comments.filter((c) => !done.has(`${c.path}:${c.line}:${/inline ([\w-]+)/.exec(c.body)![1]}`));
  if (fresh.length === 0) return 0;
  await octokit.rest.pulls.createReview({
    owner: t.owner, repo: t.repo, pull_number: t.issueNumber, commit_id: headSha, event: 'COMMENT',
    body: `collapse-guard: ${fresh.length} blocking finding(s) on the manifest lines below.`,
    comments: fresh.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT' as const, body: c.body })),
  });
  return fresh.length;
}
