import { tmpdir } from 'node:os';

/** Where temp files go: a runner's temp directory, which is cleaned after each job, else the system's. */
export function tempDir(): string {
  return process.env['RUNNER_TEMP'] || tmpdir();
}
