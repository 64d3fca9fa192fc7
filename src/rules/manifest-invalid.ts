// A manifest the action cannot understand is never passed silently. Like every rule it judges the
// change: a manifest that was already unreadable on the base is inherited, not this change's doing.
// Each problem of an unreadable manifest is its own finding at its line (up to 20 per file).
// Fields a third-party reader could not interpret are reported at the severity of their note.
import type { ManifestProblem } from '../diff/change.js';
import type { ReadNote } from '../formats/model.js';
import { defineRule, plural, type Report } from './types.js';
import { shardList } from './amounts.js';

const FIX = 'Fix the manifest so it parses and validates (see schema/manifest.schema.json for the native format).';

export const manifestInvalid = defineRule({
  meta: {
    id: 'manifest-invalid',
    summary: 'A manifest cannot be parsed or validated.',
    severity: 'high',
    thresholds: {},
    // A manifest that cannot be read is waived only by a waiver that names it.
    waivable: 'named-manifests',
    adjustable: false,
  },
  check({ change, report }) {
    const findings: Report[] = [];
    const baseProblem = (file: string) => change.problems.find((p) => p.side === 'base' && p.file === file);
    const headFiles = new Set(change.problems.filter((p) => p.side === 'head').map((p) => p.file));
    const baseOnly = new Set<string>();
    for (const p of change.problems) {
      if (p.side === 'head') findings.push(headProblem(p, baseProblem(p.file)));
      else if (!headFiles.has(p.file) && !baseOnly.has(p.file)) {
        // Fixed at head: its first problem on the base says enough.
        baseOnly.add(p.file);
        findings.push({
          severity: 'info',
          manifest: p.file,
          line: p.line,
          inherited: true,
          message: `could not be read on the base, so its head is compared with nothing: ${p.detail}`,
          fix: 'Nothing to do: the head version reads correctly.',
        });
      }
    }
    for (const d of change.datasets) {
      for (const m of d.manifests) if (m.head?.notes?.length) findings.push(...noteFindings(m.path, d.name, m.head.notes, m.base?.notes ?? []));
    }
    findings.forEach(report);
  },
});

function headProblem(p: ManifestProblem, onBase: ManifestProblem | undefined): Report {
  if (!onBase) return { severity: 'high', manifest: p.file, line: p.line, message: p.detail, fix: FIX };
  return {
    severity: 'info',
    manifest: p.file,
    line: p.line,
    inherited: true,
    message: `${p.detail} (already unreadable on the base${onBase.detail !== p.detail ? `: ${onBase.detail}` : ''})`,
    fix: FIX,
  };
}

/** One finding per field and severity: a field misread in a thousand entries is one finding, with its count. */
function noteFindings(manifest: string, dataset: string, notes: readonly ReadNote[], baseNotes: readonly ReadNote[]): Report[] {
  const before = new Set(baseNotes.map((n) => `${n.field}\0${n.shard ?? ''}\0${n.detail}`));
  const groups = new Map<string, { notes: ReadNote[]; inherited: boolean }>();
  for (const n of notes) {
    const inherited = before.has(`${n.field}\0${n.shard ?? ''}\0${n.detail}`);
    const key = `${n.field}\0${n.severity}\0${inherited}`;
    const g = groups.get(key) ?? { notes: [], inherited };
    g.notes.push(n);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ notes: group, inherited }) => {
    const [first] = group;
    const shards = group.map((n) => n.shard).filter((s): s is string => s !== undefined);
    return {
      severity: inherited ? 'info' : first!.severity,
      manifest,
      dataset,
      line: first!.line,
      inherited,
      ...(shards.length ? { shards } : {}),
      message:
        group.length === 1
          ? first!.detail
          : `${first!.detail} (and ${plural(group.length - 1, 'more entry', 'more entries')}${shards.length ? `: ${shardList(shards.slice(1))}` : ''})`,
      fix: first!.fix ?? `Nothing blocks on this: the field "${first!.field}" is read as unknown. Correct it in the file if its value matters.`,
    };
  });
}
