// A PR comment as GitHub shows it, measured in a real browser. The markdown becomes HTML by
// GitHub's own rules (cmark-gfm with the GFM extensions and hard line breaks, as GitHub renders
// comments), is styled with GitHub's markdown CSS (github-markdown-css, class markdown-body) in a
// comment column 780 px wide, and is opened in headless Chromium through puppeteer-core. Each
// ```mermaid block is parsed and drawn to SVG in the page by the mermaid package, as GitHub draws
// it. The page is then measured and screenshotted.
//
// By hand: node e2e/helpers/render-comment.mjs comment.md out.png   (prints the metrics as JSON)
/* global mermaid, document, window, getComputedStyle, NodeFilter -- drawMermaid and measure run in the page */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The width of the comment column on a pull request's conversation page. */
export const COLUMN_WIDTH = 780;
/** White space around the column in the page, so a screenshot shows anything that sticks out. */
const MARGIN = 16;

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const onPath = (name) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, name))
    .find(isExecutable) ?? null;

/**
 * The Chromium to drive: $CHROMIUM_PATH when set, else Debian's /usr/bin/chromium, else a
 * chromium, chromium-browser or google-chrome on the PATH; null when there is none.
 */
export function findBrowser() {
  if (process.env.CHROMIUM_PATH) return isExecutable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const file of ['/usr/bin/chromium', '/usr/lib/chromium/chromium']) if (isExecutable(file)) return file;
  return onPath('chromium') ?? onPath('chromium-browser') ?? onPath('google-chrome');
}

/** The cmark-gfm binary ($CMARK_GFM_PATH or on the PATH), or null. */
export function findCmark() {
  if (process.env.CMARK_GFM_PATH) return isExecutable(process.env.CMARK_GFM_PATH) ? process.env.CMARK_GFM_PATH : null;
  return onPath('cmark-gfm');
}

/** What is missing to render a comment, as one sentence, or null when nothing is. */
export function missingTools() {
  const missing = [];
  if (!findBrowser()) missing.push('Chromium (/usr/bin/chromium, or set CHROMIUM_PATH)');
  if (!findCmark()) missing.push('cmark-gfm (on the PATH, or set CMARK_GFM_PATH)');
  return missing.length ? `not found: ${missing.join(' and ')}; e2e/setup.sh installs them (apt-get, as root)` : null;
}

/**
 * Markdown to HTML as GitHub renders a comment: GFM (tables, strikethrough, autolinks, the tag
 * filter, task lists) with every newline a line break. Raw HTML passes (GitHub keeps <details>,
 * <summary>, <sub> and the like after its sanitizer; the tag filter removes the dangerous ones).
 */
export function markdownToHtml(markdown) {
  const cmark = findCmark();
  if (!cmark) throw new Error(missingTools());
  const args = ['--hardbreaks', '--unsafe', '--to', 'html'];
  for (const ext of ['table', 'strikethrough', 'autolink', 'tagfilter', 'tasklist']) args.push('--extension', ext);
  const run = spawnSync(cmark, args, { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`cmark-gfm exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** The page: GitHub's light markdown CSS, the comment in a column COLUMN_WIDTH px wide. */
export function commentPage(bodyHtml) {
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PR comment</title>
<style>${css}</style>
<style>
  html, body { margin: 0; background: #ffffff; }
  body { padding: ${MARGIN}px; }
  #column { width: ${COLUMN_WIDTH}px; box-sizing: border-box; }
  .mermaid-chart { margin-bottom: 16px; }
  .mermaid-chart svg { display: block; max-width: 100%; height: auto; }
</style></head>
<body><article id="column" class="markdown-body">
${bodyHtml}
</article></body></html>`;
}

/** Launches headless Chromium; pass the result to renderComment to render several comments. */
export async function launchBrowser() {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(missingTools());
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath,
    headless: true,
    // As root (CI, containers) Chromium refuses to start sandboxed.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}

/**
 * Renders a comment's markdown in Chromium and measures it. With `screenshot`, writes a
 * full-page PNG there. Returns:
 * - height: the page's height in px (the column plus a 16 px margin around it);
 * - widestTable: the widest table's content width in px (GitHub's CSS lets a wide table scroll
 *   inside the column, so this is its scroll width), 0 without tables; tables: each one;
 * - overflows: whether anything sticks out of the column horizontally; overflowing: what does
 *   (elements and text, each with its width and how far past the column's edge it reaches);
 * - scrolled: boxes whose content is wider than they are and scrolls inside them (tables, code
 *   blocks);
 * - verdict: the first h3 (the verdict heading), its text and its top y in the page, or null;
 * - mermaid: each ```mermaid block: its source, whether it parsed, its diagram type, whether it
 *   was drawn, the error if any, and the drawn chart's size.
 */
export async function renderComment(markdown, { screenshot, browser } = {}) {
  const html = commentPage(markdownToHtml(markdown));
  const own = browser ? null : await launchBrowser();
  const page = await (browser ?? own).newPage();
  try {
    await page.setViewport({ width: COLUMN_WIDTH + 2 * MARGIN, height: 800, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const mermaid = await page.evaluate(drawMermaid);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const metrics = await page.evaluate(measure, COLUMN_WIDTH);
    if (screenshot) {
      mkdirSync(dirname(resolve(screenshot)), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true, captureBeyondViewport: true });
    }
    return { columnWidth: COLUMN_WIDTH, ...metrics, mermaid, ...(screenshot ? { screenshot } : {}) };
  } finally {
    await page.close();
    await own?.close();
  }
}

// Runs in the page: each ```mermaid block parsed, then drawn as GitHub draws it (light theme, the
// chart as wide as the column at most). A block that does not parse stays as code.
async function drawMermaid() {
  mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' });
  const blocks = [...document.querySelectorAll('pre > code.language-mermaid')];
  const results = [];
  for (const [index, code] of blocks.entries()) {
    const source = code.textContent;
    const r = { index, source, parsed: false, diagramType: null, rendered: false, error: null, width: 0, height: 0 };
    try {
      const parsed = await mermaid.parse(source);
      r.parsed = Boolean(parsed);
      r.diagramType = parsed?.diagramType ?? null;
      const { svg } = await mermaid.render(`mermaid-chart-${index}`, source);
      const div = document.createElement('div');
      div.className = 'mermaid-chart';
      div.innerHTML = svg;
      code.parentElement.replaceWith(div);
      const box = div.querySelector('svg').getBoundingClientRect();
      r.rendered = box.width > 0 && box.height > 0;
      r.width = Math.round(box.width);
      r.height = Math.round(box.height);
    } catch (e) {
      r.error = String(e?.message ?? e);
    }
    results.push(r);
  }
  return results;
}

// Runs in the page: the measurements renderComment returns (everything but the mermaid blocks).
function measure(columnWidth) {
  const column = document.getElementById('column');
  const col = column.getBoundingClientRect();
  const y = (rect) => Math.round(rect.top + window.scrollY);
  const snippet = (text) => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    return t.length > 100 ? `${t.slice(0, 99)}…` : t;
  };
  const describe = (el) => {
    const names = [];
    for (let e = el; e && e !== column; e = e.parentElement) names.unshift(e.tagName.toLowerCase());
    return names.join(' > ');
  };
  const clips = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  // Inside a box that scrolls or clips, content cannot reach past the column.
  const clipped = (el) => {
    for (let e = el.parentElement; e && e !== column; e = e.parentElement) if (clips(e)) return true;
    return false;
  };
  const past = (rect) => Math.max(rect.right - col.right, col.left - rect.left);

  const overflowing = [];
  for (const el of column.querySelectorAll('*')) {
    if (clipped(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (past(rect) > 0.5)
      overflowing.push({
        kind: 'element',
        element: describe(el),
        text: snippet(el.textContent),
        width: Math.round(rect.width),
        past: Math.round(past(rect)),
        y: y(rect),
      });
  }
  // Text that sticks out of a box that itself fits (an unbreakable word, a long code span).
  const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || clips(parent) || clipped(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (past(rect) > 0.5) {
        overflowing.push({
          kind: 'text',
          element: describe(parent),
          text: snippet(node.textContent),
          width: Math.round(rect.width),
          past: Math.round(past(rect)),
          y: y(rect),
        });
        break;
      }
    }
  }
  const columnScrolls = column.scrollWidth > column.clientWidth + 0.5;

  const scrolled = [];
  for (const el of column.querySelectorAll('*')) {
    if (!clips(el) || el.scrollWidth <= el.clientWidth + 0.5) continue;
    scrolled.push({ element: describe(el), text: snippet(el.textContent), width: el.scrollWidth, box: el.clientWidth, y: y(el.getBoundingClientRect()) });
  }

  const tables = [...column.querySelectorAll('table')].map((t) => ({
    width: Math.max(t.scrollWidth, Math.round(t.getBoundingClientRect().width)),
    rows: t.rows.length,
    header: snippet(t.rows[0]?.textContent),
    y: y(t.getBoundingClientRect()),
  }));

  const h3 = column.querySelector('h3');
  return {
    height: Math.ceil(document.body.getBoundingClientRect().height),
    columnHeight: Math.round(col.height),
    widestTable: tables.reduce((w, t) => Math.max(w, t.width), 0),
    tables,
    overflows: overflowing.length > 0 || columnScrolls || Math.round(col.width) !== columnWidth,
    overflowing,
    scrolled,
    verdict: h3 ? { text: snippet(h3.textContent), y: y(h3.getBoundingClientRect()) } : null,
  };
}

// node e2e/helpers/render-comment.mjs comment.md [out.png]
if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error('usage: node e2e/helpers/render-comment.mjs comment.md [out.png]   (- reads standard input)');
    process.exit(2);
  }
  const markdown = readFileSync(input === '-' ? 0 : input, 'utf8');
  const metrics = await renderComment(markdown, { screenshot: output });
  console.log(JSON.stringify(metrics, null, 2));
}
