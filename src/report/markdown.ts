// The PR comment and job summary (SPEC §8), read top-down in ten seconds: the verdict, one line
// per dataset, the checklist, the findings grouped by manifest, the trend; the rest folded.
// Lists rather than wide tables, so nothing overflows GitHub's comment column.
import type { Analysis } from '../analysis/analyse.js';
import type { ManifestDiff } from '../diff/shards.js';
import type { DatasetDiff } from '../diff/datasets.js';
import { plural, type Finding } from '../rules/types.js';
import { maxRisk, reaches, severityRank, type Severity } from '../rules/severity.js';
import type { ChecklistItem, ChecklistStatus } from '../analysis/checklist.js';
import { originAmounts, shardCounts, shareChange, sidesOf } from './change-words.js';
import { code, escapeMarkdown, escapeWithCode } from './escape.js';
import { trendCaption, trendChart } from './trend-chart.js';

/** Hidden first line that identifies the sticky comment. */
export const COMMENT_MARKER = '<!-- collapse-guard:sticky-comment -->';
/** GitHub rejects comments longer than this. */
export const MAX_COMMENT_LENGTH = 65536;
export const DEFAULT_DOCS_URL = 'https://github.com/collapse-guard/collapse-guard/blob/main/docs/rules';

export interface RenderOptions {
  docsUrl?: string;
  /** A link to a line of a manifest at a commit (none from the command line). */
  lineUrl?: (path: string, line: number, commit: string) => string;
  /** Where this run's whole report is (its job summary), for a comment that had to leave things out. */
  fullReportUrl?: string;
  /** Most findings listed; the rest are counted. */
  maxFindings?: number;
  /** Most datasets and manifests listed; the rest are counted. */
  maxLines?: number;
  /** The job summary: sections open rather than folded. */
  summary?: boolean;
}

const BADGE: Record<Severity, string> = { critical: '⛔ critical', high: '🔴 high', medium: '🟠 medium', low: '🟡 low', info: '🔵 info' };
const CHECK: Record<ChecklistStatus, string> = { pass: '✅', fail: '❌', waived: '☑️', 'not-applicable': '➖' };
/** How long a pasted waiver lasts: long enough to fix the data, short enough to be looked at again. */
const WAIVER_DAYS = 90;
const MAX_SNIPPET_WAIVERS = 10;

/** The verdict, as the comment's heading: what fails the check (risk, unreadable manifests), and whether it does. */
export function verdict(a: Analysis): string {
  const failOn = a.settings['fail-on'];
  // The problems of a manifest that could not be read are said as that, not as risk.
  const unread = new Set(a.unreadable.map((f) => f.manifest));
  const risk = maxRisk(a.active.filter((f) => !(f.rule === 'manifest-invalid' && unread.has(f.manifest) && f.severity !== 'info')).map((f) => f.severity));
  const parts: string[] = [];
  if (reaches(risk, failOn)) parts.push(`Collapse risk ${BADGE[risk as Severity]}`);
  if (a.unreadable.length > 0) parts.push(`${parts.length ? 'could' : 'Could'} not read ${plural(a.unreadable.length, 'manifest')}`);
  if (parts.length === 0)
    return a.risk === 'none' ? '✅ No collapse risk found' : `⚠️ Collapse risk ${BADGE[a.risk as Severity]}, below fail-on (${failOn}): the check passes`;
  const what = parts.join(', and ');
  return a.verdict.acceptedBy ? `☑️ ${what}, accepted by the label ${code(a.verdict.acceptedBy, 100)}: the check passes` : `❌ ${what}: the check fails`;
}

export function renderMarkdown(a: Analysis, opts: RenderOptions = {}): string {
  const docs = opts.docsUrl ?? DEFAULT_DOCS_URL;
  const maxLines = opts.maxLines ?? 20;
  const maxFindings = opts.maxFindings ?? 50;
  const active = a.findings.filter((f) => !f.inherited && !f.waived);
  const waived = a.findings.filter((f) => f.waived);
  const inherited = a.findings.filter((f) => f.inherited && !f.waived);
  const changed = a.change.manifests;
  const link = findingLink(a, opts);
  const out: string[] = [];

  out.push(`### ${verdict(a)}`, '');
  out.push(
    `<sub>collapse-guard · fail-on: ${a.settings['fail-on']} · \`${a.revisions.base.slice(0, 7)}\` → \`${a.revisions.head.slice(0, 7)}\` · ` +
      `${scope(a)} · ${plural(active.length, 'finding')}` +
      `${waived.length ? `, ${waived.length} waived` : ''}</sub>`,
    '',
  );

  if (a.unreadable.length > 0) {
    out.push(`**Nothing in ${a.unreadable.length === 1 ? 'this manifest' : 'these manifests'} was checked:**`, '');
    for (const f of a.unreadable.slice(0, 5)) {
      // Its first problem; the others are findings below.
      const others = active.filter((g) => g.rule === 'manifest-invalid' && g.manifest === f.manifest && g.severity === f.severity).length - 1;
      out.push(
        `- ${code(f.manifest)}${f.line ? ` ${lineText(f.manifest, f.line, link)}` : ''}: ${escapeMarkdown(f.message, 300)}` +
          `${others > 0 ? ` (and ${plural(others, 'more problem')} listed below)` : ''}`,
      );
    }
    if (a.unreadable.length > 5) out.push(`- …and ${plural(a.unreadable.length - 5, 'more manifest')} that could not be read`);
    out.push('');
  }
  // One per unreadable manifest: a waiver covers all the problems of the manifests it names.
  const unreadableAtHead = new Set(a.change.problems.filter((p) => p.side === 'head').map((p) => p.file));
  const waivedUnreadable = waived.filter(
    (f, i) =>
      f.rule === 'manifest-invalid' &&
      f.severity !== 'info' &&
      unreadableAtHead.has(f.manifest) &&
      waived.findIndex((g) => g.rule === f.rule && g.manifest === f.manifest) === i,
  );
  if (waivedUnreadable.length > 0) {
    out.push(
      `> [!WARNING]\n> **${plural(waivedUnreadable.length, 'manifest')} could not be read**, and a waiver in the policy file covers ` +
        `${waivedUnreadable.length === 1 ? 'it' : 'them'}: ${waivedUnreadable
          .slice(0, 5)
          .map((f) => `${code(f.manifest)} (until ${escapeMarkdown(f.waiver?.expires)}: ${escapeMarkdown(f.waiver?.reason, 120)})`)
          .join(', ')}${waivedUnreadable.length > 5 ? ', …' : ''}. Nothing in them was checked.`,
      '',
    );
  }

  const datasets = a.change.datasets;
  for (const d of datasets.slice(0, maxLines)) out.push(datasetLine(d));
  if (datasets.length > maxLines) out.push(`- …and ${plural(datasets.length - maxLines, 'more dataset')}${more(opts)}`);
  if (datasets.length > 0) out.push('');

  out.push(...notes(a));

  out.push('#### Collapse-risk checklist', '');
  for (const item of a.checklist) out.push(checklistLine(item));
  out.push('');

  // The findings that decide the check are shown; those below fail-on are one click away.
  const failOn = a.settings['fail-on'];
  const deciding = active.filter((f) => reaches(f.severity, failOn));
  const below = active.filter((f) => !reaches(f.severity, failOn));
  if (deciding.length > 0) {
    const accepted = a.verdict.acceptedBy && reaches(a.risk, failOn);
    out.push(accepted ? '#### Findings accepted by label' : '#### Findings', '', ...findingGroups(deciding, docs, link, maxFindings, opts), '');
  }
  if (below.length > 0) {
    const title =
      deciding.length > 0
        ? `${plural(below.length, 'more finding')} below fail-on (${failOn})`
        : `${plural(below.length, 'finding')} below fail-on (${failOn})`;
    if (deciding.length > 0 || opts.summary) out.push(...folded(title, findingGroups(below, docs, link, maxFindings, opts), opts.summary));
    else
      out.push('#### Findings', '', `Below fail-on (${failOn}): they do not fail the check.`, '', ...findingGroups(below, docs, link, maxFindings, opts), '');
  }

  if (a.trends.length > 0) {
    out.push('#### Synthetic share over time', '');
    for (const t of a.trends) out.push(trendChart(t), '', `<sub>${escapeMarkdown(t.dataset, 120)}: ${trendCaption(t)}</sub>`, '');
    const charted = new Set(a.trends.map((t) => t.dataset));
    const others = a.change.datasets.filter((d) => d.status === 'modified' && !charted.has(d.name)).length;
    if (others > 0) out.push(`Not charted: ${plural(others, 'more changed dataset')} (the charts show those whose share moved most).`, '');
  }

  if (changed.length > 0) {
    const lines = changed.slice(0, maxLines).map(manifestLine);
    if (changed.length > maxLines) lines.push(`- …and ${plural(changed.length - maxLines, 'more manifest')}${more(opts)}`);
    out.push(...folded(`Data changes in ${plural(changed.length, 'manifest')}`, lines, opts.summary));
  }
  if (waived.length > 0)
    out.push(...folded(`Waived by the policy file, not counted (${waived.length})`, findingGroups(waived, docs, link, maxFindings, opts), opts.summary));
  if (inherited.length > 0) {
    out.push(...folded(`Inherited from the base, not blocking (${inherited.length})`, findingGroups(inherited, docs, link, maxFindings, opts), opts.summary));
  }
  const blocking = a.blocking.filter((f) => !f.inherited && !f.waived);
  if (blocking.length > 0 && !a.verdict.acceptedBy) {
    const file = a.policy?.file ?? '.github/collapse-guard.yml';
    out.push(...folded(`Waive a blocking finding: paste into ${escapeMarkdown(file)}`, waiverSnippet(blocking, a.today), false));
  }
  out.push(footer(docs, opts));
  return out.join('\n');
}

/** GitHub refuses a step's job summary above 1 MiB. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

/** The job summary (and the CLI's Markdown): the whole report where it fits, else fewer lines, always under GitHub's limit. */
export function renderSummary(a: Analysis, opts: RenderOptions): string {
  let body = '';
  for (const n of [2000, 500, 100, 0]) {
    body = renderMarkdown(a, { ...opts, summary: true, maxFindings: n, maxLines: Math.max(n, 20) });
    if (Buffer.byteLength(body) < MAX_SUMMARY_BYTES - 1024) return body;
  }
  return body.slice(0, 200_000);
}

/** The sticky comment: the report under the marker, shortened to fit GitHub's limit. */
export function renderComment(a: Analysis, opts: RenderOptions): string {
  for (const n of [opts.maxFindings ?? 50, 20, 5]) {
    const body = `${COMMENT_MARKER}\n${renderMarkdown(a, { ...opts, maxFindings: n, maxLines: Math.min(n, 20) })}`;
    if (body.length <= MAX_COMMENT_LENGTH) return body;
  }
  // Still too long (thousands of manifests): the verdict and the checklist.
  return [
    COMMENT_MARKER,
    `### ${verdict(a)}`,
    '',
    '#### Collapse-risk checklist',
    '',
    ...a.checklist.map((i) => checklistLine(i, 200)),
    '',
    `The whole report is too long for a comment: see ${opts.fullReportUrl ? `[the job summary](${opts.fullReportUrl})` : 'the job summary'}.`,
  ].join('\n');
}

/** What the change touched: its manifests and datasets, and the manifests that could not be read. */
function scope(a: Analysis): string {
  const read = a.change.manifests.length;
  const parts = read > 0 || a.unreadable.length === 0 ? [`${plural(read, 'manifest')} changed in ${plural(a.change.datasets.length, 'dataset')}`] : [];
  if (a.unreadable.length > 0) parts.push(`${plural(a.unreadable.length, 'manifest')} not read`);
  return parts.join(', ');
}

function checklistLine(item: ChecklistItem, max = 400): string {
  const evidence = escapeMarkdown(item.evidence, max);
  const text = item.status === 'pass' ? `no problem found (${evidence})` : evidence;
  return `- ${CHECK[item.status]} **${item.mistake}. ${escapeMarkdown(item.title)}**: ${text}`;
}

/** A link to a manifest line at the head commit, or at the base commit for what the change removed. */
type LinkTo = (path: string, line: number, side?: 'base' | 'head') => string | undefined;

function findingLink(a: Analysis, opts: RenderOptions): LinkTo {
  return (path, line, side = 'head') => opts.lineUrl?.(path, line, a.revisions[side]);
}

function lineText(path: string, line: number, link: LinkTo, side: 'base' | 'head' = 'head'): string {
  const text = `${side === 'base' ? 'base ' : ''}line ${line}`;
  const url = link(path, line, side);
  return url ? `[${text}](${url})` : text;
}

/** Findings under the manifest they concern, the most severe manifest first; at most `max` in all. */
function findingGroups(findings: readonly Finding[], docs: string, link: LinkTo, max: number, opts: RenderOptions): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of [...findings].sort(bySeverity)) groups.set(f.manifest, [...(groups.get(f.manifest) ?? []), f]);
  const out: string[] = [];
  let shown = 0;
  for (const [manifest, group] of groups) {
    if (shown >= max) break;
    const dataset = group[0]!.dataset;
    const datasetNote = dataset && dataset !== manifest ? ` · dataset ${escapeMarkdown(dataset, 80)}` : '';
    out.push(`**${code(manifest)}**${datasetNote}`, '');
    for (const f of group.slice(0, max - shown)) out.push(findingLine(f, docs, link));
    shown += Math.min(group.length, max - shown);
    out.push('');
  }
  if (findings.length > shown) out.push(`…and ${plural(findings.length - shown, 'more finding')}${more(opts)}.`, '');
  return out.slice(0, out.at(-1) === '' ? -1 : undefined);
}

function findingLine(f: Finding, docs: string, link: LinkTo): string {
  const line = f.line ? lineText(f.manifest, f.line, link) : f.baseLine ? lineText(f.basePath ?? f.manifest, f.baseLine, link, 'base') : '';
  const where = [f.shard ? code(f.shard, 120) : '', line].filter(Boolean);
  const head = `**${BADGE[f.severity]}** [${f.rule}](${docs}/${f.rule}.md)${where.length ? ` · ${where.join(' · ')}` : ''}`;
  return `- ${head}: ${escapeMarkdown(f.message)}\\\n  ${fixOrWaiver(f)}`;
}

function fixOrWaiver(f: Finding): string {
  const waiver = f.waiver ? `**Waived** until ${escapeMarkdown(f.waiver.expires)}: ${escapeMarkdown(f.waiver.reason)}` : '';
  if (f.waiver && !f.waivedShards) return waiver;
  const expired = f.expiredWaiver ? ` (its waiver expired ${escapeMarkdown(f.expiredWaiver.expires)})` : '';
  const partly = f.waivedShards ? ` ${waiver.replace('**Waived**', `**Waived** for ${f.waivedShards.length} of its shards`)}` : '';
  return `**Fix:** ${escapeWithCode(f.fix)}${expired}${partly}`;
}

/** One line per dataset: what it holds of each origin at base and head, and its synthetic share. */
function datasetLine(d: DatasetDiff): string {
  const status = d.status === 'added' ? ' (new)' : d.status === 'deleted' ? ' (deleted)' : d.previousName ? ` (was ${code(d.previousName, 80)})` : '';
  const members = new Set([...d.members.base, ...d.members.head]).size;
  return (
    `- **${escapeMarkdown(d.name, 120)}**${status}, ${plural(members, 'manifest')}${d.kind === 'recipe' ? ' (recipe)' : ''}: ` +
    `${originAmounts(d.units, d.unit, d.status)} · synthetic share **${shareChange(d)}**`
  );
}

function manifestLine(m: ManifestDiff): string {
  return `- ${m.basePath ? `${code(m.basePath)} → ` : ''}${code(m.path)} ${m.status}: shards ${shardCounts(m)} · ` + originAmounts(m.units, m.unit, sidesOf(m));
}

/** Notes above the checklist: a policy edit to review, waivers that expired or match nothing. */
function notes(a: Analysis): string[] {
  const out: string[] = [];
  const policyFile = code(a.policy?.file ?? 'policy file');
  if (a.policy?.changedByThisChange)
    out.push(`> [!NOTE]\n> This change edits the policy file ${code(a.policy.file)}: review that edit with the data change.`, '');
  if (a.expiredWaivers.length > 0) {
    out.push('> [!WARNING]\n> Expired waivers no longer apply; renew them with a new `expires` date or remove them:');
    for (const w of a.expiredWaivers.slice(0, 10)) {
      out.push(
        `> - ${code(w.rule)}${w.shards ? ` on ${w.shards.map((g) => code(g)).join(', ')}` : ''}, expired ${escapeMarkdown(w.expires)}` +
          `${w.line ? ` (${policyFile} line ${w.line})` : ''}: ${escapeMarkdown(w.reason)}`,
      );
    }
    if (a.expiredWaivers.length > 10) out.push(`> - …and ${plural(a.expiredWaivers.length - 10, 'more expired waiver')}`);
    out.push('');
  }
  if (a.unusedWaivers.length > 0) {
    out.push('> [!NOTE]\n> Waivers that matched nothing in this change (remove them if their data is gone):');
    for (const w of a.unusedWaivers.slice(0, 10)) {
      out.push(
        `> - ${code(w.rule)}${w.shards ? ` on ${w.shards.map((g) => code(g)).join(', ')}` : ''}` +
          `${w.manifests ? ` in ${w.manifests.map((g) => code(g)).join(', ')}` : ''}` +
          `${w.line ? ` (${policyFile} line ${w.line})` : ''}: ${escapeMarkdown(w.reason)}`,
      );
    }
    if (a.unusedWaivers.length > 10) out.push(`> - …and ${plural(a.unusedWaivers.length - 10, 'more unused waiver')}`);
    out.push('');
  }
  return out;
}

/**
 * A policy-file waiver for each blocking finding, ready to paste: its reason is left empty, so
 * that the policy file refuses it until someone writes why the risk is acceptable.
 */
function waiverSnippet(blocking: readonly Finding[], today: string): string[] {
  const expires = new Date(Date.parse(`${today}T00:00:00Z`) + WAIVER_DAYS * 86_400_000).toISOString().slice(0, 10);
  // JSON strings are YAML strings; a backtick could end the code block.
  const quote = (v: string) => JSON.stringify(v).replace(/`/g, '\\u0060');
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const f of blocking) {
    const key = `${f.rule}\0${f.manifest}\0${(f.shards ?? []).join('\0')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (entries.length === MAX_SNIPPET_WAIVERS) break;
    const shards = f.shards?.length
      ? [`    shards: [${f.shards.slice(0, 20).map(quote).join(', ')}]${f.shards.length > 20 ? ` # and ${f.shards.length - 20} more` : ''}`]
      : [];
    entries.push(
      [
        `  - rule: ${f.rule}`,
        `    manifests: [${quote(f.manifest)}]`,
        ...shards,
        '    reason: "" # required: why this risk is acceptable',
        `    expires: ${expires}`,
      ].join('\n'),
    );
  }
  return ['```yaml', 'waivers:', ...entries, '```'];
}

function folded(summary: string, body: string[], open = false): string[] {
  return [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function more(opts: RenderOptions): string {
  return opts.summary ? ' in the JSON report' : opts.fullReportUrl ? ` in [the job summary](${opts.fullReportUrl})` : ' in the job summary';
}

function footer(docs: string, opts: RenderOptions): string {
  const report = opts.fullReportUrl ? ` · [the whole report](${opts.fullReportUrl})` : '';
  return `<sub>[How collapse-guard judges each rule](${docs})${report}</sub>`;
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity);
}
