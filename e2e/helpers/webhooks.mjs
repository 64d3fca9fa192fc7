// Real webhook payloads contributed to octokit/webhooks (@octokit/webhooks-examples), for the
// events the action handles. Only commit ids are replaced, with commits of a test repository.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {Array<{ name: string, examples: any[] }>} */
const EVENTS = require('@octokit/webhooks-examples');

/** A deep copy of the first example of `event` (with `action`, when given) that passes `where`. */
export function webhookExample(event, action, where = () => true) {
  const entry = EVENTS.find((e) => e.name === event);
  if (!entry) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  const found = entry.examples.find((x) => (action === undefined || x.action === action) && where(x));
  if (!found) throw new Error(`@octokit/webhooks-examples has no "${event}"${action ? `.${action}` : ''} example that fits`);
  return structuredClone(found);
}

/** owner/name of the payload's repository, as the runner sets GITHUB_REPOSITORY. */
export function repositoryOf(payload) {
  return payload.repository.full_name ?? `${payload.repository.owner.login}/${payload.repository.name}`;
}

/** The payload with pull_request.base.sha and pull_request.head.sha replaced. */
export function withPullRequestShas(payload, base, head) {
  payload.pull_request.base.sha = base;
  payload.pull_request.head.sha = head;
  return payload;
}

/** The payload with merge_group.base_sha and merge_group.head_sha replaced. */
export function withMergeGroupShas(payload, base, head) {
  payload.merge_group.base_sha = base;
  payload.merge_group.head_sha = head;
  return payload;
}

/** The payload with before (unless left as is: undefined) and after replaced. */
export function withPushShas(payload, before, after) {
  if (before !== undefined) payload.before = before;
  payload.after = after;
  return payload;
}
