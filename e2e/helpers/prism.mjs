// A mock of the GitHub REST API served by Stoplight Prism from GitHub's own OpenAPI description
// (@octokit/openapi). `--errors` makes Prism answer a request that violates the description with
// an error status (422 for a bad body or parameter, 404 for a path the description lacks, 406 for
// an unacceptable media type) and name the violations in the `sl-violations` header. Responses are
// the description's examples; `--seed` makes the few generated from a schema (see
// recording-proxy.mjs) the same on every run.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** GitHub's description of api.github.com, as shipped by @octokit/openapi (OpenAPI 3.0, $refs kept). */
export const GITHUB_DESCRIPTION = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');

const PRISM_CLI = (() => {
  const dir = dirname(require.resolve('@stoplight/prism-cli/package.json'));
  const { bin } = require('@stoplight/prism-cli/package.json');
  return join(dir, typeof bin === 'string' ? bin : bin.prism);
})();

/** A TCP port nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock --errors` on 127.0.0.1 and a free port, and waits until it answers.
 * @returns {Promise<{ url: string, pid: number, log: () => string, stop: () => Promise<void> }>}
 */
export async function startPrism({ description = GITHUB_DESCRIPTION, timeoutMs = 150_000 } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [PRISM_CLI, 'mock', '--errors', '--seed', 'collapse-guard-e2e', '--host', '127.0.0.1', '--port', String(port), description],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  // Prism logs every route at start and three to ten lines per request: keep the tail only.
  let log = '';
  const keep = (d) => {
    log = (log + d).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  // Last resort if the test process ends without stop(): never leave Prism running.
  const reap = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', reap);

  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`prism exited before listening (${JSON.stringify(exited)}):\n${log.slice(-4000)}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`prism did not listen within ${timeoutMs / 1000} s:\n${log.slice(-4000)}`);
    }
    try {
      // GET /zen is in the description and needs no parameters.
      const res = await fetch(`${url}/zen`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const startupMs = Date.now() - started;

  return {
    url,
    pid: child.pid,
    startupMs,
    log: () => log,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5000);
      await exit;
      clearTimeout(timer);
      process.off('exit', reap);
    },
  };
}
