// `npm run demo`: builds a small git repository from examples/ (main = examples/base, a PR
// branch = examples/head), runs the bundled CLI on it and prints the PR comment it would post.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = mkdtempSync(join(tmpdir(), 'collapse-guard-demo-'));
const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
try {
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'demo@example.com');
  git('config', 'user.name', 'demo');
  cpSync('examples/base', repo, { recursive: true });
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Training data as on main');
  git('checkout', '--quiet', '-b', 'risky-data-pr');
  cpSync('examples/head', repo, { recursive: true });
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Refresh support-chat data');

  const flags = ['--repo', repo, '--base', 'main', '--head', 'risky-data-pr', '--format', 'comment'];
  const run = spawnSync(process.execPath, ['dist/cli.js', ...flags], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    process.exit(run.status ?? 2);
  }
  process.stdout.write(
    'The PR comment collapse-guard posts for examples/head (exit code ' + run.status + ': the check ' + (run.status === 1 ? 'fails' : 'passes') + '):\n\n',
  );
  process.stdout.write(run.stdout);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
