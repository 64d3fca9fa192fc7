// The newcomer's first command: `npm run demo` prints the PR comment for the risky example.
import { spawnSync } from 'node:child_process';

it('prints a comment showing the replaced real shard, the dropped rare shard, the missing provenance and the other mistakes', () => {
  const r = spawnSync(process.execPath, ['scripts/demo.mjs'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('### ❌ Collapse risk ⛔ critical: the check fails');
  // The example shows every one of the seven mistakes.
  expect(r.stdout.match(/^- ❌ \*\*[1-7]\. /gm)).toHaveLength(7);
  expect(r.stdout).toMatch(/❌ \*\*4\. Replacing real data instead of accumulating it\*\*: .*chats-2022q3/);
  expect(r.stdout).toMatch(/❌ \*\*5\. Discarding rare cases as noise\*\*: .*swahili-escalations/);
  expect(r.stdout).toMatch(/❌ \*\*6\. No provenance tracking\*\*: .*forum-scrape/);
  for (const rule of [
    'real-data-replaced',
    'rare-data-dropped',
    'missing-provenance',
    'synthetic-share',
    'unverified-recent-scrape',
    'accuracy-only-evaluation',
    'stale-audit',
    'compound-risk',
  ])
    expect(r.stdout).toContain(`[${rule}]`);
});
