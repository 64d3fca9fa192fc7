// The one sticky PR comment: found by its hidden marker, created once, then edited in place.
import * as core from '@actions/core';
import { COMMENT_MARKER, renderComment } from '../report/markdown.js';
import { warnOnFailure, type Octokit } from './client.js';
import type { CommentTarget, Publisher } from './types.js';

export interface CommentResult {
  action: 'created' | 'updated' | 'none';
  url?: string;
}

/** Comments this action posted, oldest first: their bodies start with the marker. */
async function stickyComments(octokit: Octokit, t: CommentTarget) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issueNumber,
    per_page: 100,
  });
  const ours = comments.filter((c) => c.body?.startsWith(COMMENT_MARKER));
  // The bot's own comments first: a human's comment that copied the marker is not ours to edit.
  return [...ours.filter((c) => c.user?.type === 'Bot'), ...ours.filter((c) => c.user?.type !== 'Bot')];
}

export async function findStickyComment(octokit: Octokit, t: CommentTarget) {
  return (await stickyComments(octokit, t))[0];
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
  // Two runs that raced past the lookup both created one: keep the oldest, delete the rest.
  const bots = (await stickyComments(octokit, t)).filter((c) => c.user?.type === 'Bot');
  const keep = bots.reduce((a, b) => (b.id < a.id ? b : a), bots[0] ?? data);
  for (const extra of bots.filter((c) => c.id !== keep.id)) {
    await octokit.rest.issues.deleteComment({ owner: t.owner, repo: t.repo, comment_id: extra.id });
  }
  if (keep.id !== data.id) {
    const { data: kept } = await octokit.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: keep.id, body });
    return { action: 'updated', url: kept.html_url };
  }
  return { action: 'created', url: data.html_url };
}

/** The sticky comment (input `comment`): `always` posts it, `on-findings` once there is something to say. */
export const stickyComment: Publisher = {
  name: 'sticky comment',
  async publish({ analysis: a, inputs, pullRequest, docsUrl, links }) {
    if (!pullRequest || inputs.comment === 'never') return;
    await warnOnFailure('post its PR comment', async () => {
      const body = renderComment(a, { docsUrl, lineUrl: links.lineUrl, fullReportUrl: links.runUrl });
      const result = await upsertStickyComment(pullRequest.octokit, pullRequest.target, body, inputs.comment === 'always' || a.active.length > 0);
      if (result.url) core.setOutput('comment-url', result.url);
      if (result.action !== 'none') core.info(`collapse-guard: ${result.action} the PR comment ${result.url ?? ''}`);
    });
  },
};
