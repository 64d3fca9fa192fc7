// The mistakes feed each other (SPEC §0): removing or replacing real data while new data lacks
// provenance, or replacing real data while rare data is lost. Judged on the findings that remain
// active after severity overrides and waivers.
import type { Finding, RuleId } from './types.js';
import { finding } from './types.js';

const PAIRS: { causes: RuleId[]; with: RuleId[]; why: string }[] = [
  {
    causes: ['real-data-replaced', 'real-data-removed'],
    with: ['missing-provenance'],
    why: 'real data is removed or replaced while the new data has no provenance: nothing downstream can measure the damage',
  },
  {
    causes: ['real-data-replaced'],
    with: ['rare-data-dropped', 'category-tail-loss'],
    why: 'real data is replaced while rare data is lost: the tails go first and nothing is left to restore them',
  },
];

export function compoundRisk(active: readonly Finding[]): Finding[] {
  const blocking = active.filter((f) => f.severity !== 'info');
  const out: Finding[] = [];
  for (const pair of PAIRS) {
    const cause = blocking.find((f) => pair.causes.includes(f.rule));
    const other = blocking.find((f) => pair.with.includes(f.rule));
    if (!cause || !other) continue;
    out.push(finding({
      rule: 'compound-risk', severity: 'critical', manifest: cause.manifest,
      message: `${cause.rule} + ${other.rule}: ${pair.why}`,
      fix: `Fix ${cause.rule} first (keep the real data); then ${other.rule}.`,
    }));
  }
  return out;
}
