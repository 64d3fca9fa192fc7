// The PR comment and job summary (SPEC §8): verdict, checklist, findings, data changes.
import { markdownTable } from 'markdown-table';
import type { Analysis } from '../analysis/analyse.js';
import type { ManifestDiff } from '../diff/shards.js';
import type { DatasetDiff } from '../diff/datasets.js';
import { formatAmount, formatShare, shardList } from '../rules/amounts.js';
import { plural, type Finding } from '../rules/types.js';
import { reaches, severityRank, type FailOn, type Risk, type Severity } from '../rules/severity.js';
import type { ChecklistStatus } from '../analysis/checklist.js';
import { code, escapeMarkdown, escapeWithCode } from './escape.js';

/** Hidden first line that identifies the sticky comment. */
export const COMMENT_MARKER = '<!-- collapse-guard:sticky-comment -->';
/** GitHub rejects comments longer than this. */
export const MAX_COMMENT_LENGTH = 65536;
export const DEFAULT_DOCS_URL = 'https://github.com/collapse-guard/collapse-guard/blob/main/docs/rules';

export interface RenderOptions {
  docsUrl?: string;
  /** Where the full report is, for a comment that had to be shortened. */
  fullReportHint?: string;
  /** Most finding rows in the table; the rest are counted. */
  maxFindingRows?: number;
}

const BADGE: Record<Severity, string> = { critical: '⛔ critical', high: '🔴 high', medium: '🟠 medium', low: '🟡 low', info: '🔵 info' };
const CHECK: Record<ChecklistStatus, string> = { pass: '✅', fail: '❌', waived: '☑️', 'not-applicable': '➖' };

export function verdict(risk: Risk, failOn: FailOn, acceptedBy?: string): string {
  if (risk === 'none') return '✅ **No collapse risk found.**';
  const level = BADGE[risk as Severity];
  if (acceptedBy && reaches(risk, failOn)) {
    return `☑️ **Collapse risk: ${level}, accepted.** The label \`${escapeMarkdown(acceptedBy, 100)}\` accepts the findings below; the check passes.`;
  }
  return reaches(risk, failOn)
    ? `❌ **Collapse risk: ${level}.** This change fails the check (fail-on: ${failOn}).`
    : `⚠️ **Collapse risk: ${level}.** Below the fail-on level (${failOn}); the check passes.`;
}

export function renderMarkdown(a: Analysis, opts: RenderOptions): string {
  const docs = opts.docsUrl ?? DEFAULT_DOCS_URL;
  const active = a.findings.filter((f) => !f.inherited && !f.waived).sort(bySeverity);
  const inherited = a.findings.filter((f) => f.inherited && !f.waived);
  const changed = a.change.manifests;
  const parts: string[] = [];

  const waived = a.findings.filter((f) => f.waived || f.waivedShards);
  parts.push(`### collapse-guard: training-data review`, '', verdict(a.risk, a.settings['fail-on'], a.verdict.acceptedBy), '');
  const waivedUnreadable = a.findings.filter((f) => f.rule === 'manifest-invalid' && f.waived && f.severity !== 'info');
  if (waivedUnreadable.length > 0) {
    parts.push(
      `> [!WARNING]\n> **${waivedUnreadable.length} manifest(s) could not be read**, and a waiver in the policy file covers them: ` +
        `${waivedUnreadable
          .slice(0, 5)
          .map((f) => `${code(f.manifest)} (until ${escapeMarkdown(f.waiver?.expires)}: ${escapeMarkdown(f.waiver?.reason, 120)})`)
          .join(', ')}` +
        `${waivedUnreadable.length > 5 ? ', …' : ''}. Nothing in them was checked.`,
      '',
    );
  }
  if (a.unreadable.length > 0) {
    parts.push(
      `**Could not read ${a.unreadable.length} manifest(s)**${a.verdict.acceptedBy ? `, accepted by the label ${code(a.verdict.acceptedBy)}` : ''}: ` +
        `${a.unreadable
          .slice(0, 5)
          .map((f) => `${code(f.manifest)}${f.line ? ` line ${f.line}` : ''}`)
          .join(', ')}${a.unreadable.length > 5 ? ', …' : ''}. ` +
        'A manifest that cannot be read is never passed silently.',
      '',
    );
  }
  parts.push(
    `Compared \`${a.revisions.base.slice(0, 7)}\` (merge-base) → \`${a.revisions.head.slice(0, 7)}\`: ` +
      `${changed.length} manifest(s) changed in ${a.change.datasets.length} dataset(s), ${active.length} finding(s)` +
      `${waived.length ? `, ${waived.length} waived` : ''}.`,
    '',
  );
  for (const d of a.change.datasets.slice(0, 20)) parts.push(datasetLine(d));
  if (a.change.datasets.length > 20) parts.push(`- …and ${a.change.datasets.length - 20} more dataset(s): see the JSON report.`);
  if (a.change.datasets.length > 0) parts.push('');
  if (a.policy?.changedByThisChange) {
    parts.push(`> [!NOTE]\n> This change edits the policy file ${code(a.policy.file)}: review that edit with the data change.`, '');
  }
  if (a.expiredWaivers.length > 0) {
    parts.push('> [!WARNING]\n> Expired waivers no longer apply; renew them with a new `expires` date or remove them:');
    for (const w of a.expiredWaivers) {
      parts.push(
        `> - ${code(w.rule)}${w.shards ? ` on ${w.shards.map((g) => code(g)).join(', ')}` : ''}, expired ${escapeMarkdown(w.expires)}` +
          `${w.line ? ` (${code(a.policy?.file ?? 'policy file')} line ${w.line})` : ''}: ${escapeMarkdown(w.reason)}`,
      );
    }
    parts.push('');
  }
  if (a.unusedWaivers.length > 0) {
    parts.push('> [!NOTE]\n> Waivers that matched nothing in this change (remove them if their data is gone):');
    for (const w of a.unusedWaivers.slice(0, 10)) {
      parts.push(
        `> - ${code(w.rule)}${w.shards ? ` on ${w.shards.map((g) => code(g)).join(', ')}` : ''}` +
          `${w.manifests ? ` in ${w.manifests.map((g) => code(g)).join(', ')}` : ''}` +
          `${w.line ? ` (${code(a.policy?.file ?? 'policy file')} line ${w.line})` : ''}: ${escapeMarkdown(w.reason)}`,
      );
    }
    if (a.unusedWaivers.length > 10) parts.push(`> - …and ${a.unusedWaivers.length - 10} more.`);
    parts.push('');
  }

  parts.push('#### Collapse-risk checklist', '');
  for (const item of a.checklist) {
    parts.push(`- ${CHECK[item.status]} **${item.mistake}. ${escapeMarkdown(item.title)}**: ${escapeMarkdown(item.evidence, 400)}`);
  }
  parts.push('');

  if (active.length > 0) {
    const heading = a.verdict.acceptedBy && reaches(a.risk, a.settings['fail-on']) ? '#### Findings accepted by label' : '#### Findings';
    parts.push(heading, '', findingsTable(active, docs, opts.maxFindingRows), '');
  }
  if (changed.length > 0) parts.push('#### Data changes', '', changesTable(changed, opts.maxFindingRows), '');
  const fullyWaived = a.findings.filter((f) => f.waived);
  if (fullyWaived.length > 0) {
    parts.push(
      `<details><summary>Waived by the policy file, not counted (${fullyWaived.length})</summary>`,
      '',
      findingsTable(fullyWaived, docs, opts.maxFindingRows),
      '',
      '</details>',
      '',
    );
  }
  if (inherited.length > 0) {
    parts.push(
      `<details><summary>Inherited from the base, not blocking (${inherited.length})</summary>`,
      '',
      findingsTable(inherited, docs, opts.maxFindingRows),
      '',
      '</details>',
      '',
    );
  }
  parts.push(`<sub>collapse-guard · fail-on: ${a.settings['fail-on']} · [rules](${docs}) · ${a.findings.length} finding(s) in the JSON report</sub>`);
  return parts.join('\n');
}

/** GitHub refuses a step's job summary above 1 MiB. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

/**
 * The job summary (and the CLI's Markdown): the whole report where it fits, else fewer rows, so
 * it always stays under GitHub's limit and readable; the JSON report has every finding.
 */
export function renderSummary(a: Analysis, opts: RenderOptions): string {
  let body = '';
  for (const rows of [2000, 500, 100, 0]) {
    body = renderMarkdown(a, { ...opts, maxFindingRows: rows, fullReportHint: opts.fullReportHint ?? 'the JSON report' });
    if (Buffer.byteLength(body) < MAX_SUMMARY_BYTES - 1024) return body;
  }
  return body.slice(0, 200_000);
}

/** The sticky comment: the report under the marker, shortened to fit GitHub's limit. */
export function renderComment(a: Analysis, opts: RenderOptions): string {
  const hint = opts.fullReportHint ?? 'the job summary';
  for (const rows of [opts.maxFindingRows ?? 100, 20, 0]) {
    const body = `${COMMENT_MARKER}\n${renderMarkdown(a, { ...opts, maxFindingRows: rows })}`;
    if (body.length <= MAX_COMMENT_LENGTH) return body;
  }
  // Still too long (thousands of manifests): verdict and checklist only.
  const checklist = a.checklist.map((i) => `- ${CHECK[i.status]} **${i.mistake}. ${i.title}**: ${escapeMarkdown(i.evidence, 200)}`);
  return [
    COMMENT_MARKER,
    '### collapse-guard: training-data review',
    '',
    verdict(a.risk, a.settings['fail-on'], a.verdict.acceptedBy),
    '',
    '#### Collapse-risk checklist',
    '',
    ...checklist,
    '',
    `The full report is too long for a comment: see ${hint}.`,
  ].join('\n');
}

function findingsTable(findings: Finding[], docs: string, maxRows = Infinity): string {
  const shown = findings.slice(0, maxRows);
  const rows = shown.map((f) => [
    BADGE[f.severity],
    `[${f.rule}](${docs}/${f.rule}.md)`,
    `${code(f.manifest)}${f.line ? `:${f.line}` : ''}`,
    code(f.shard ?? ''),
    `${escapeMarkdown(f.message)}<br>${fixOrWaiver(f)}`,
  ]);
  const table = markdownTable([['Severity', 'Rule', 'Manifest', 'Shard', 'What and how to fix'], ...rows], { alignDelimiters: false });
  const rest = findings.length - shown.length;
  return rest > 0 ? `${table}\n\n…and ${rest} more finding(s): see the job summary or the JSON report.` : table;
}

function changesTable(all: ManifestDiff[], maxRows = Infinity): string {
  const manifests = all.slice(0, maxRows);
  const rows = manifests.map((m) => [
    `${m.basePath ? `${code(m.basePath)} → ` : ''}${code(m.path)}`,
    m.status,
    `+${m.counts.added} −${m.counts.removed} ~${m.counts.modified} ↪${m.counts.renamed} =${m.counts.unchanged}`,
    `${formatAmount(m.units.base.real, m.unit)} → ${formatAmount(m.units.head.real, m.unit)}`,
    `${formatAmount(m.units.base.synthetic, m.unit)} → ${formatAmount(m.units.head.synthetic, m.unit)}`,
    `${formatAmount(m.units.base.unknown, m.unit)} → ${formatAmount(m.units.head.unknown, m.unit)}`,
  ]);
  const table = markdownTable(
    [['Manifest', 'Status', 'Shards (+added −removed ~modified ↪renamed =unchanged)', 'Real', 'Synthetic', 'Unknown origin'], ...rows],
    { alignDelimiters: false },
  );
  const rest = all.length - manifests.length;
  return rest > 0 ? `${table}\n\n…and ${rest} more manifest(s): see the job summary or the JSON report.` : table;
}

/** One line per dataset: what it holds of each origin at base and head, and its synthetic share. */
function datasetLine(d: DatasetDiff): string {
  const amounts = (k: 'real' | 'synthetic' | 'unknown') =>
    d.status === 'added'
      ? formatAmount(d.units.head[k], d.unit)
      : d.status === 'deleted'
        ? `${formatAmount(d.units.base[k], d.unit)} → none`
        : `${formatAmount(d.units.base[k], d.unit)} → ${formatAmount(d.units.head[k], d.unit)}`;
  const share = d.status === 'added' ? formatShare(d.share.head) : `${formatShare(d.share.base)} → ${formatShare(d.share.head)}`;
  const status = d.status === 'added' ? ' (new)' : d.status === 'deleted' ? ' (deleted)' : d.previousName ? ` (was ${code(d.previousName)})` : '';
  const members = new Set([...d.members.base, ...d.members.head]).size;
  return (
    `- **${escapeMarkdown(d.name, 120)}**${status}, ${plural(members, 'manifest')}${d.kind === 'recipe' ? ' (recipe)' : ''}: ` +
    `real ${amounts('real')} · synthetic ${amounts('synthetic')} · unknown ${amounts('unknown')} · synthetic share ${share}`
  );
}

function fixOrWaiver(f: Finding): string {
  if (f.waiver && f.waivedShards) {
    const waived = `**Waived** for ${escapeMarkdown(shardList(f.waivedShards))} until ${escapeMarkdown(f.waiver.expires)}: ${escapeMarkdown(f.waiver.reason)}`;
    return `**Fix:** ${escapeWithCode(f.fix)}<br>${waived}`;
  }
  if (f.waiver) return `**Waived** until ${escapeMarkdown(f.waiver.expires)}: ${escapeMarkdown(f.waiver.reason)}`;
  const expired = f.expiredWaiver ? ` (its waiver expired ${escapeMarkdown(f.expiredWaiver.expires)})` : '';
  return `**Fix:** ${escapeWithCode(f.fix)}${expired}`;
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity);
}
