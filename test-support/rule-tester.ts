// A rule on its own, without git: manifests at base and head in memory, read, grouped into their
// datasets and diffed as a pull request's are, then the rule's findings checked against what each
// case expects (in the manner of ESLint's RuleTester). Files equal at both sides are untouched
// members of their datasets.
import { defaultSettings, resolveSettings } from '../src/analysis/settings.js';
import { datasetKeyOf, type ManifestMember } from '../src/datasets/keys.js';
import type { ChangeSet, ManifestProblem } from '../src/diff/change.js';
import { assembleDatasets, type TouchedManifest } from '../src/diff/datasets.js';
import { diffManifest } from '../src/diff/shards.js';
import { fillProvenance } from '../src/formats/fill-provenance.js';
import { formatNamed } from '../src/formats/index.js';
import type { ManifestFile } from '../src/formats/model.js';
import { readManifest } from '../src/formats/read-manifest.js';
import { toFinding, type Finding, type Rule } from '../src/rules/types.js';
import { SourceError } from '../src/text/source-error.js';

export interface RuleCase {
  name: string;
  /** Files at base and head: path → text. A path missing at one side does not exist there. */
  base?: Record<string, string>;
  head?: Record<string, string>;
  /** Settings as the policy file writes them (`thresholds`, `required-provenance`, `datasets`, …). */
  settings?: Record<string, unknown>;
  today?: string;
  /** For a rule that judges what remains active after waivers: those findings. */
  active?: Finding[];
}

export interface InvalidCase extends RuleCase {
  /** The findings the rule reports, in order, each matched as a subset (jest's toMatchObject). */
  findings: Partial<Finding>[];
}

/** The findings `rule` reports on one case. */
export function runRule(rule: Rule, c: RuleCase): Finding[] {
  const settings = c.settings ? resolveSettings([{ kind: 'policy', file: 'policy', values: c.settings }]) : defaultSettings();
  const change = changeOf(c.base ?? {}, c.head ?? {}, settings);
  const found: Finding[] = [];
  rule.check({
    change,
    thresholds: Object.fromEntries(Object.keys(rule.meta.thresholds).map((k) => [k, settings.thresholds[k]!])),
    settings: { today: c.today ?? '2026-12-01', 'required-provenance': settings['required-provenance'] },
    active: c.active ?? [],
    report: (f) => found.push(toFinding(rule.meta.id, f)),
  });
  return found;
}

/** Declares one test per case: valid cases report nothing above info, invalid ones what they list. */
export function testRule(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runRule(rule, c).filter((f) => f.severity !== 'info' && !f.inherited)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runRule(rule, c);
        expect(found).toHaveLength(c.findings.length);
        c.findings.forEach((expected, i) => expect(found[i]).toMatchObject(expected));
      });
    }
  });
}

function changeOf(base: Record<string, string>, head: Record<string, string>, settings: ReturnType<typeof defaultSettings>): ChangeSet {
  const problems: ManifestProblem[] = [];
  const read = (path: string, text: string | undefined, side: 'base' | 'head'): ManifestFile | undefined => {
    if (text === undefined) return undefined;
    try {
      const file = readManifest(path, text, false, settings.limits);
      if (!file) return undefined;
      const filled = fillProvenance(file.dataset, path, settings.provenance);
      return { ...file, dataset: formatNamed(file.format)?.fillDefaults?.(filled) ?? filled };
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      for (const i of e.issues) problems.push({ file: path, line: i.line, detail: i.detail, side });
      return undefined;
    }
  };
  const touched: TouchedManifest[] = [];
  const members = new Map<string, ManifestMember[]>();
  for (const path of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
    const b = read(path, base[path], 'base');
    if (base[path] !== undefined && base[path] === head[path]) {
      if (!b) continue;
      const { key } = datasetKeyOf(path, b, settings.datasets);
      members.set(key, [...(members.get(key) ?? []), { path, format: b.format, kind: formatNamed(b.format)!.kind, data: b.dataset }]);
      continue;
    }
    const h = read(path, head[path], 'head');
    const file = h ?? b;
    if (!file) continue;
    const status = !b ? 'added' : !h ? 'deleted' : 'modified';
    touched.push({
      diff: diffManifest({ path, format: file.format, kind: formatNamed(file.format)!.kind, status, base: b?.dataset, head: h?.dataset, dataset: '' }),
      baseKey: b && datasetKeyOf(path, b, settings.datasets),
      headKey: h && datasetKeyOf(path, h, settings.datasets),
    });
  }
  const datasets = assembleDatasets(touched, members);
  return { manifests: datasets.flatMap((d) => d.manifests), datasets, problems, atBase: new Map() };
}
