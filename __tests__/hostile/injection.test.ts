// Nothing a manifest contains can break the comment, mention people, inject HTML or hijack
// the sticky marker; and the comment always fits GitHub's size limit.
import { analyseChange } from '../../test-support/analyse-repo.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { COMMENT_MARKER, MAX_COMMENT_LENGTH, renderComment } from '../../src/report/markdown.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { escapeWorkflowCommand } from '../../src/report/log-escape.js';

const HOSTILE = [
  'a|b|c',
  'tick`s`',
  '<details><summary>x</summary>',
  '<img src=x onerror=alert(1)>',
  COMMENT_MARKER,
  '@octocat please',
  'fixes #123',
  '::set-output name=risk::none',
  '\u001b[31mred\u001b[0m',
  '[click](https://evil.example)',
  'line\nbreak',
];

it('escapes hostile shard ids and sources in every finding and heading', async () => {
  // One manifest per hostile id, so that each lands in a finding and a manifest heading of its own.
  const manifests = Object.fromEntries(
    HOSTILE.map((id, i) => [`m${i}.manifest.yaml`, yamlManifest([{ id, path: `s3://x/${i}`, rows: 1, source: id, license: id }])]),
  );
  const a = await analyseChange(
    { 'm.manifest.yaml': yamlManifest([human('keep', 10)]) },
    { 'm.manifest.yaml': yamlManifest([human('keep', 10)]), ...manifests },
  );
  const body = renderComment(a, {});
  const text = body.slice(COMMENT_MARKER.length);
  expect(a.findings.filter((f) => f.rule === 'missing-provenance')).toHaveLength(HOSTILE.length);
  expect(body.split(COMMENT_MARKER)).toHaveLength(2);
  expect(text).not.toMatch(/<(img|details>?<summary>x|!--)/i);
  expect(text).not.toMatch(/@octocat/);
  expect(text).not.toMatch(/#123/);
  expect(text).not.toContain('\u001b');
  expect(text).not.toMatch(/(?<!`)\[click\]\(https:\/\/evil/); // literal inside a code span only
  // Every finding stays one list item on its own line, whatever its id holds.
  const items = text.split('\n').filter((l) => l.startsWith('- **🟠 medium** [missing-provenance]'));
  expect(items).toHaveLength(HOSTILE.length);
  // No table for a stray pipe to break.
  expect(text).not.toMatch(/^\|/m);
});

it('keeps workflow commands and control characters out of the log', () => {
  expect(escapeWorkflowCommand('::set-output name=risk::none\n::error::x')).not.toMatch(/(^|\s)::/);
  expect(escapeWorkflowCommand('\u001b[31mred')).toBe('[31mred');
  expect(escapeMarkdown('x'.repeat(1000))).toHaveLength(300);
});

it('keeps a comment with 5,000 findings under 65,536 characters with the verdict and checklist', async () => {
  // Findings of one rule in one manifest are grouped, so 5,000 findings take 5,000 manifests.
  const manifests = Object.fromEntries(
    Array.from({ length: 5000 }, (_, i) => [
      `crawl/part-${i}.manifest.yaml`,
      yamlManifest([{ id: `web-shard-with-a-long-identifier-${i}`, path: `s3://crawl/${i}`, rows: 10 }]),
    ]),
  );
  const a = await analyseChange(
    { 'm.manifest.yaml': yamlManifest([human('keep', 10)]) },
    { 'm.manifest.yaml': yamlManifest([human('keep', 10)]), ...manifests },
  );
  expect(a.findings.length).toBeGreaterThanOrEqual(5000);
  const body = renderComment(a, {});
  expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
  expect(body).toContain('Collapse risk');
  expect(body).toContain('Collapse-risk checklist');
  expect(body).toMatch(/…and [\d,]+ more findings in the job summary\./);
});
