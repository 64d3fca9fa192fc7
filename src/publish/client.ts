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

/** API failures are warnings: the check's result never depends on the API. */
export async function warnOnFailure(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    const status = (e as { status?: number }).status;
    const why =
      status === 403 || status === 404
        ? 'the token may not write to this pull request (a fork PR gets a read-only token)'
        : `the GitHub API answered ${status ?? 'with an error'}: ${(e as Error).message?.split('\n')[0]}`;
    core.warning(`collapse-guard could not ${what}: ${why}. The job summary has the full report; the check result is unaffected.`);
  }
}
