// Which revisions to compare and which PR to comment on, from the workflow event (SPEC §1, §2).
import type { context } from '@actions/github';

type Context = typeof context;

export interface Target {
  base: string;
  head: string;
  /** The pull request to comment on; undefined for events without one. */
  pullNumber?: number;
  /** The pull request's labels when the event was sent. */
  labels: string[];
}

export class EventError extends Error {
  override name = 'EventError';
}

const ZERO_SHA = /^0+$/;

export function resolveTarget(ctx: Pick<Context, 'eventName' | 'payload'>, inputs: { base: string; head: string }): Target {
  // The payload's shape depends on the event; each branch below reads the fields its event has.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const p = ctx.payload as Record<string, any>;
  let base: string | undefined;
  let head: string | undefined;
  let pullNumber: number | undefined;
  let labels: string[] = [];
  if (p.pull_request) {
    base = p.pull_request.base?.sha;
    head = p.pull_request.head?.sha;
    pullNumber = p.pull_request.number;
    labels = (p.pull_request.labels ?? []).map((l: { name?: string }) => l?.name).filter((n: unknown): n is string => typeof n === 'string');
  } else if (ctx.eventName === 'merge_group' && p.merge_group) {
    base = p.merge_group.base_sha;
    head = p.merge_group.head_sha;
  } else if (ctx.eventName === 'push' && p.after) {
    head = p.after;
    // A push that creates a branch has no `before`: compare with the default branch.
    base = p.before && !ZERO_SHA.test(p.before) ? p.before : p.repository?.default_branch;
  }
  base = inputs.base || base;
  head = inputs.head || head;
  if (!base || !head) {
    throw new EventError(`cannot tell which revisions to compare for the "${ctx.eventName}" event: set the base and head inputs`);
  }
  return { base, head, pullNumber, labels };
}
