// The one sticky PR comment: found by its hidden marker, created once, then edited in place.
import type { getOctokit } from '@actions/github';
import { COMMENT_MARKER } from '../report/markdown.js';

type Octokit = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface CommentResult {
  action: 'created' | 'updated' | 'none';
  url?: string;
}

/** The comment this action posted before, if any: its body starts with the marker. */
export async function findStickyComment(octokit: Octokit, t: CommentTarget) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: t.owner, repo: t.repo, issue_number: t.issueNumber, per_page: 100,
  });
  const ours = comments.filter((c) => c.body?.startsWith(COMMENT_MARKER));
  // Prefer the bot's own comment over a human's that copied the marker.
  return ours.find((c) => c.user?.type === 'Bot') ?? ours[0];
}

/**
 * Updates the sticky comment, or creates it when `create` is true and none exists yet
 * (a run with nothing to say does not start a new comment under `comment: on-findings`).
 */
export async function upsertStickyComment(octokit: Octokit, t: CommentTarget, body: string, create: boolean): Promise<CommentResult> {
  const existing = await findStickyComment(octokit, t);
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: existing.id, body });
    return { action: 'updated', url: data.html_url };
  }
  if (!create) return { action: 'none' };
  const { data } = await octokit.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: t.issueNumber, body });
  return { action: 'created', url: data.html_url };
}
