// The PR comment as GitHub shows it: rendered by GitHub's markdown rules and CSS in a comment
// column 780 px wide, in headless Chromium (helpers/render-comment.mjs), for the demo's comment
// and for a large change (40 manifests in 5 datasets, 240 findings, long shard ids and paths
// without spaces): the CLI's Markdown (the whole report, as in the job summary) and the sticky
// comment the action posts for the same change (shortened to GitHub's comment limit). Nothing may
// stick out of the column or need a table wider than it, the verdict heading must be seen without
// scrolling, and every Mermaid chart must parse. Full-page screenshots (and the Markdown) go to
// e2e/screenshots/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestRepo, daysAgo, removeTempDirs } from '../test-support/git-repo.ts';
import { analyse } from '../src/analysis/analyse.ts';
import { DEFAULT_POLICY_PATH } from '../src/analysis/settings.ts';
import { renderComment as stickyComment } from '../src/report/markdown.ts';
import { COLUMN_WIDTH, launchBrowser, missingTools, renderComment } from './helpers/render-comment.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('screenshots/', import.meta.url));
/** How far down the page the verdict heading may start: seen without scrolling. */
const VERDICT_MAX_Y = 400;

// Without the browser or cmark-gfm the suite cannot judge the comment: CI must have them (setup.sh
// installs them), a developer's machine may not.
const missing = missingTools();
if (missing && process.env.CI === 'true') {
  describe('PR comment rendered in Chromium', () => {
    it('has Chromium and cmark-gfm', () => assert.fail(`e2e/setup.sh did not provide what the comment rendering needs: ${missing}`));
  });
}
const skip = missing ?? false;
if (skip) console.log(`e2e: comment rendering skipped: ${skip}`);

/** The demo's comment: `npm run demo` prints a line about it, a blank line, then the comment as posted (its hidden marker first). */
function demoComment() {
  const run = spawnSync(process.execPath, ['scripts/demo.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const comment = run.stdout.slice(run.stdout.indexOf('\n\n') + 2);
  assert.match(comment, /^<!-- collapse-guard:sticky-comment -->\n### /, 'the demo prints one intro line, then the comment');
  return comment;
}

const DATASETS = [
  'customer-support-multilingual-transcripts',
  'code-review-comments-internal-monorepo',
  'medical-triage-notes-deidentified',
  'legal-contract-clauses-annotated',
  'product-search-queries-clickstream',
];
const REGIONS = ['emea-west', 'emea-north', 'apac-south', 'americas-east', 'americas-west', 'apac-east', 'latam', 'global'];
const BUCKET = 's3://very-long-bucket-name-for-training-corpora-production-eu-west-1';

/** One manifest of the large comment's repository; the history's `step` adds synthetic data. */
function largeManifest(dataset, region, step) {
  const id = (what, k) => `${dataset}-${region}-${what}-batch-${String(k).padStart(4, '0')}-deduplicated-normalised-v2`;
  const path = (what, k) => `${BUCKET}/${dataset}/${region}/${what}/part-${String(k).padStart(5, '0')}-of-00064.snappy.parquet`;
  const human = (k, rows, extra = {}) => ({
    id: id('human-2021q3', k),
    path: path('human-2021q3', k),
    sha256: `h${k}${region}`,
    rows,
    origin: 'human',
    source: `crm-export-${region}`,
    collected: '2021-09-30',
    license: 'proprietary',
    ...extra,
  });
  const synthetic = (k, rows, extra = {}) => ({
    id: id('synthetic-regenerated', k),
    path: path('synthetic-regenerated', k),
    sha256: `s${k}${region}`,
    rows,
    origin: 'synthetic',
    source: 'regeneration-pipeline',
    collected: daysAgo(20),
    license: 'internal',
    generator: { model: 'support-chat-v3-instruct-distilled', depth: 1, verified: true },
    ...extra,
  });
  const shards = [human(1, 120_000), human(2, 80_000), human(3, 4_000, { tags: ['rare', 'minority'] })];
  for (let k = 1; k <= Math.min(step, 2); k++) shards.push(synthetic(k, 10_000 * k));
  let fields = { dataset, audit: { last: daysAgo(30), by: 'data-team' }, evaluation: { metrics: ['accuracy', 'heldout_real_perplexity', 'tail_coverage'] } };
  if (step === 3) {
    // The pull request: real and rare shards swapped for unverified second-generation synthetic
    // data, a recent scrape without origin or licence, accuracy-only evaluation, an old audit.
    shards.splice(1, 2);
    shards.push(synthetic(3, 250_000, { generator: { model: 'support-chat-v3-instruct-distilled', depth: 2 } }));
    shards.push({
      id: `${dataset}-${region}-forum-scrape-2025-06-unfiltered-all-threads-including-replies`,
      path: `${BUCKET}/${dataset}/${region}/web/forum-scrape-2025-06-30-unfiltered-all-threads.jsonl.zst`,
      source: `https://community-forum.example.com/${dataset}/${region}/threads?sort=newest&include=replies`,
      collected: '2025-06-30',
      rows: 30_000,
    });
    fields = { ...fields, audit: { last: daysAgo(700), by: 'data-team' }, evaluation: { metrics: ['accuracy', 'f1'] } };
  }
  const head = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return [...head, 'shards:', ...shards.map((s) => `  - ${JSON.stringify(s)}`)].join('\n') + '\n';
}

/** A repository whose PR branch touches 40 manifests in 5 datasets, each with a base history. */
function largeChange() {
  const repo = new TestRepo();
  const files = (step) => {
    const out = {};
    for (const dataset of DATASETS)
      for (const region of REGIONS) out[`datasets/${dataset}/${region}/${dataset}-${region}-shard-group.manifest.yaml`] = largeManifest(dataset, region, step);
    return out;
  };
  for (const step of [0, 1, 2]) repo.commit(files(step), `training data, step ${step}`);
  repo.branch('refresh-synthetic-data');
  repo.commit(files(3), 'refresh synthetic data');
  return { repo: repo.dir, base: 'main', head: 'refresh-synthetic-data' };
}

/** The CLI's Markdown for the change (`--format markdown`: the whole report, as the job summary has it). */
function cliMarkdown({ repo, base, head }) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), '--repo', repo, '--base', base, '--head', head, '--format', 'markdown'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, `the large change fails the check: ${run.stderr}`);
  return run.stdout;
}

/** The sticky comment the action posts for the change, with the links a run on GitHub has. */
async function actionComment({ repo, base, head }) {
  const analysis = await analyse({ repoDir: repo, base, head, settings: { kind: 'flag', values: {} }, policyPath: DEFAULT_POLICY_PATH });
  return stickyComment(analysis, {
    lineUrl: (path, line, commit) => `https://github.com/acme/training-data/blob/${commit}/${path}#L${line}`,
    fullReportUrl: 'https://github.com/acme/training-data/actions/runs/1234567890',
  });
}

/** What the rule asserts about every rendered comment, with what broke it in the message. */
function assertFitsGitHub(markdown, metrics) {
  const show = (x) => JSON.stringify(x, null, 2);
  assert.ok(
    metrics.widestTable <= COLUMN_WIDTH,
    `a table is ${metrics.widestTable} px wide, wider than the ${COLUMN_WIDTH} px column: ${show(metrics.tables.filter((t) => t.width > COLUMN_WIDTH))}`,
  );
  assert.equal(metrics.overflows, false, `something sticks out of the ${COLUMN_WIDTH} px column: ${show(metrics.overflowing.slice(0, 10))}`);
  assert.ok(metrics.verdict, 'the comment has a verdict heading (h3)');
  assert.ok(metrics.verdict.y <= VERDICT_MAX_Y, `the verdict heading starts at y = ${metrics.verdict.y} px, below the first ${VERDICT_MAX_Y} px`);
  assert.ok(metrics.mermaid.length > 0, 'the comment has a Mermaid chart');
  assert.equal(metrics.mermaid.length, (markdown.match(/^```mermaid$/gm) ?? []).length, 'every ```mermaid block is found in the page');
  for (const m of metrics.mermaid) {
    assert.ok(m.parsed, `Mermaid block ${m.index} does not parse: ${m.error}\n${m.source}`);
    assert.ok(m.rendered, `Mermaid block ${m.index} was not drawn: ${m.error}`);
  }
}

function report(t, name, metrics) {
  const charts = metrics.mermaid.map((m) => `${m.diagramType ?? 'unparsed'} ${m.width}×${m.height}`).join(', ');
  t.diagnostic(
    `${name}: ${metrics.height} px high, widest table ${metrics.widestTable} px, verdict at y = ${metrics.verdict?.y} px, ` +
      `${metrics.overflowing.length} overflowing, charts: ${charts}` +
      metrics.scrolled.map((s) => `; scrolls inside its ${s.box} px box: ${s.element} at y = ${s.y}, ${s.width} px wide (${s.text.slice(0, 60)})`).join(''),
  );
  console.log(`e2e: ${name} comment → ${metrics.screenshot}: ${metrics.height} px, widest table ${metrics.widestTable} px, verdict y ${metrics.verdict?.y}`);
}

describe('PR comment rendered in Chromium (GitHub markdown, 780 px column)', () => {
  let browser;
  /** The large change's repository, made by the first test that needs it. */
  let change;
  before(async () => {
    if (!skip) browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    removeTempDirs();
  });

  it(
    'the measurement sees what breaks the rule: a wide table, something wider than the column, a chart that does not parse',
    { skip, timeout: 60_000 },
    async () => {
      const path = `${BUCKET}/${'x'.repeat(60)}/part-00001-of-00064.snappy.parquet`;
      const broken = [
        '### ❌ Collapse risk',
        '',
        '| manifest | path |',
        '|---|---|',
        `| \`datasets/${'a'.repeat(60)}.manifest.yaml\` | \`${path}\` |`,
        '',
        `<div style="width: 1000px">a box wider than the column</div>`,
        '',
        `<span style="white-space: nowrap">${path} ${path}</span>`,
        '',
        '```mermaid',
        'xychart-beta',
        '  title "unclosed',
        '  line [1, 2',
        '```',
        '',
      ].join('\n');
      const metrics = await renderComment(broken, { browser });
      assert.ok(metrics.widestTable > COLUMN_WIDTH, `the table is ${metrics.widestTable} px`);
      assert.equal(metrics.overflows, true);
      assert.ok(metrics.overflowing.some((o) => o.kind === 'element' && o.element === 'div' && o.width === 1000));
      assert.ok(metrics.overflowing.some((o) => o.kind === 'text' && o.element === 'p > span'));
      assert.equal(metrics.mermaid.length, 1);
      assert.equal(metrics.mermaid[0].parsed, false);
      assert.match(metrics.mermaid[0].error, /Parse error/);
      assert.throws(() => assertFitsGitHub(broken, metrics), /a table is \d+ px wide/);
    },
  );

  it('the demo comment fits the column, shows the verdict first and draws its chart', { skip, timeout: 120_000 }, async (t) => {
    const comment = demoComment();
    const metrics = await renderComment(comment, { browser, screenshot: join(SCREENSHOTS, 'demo.png') });
    writeFileSync(join(SCREENSHOTS, 'demo.md'), comment);
    report(t, 'demo', metrics);
    assert.match(metrics.verdict?.text ?? '', /Collapse risk/);
    assert.equal(metrics.mermaid.length, 1);
    assertFitsGitHub(comment, metrics);
  });

  it('a large change (40 manifests, 5 datasets, long ids and paths): the CLI Markdown fits the column', { skip, timeout: 180_000 }, async (t) => {
    change ??= largeChange();
    const comment = cliMarkdown(change);
    const metrics = await renderComment(comment, { browser, screenshot: join(SCREENSHOTS, 'large.png') });
    writeFileSync(join(SCREENSHOTS, 'large.md'), comment);
    report(t, 'large', metrics);
    assertFitsGitHub(comment, metrics);
  });

  it('the same change: the sticky comment the action posts fits the column', { skip, timeout: 180_000 }, async (t) => {
    change ??= largeChange();
    const comment = await actionComment(change);
    const metrics = await renderComment(comment, { browser, screenshot: join(SCREENSHOTS, 'large-comment.png') });
    writeFileSync(join(SCREENSHOTS, 'large-comment.md'), comment);
    report(t, 'large-comment', metrics);
    assertFitsGitHub(comment, metrics);
  });
});
