// The CLI's report for a terminal: the PR comment's content (verdict, datasets, checklist, findings
// by manifest, data changes, trend) as plain lines, without Markdown or HTML. Bounded: past a
// section's limit the rest is counted and left to `--format json`.
import type { Analysis } from '../analysis/analyse.js';
import type { ChecklistStatus } from '../analysis/checklist.js';
import type { DatasetDiff } from '../diff/datasets.js';
import type { ManifestDiff } from '../diff/shards.js';
import { formatShare } from '../rules/amounts.js';
import { severityRank } from '../rules/severity.js';
import { plural, type Finding, type Waiver } from '../rules/types.js';
import { originAmounts, shardCounts, shareChange, sidesOf } from './change-words.js';
import { plainText } from './escape.js';
import { DEFAULT_DOCS_URL, type RenderOptions } from './markdown.js';

const STATUS: Record<ChecklistStatus, string> = { pass: 'ok', fail: 'FAIL', waived: 'waived', 'not-applicable': 'n/a' };
const INDENT = '  ';

export function renderText(a: Analysis, opts: RenderOptions = {}): string {
  const maxLines = opts.maxLines ?? 50;
  const maxFindings = opts.maxFindings ?? 50;
  const failOn = a.settings['fail-on'];
  const active = a.findings.filter((f) => !f.inherited && !f.waived);
  const waived = a.findings.filter((f) => f.waived);
  const inherited = a.findings.filter((f) => f.inherited && !f.waived);
  const deciding = active.filter((f) => a.blocking.includes(f));
  const below = active.filter((f) => !a.blocking.includes(f));
  const out: string[] = [];

  out.push(verdictLine(a));
  out.push(
    `${INDENT}base ${a.revisions.base.slice(0, 7)} → head ${a.revisions.head.slice(0, 7)} · fail-on ${failOn} · ` +
      `${plural(a.change.manifests.length, 'manifest')} changed in ${plural(a.change.datasets.length, 'dataset')} · ` +
      `${plural(active.length, 'finding')}${waived.length ? `, ${waived.length} waived` : ''}`,
  );
  if (a.unreadable.length > 0) {
    out.push('', `Not checked: ${a.unreadable.length === 1 ? 'this manifest' : 'these manifests'} could not be read`);
    out.push(...bounded(a.unreadable, maxLines, 'more manifest', (f) => `${INDENT}${where(f)}: ${plainText(f.message)}`));
  }
  out.push(...notes(a));

  section(out, 'Datasets', bounded(a.change.datasets, maxLines, 'more dataset', datasetLine));
  section(
    out,
    'Collapse-risk checklist',
    a.checklist.map((i) => {
      const evidence = plainText(i.evidence, 400);
      return `${INDENT}${STATUS[i.status].padEnd(6)} ${i.mistake}. ${i.title}: ${i.status === 'pass' ? `no problem found (${evidence})` : evidence}`;
    }),
  );
  section(out, `Findings at or above fail-on (${failOn})`, findingGroups(deciding, maxFindings));
  section(out, `Findings below fail-on (${failOn}), not failing the check`, findingGroups(below, maxFindings));
  section(out, 'Waived by the policy file, not counted', findingGroups(waived, maxFindings));
  section(out, 'Inherited from the base, not blocking', findingGroups(inherited, maxFindings));
  section(out, 'Data changes', bounded(a.change.manifests, maxLines, 'more manifest', manifestLine));
  section(
    out,
    'Synthetic share over time (commits of the base branch, then this change)',
    a.trends.map(
      (t) =>
        `${INDENT}${plainText(t.dataset, 120)} (by ${t.unit}): ` +
        t.points.map((p) => `${formatShare(p.share)} (${p.commit ? `${p.commit.slice(0, 7)}${p.date ? ` ${p.date}` : ''}` : 'this change'})`).join(' → '),
    ),
  );
  out.push('', `How each rule judges: ${opts.docsUrl ?? DEFAULT_DOCS_URL}`);
  return out.join('\n');
}

/** What fails the check and whether it does, in the engine's words. */
function verdictLine(a: Analysis): string {
  if (a.verdict.fails) return `FAIL: ${plainText(a.verdict.summary, 1000)}: the check fails`;
  if (a.verdict.accepted) return `PASS: ${plainText(a.verdict.summary, 1000)}`;
  if (a.risk === 'none') return 'PASS: no collapse risk found';
  return `PASS: collapse risk is ${a.risk}, below fail-on (${a.settings['fail-on']}): the check passes`;
}

/** A titled block, left out when it has no lines. */
function section(out: string[], title: string, lines: string[]): void {
  if (lines.length > 0) out.push('', title, ...lines);
}

function bounded<T>(items: readonly T[], max: number, more: string, line: (item: T) => string): string[] {
  const lines = items.slice(0, max).map(line);
  if (items.length > max) lines.push(`${INDENT}…and ${plural(items.length - max, more)} (--format json lists them all)`);
  return lines;
}

/** Findings under the manifest they concern, the most severe first; at most `max` in all. */
function findingGroups(findings: readonly Finding[], max: number): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of [...findings].sort((x, y) => severityRank(y.severity) - severityRank(x.severity)))
    groups.set(f.manifest, [...(groups.get(f.manifest) ?? []), f]);
  const out: string[] = [];
  let shown = 0;
  for (const [manifest, group] of groups) {
    if (shown >= max) break;
    const dataset = group[0]!.dataset;
    out.push(`${INDENT}${plainText(manifest)}${dataset && dataset !== manifest ? ` (dataset ${plainText(dataset, 80)})` : ''}`);
    for (const f of group.slice(0, max - shown)) out.push(...findingLines(f));
    shown += Math.min(group.length, max - shown);
  }
  if (findings.length > shown) out.push(`${INDENT}…and ${plural(findings.length - shown, 'more finding')} (--format json lists them all)`);
  return out;
}

function findingLines(f: Finding): string[] {
  const at = [f.shard ? `shard ${plainText(f.shard, 120)}` : '', f.line ? `line ${f.line}` : f.baseLine ? `base line ${f.baseLine}` : ''].filter(Boolean);
  const pad = `${INDENT}${INDENT}${' '.repeat(9)}`;
  const lines = [`${INDENT}${INDENT}${f.severity.padEnd(8)} ${f.rule}${at.length ? ` · ${at.join(' · ')}` : ''}: ${plainText(f.message)}`];
  if (f.waiver) lines.push(`${pad}waived${f.waivedShards ? ` for ${plural(f.waivedShards.length, 'shard')}` : ''} until ${waiverText(f.waiver)}`);
  if (!f.waiver || f.waivedShards) {
    const expired = f.expiredWaiver ? ` (its waiver expired ${plainText(f.expiredWaiver.expires, 20)})` : '';
    lines.push(`${pad}fix: ${plainText(f.fix.replace(/`/g, ''), 1000)}${expired}`);
  }
  return lines;
}

function where(f: Finding): string {
  return `${plainText(f.manifest)}${f.line ? `:${f.line}` : ''}`;
}

function globs(list: readonly string[]): string {
  return `${list
    .slice(0, 5)
    .map((g) => plainText(g, 120))
    .join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''}`;
}

function waiverText(w: Waiver): string {
  return `${plainText(w.expires, 20)}: ${plainText(w.reason, 200)}`;
}

function datasetLine(d: DatasetDiff): string {
  const status = d.status === 'added' ? ' (new)' : d.status === 'deleted' ? ' (deleted)' : d.previousName ? ` (was ${plainText(d.previousName, 80)})` : '';
  const members = new Set([...d.members.base, ...d.members.head]).size;
  return (
    `${INDENT}${plainText(d.name, 120)}${status}, ${plural(members, 'manifest')}${d.kind === 'recipe' ? ' (recipe)' : ''}: ` +
    `${originAmounts(d.units, d.unit, d.status)} · synthetic share ${shareChange(d)}`
  );
}

function manifestLine(m: ManifestDiff): string {
  return (
    `${INDENT}${m.basePath ? `${plainText(m.basePath)} → ` : ''}${plainText(m.path)} ${m.status}: shards ${shardCounts(m)} · ` +
    originAmounts(m.units, m.unit, sidesOf(m))
  );
}

/** A policy edit to review, waivers that expired or match nothing. */
function notes(a: Analysis): string[] {
  const out: string[] = [];
  const file = plainText(a.policy?.file ?? 'the policy file');
  if (a.policy?.changedByThisChange) out.push('', `Note: this change edits the policy file ${file}: review that edit with the data change.`);
  const list = (title: string, waivers: readonly Waiver[]) => {
    if (waivers.length === 0) return;
    out.push('', title);
    out.push(
      ...bounded(waivers, 10, 'more waiver', (w) => {
        const scope = `${w.shards ? ` on ${globs(w.shards)}` : ''}${w.manifests ? ` in ${globs(w.manifests)}` : ''}`;
        return `${INDENT}${w.rule}${scope}${w.line ? ` (${file} line ${w.line})` : ''}, expires ${waiverText(w)}`;
      }),
    );
  };
  list('Expired waivers no longer apply; renew them with a new expires date or remove them:', a.expiredWaivers);
  list('Waivers that matched nothing in this change (remove them if their data is gone):', a.unusedWaivers);
  return out;
}
