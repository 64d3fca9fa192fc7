// The API client: @actions/github's Octokit (GITHUB_API_URL, so GitHub Enterprise works) with
// retries on server errors and waits on rate limits.
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type Octokit = ReturnType<typeof getOctokit>;

/** Retries of one request hit by a rate limit before giving up. */
const RATE_LIMIT_RETRIES = 2;

export function makeOctokit(token: string): Octokit {
  return getOctokit(
    token,
    {
      retry: { retries: 3 },
      throttle: {
        onRateLimit: (after: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
          core.warning(`GitHub API rate limit on ${options.method} ${options.url}; retrying in ${after} s`);
          return retryCount < RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (after: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
          core.warning(`GitHub API secondary rate limit on ${options.method} ${options.url}; retrying in ${after} s`);
          return retryCount < RATE_LIMIT_RETRIES;
        },
      },
    },
    retry,
    throttling,
  );
}
