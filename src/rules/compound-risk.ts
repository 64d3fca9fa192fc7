// All mistakes compound (SPEC §0): removing or replacing real data while new data lacks
// provenance, or replacing real data while rare data is lost. Judged per dataset, on the findings
// that remain active after severity overrides and waivers; the cause must itself be serious (high
// or above), so that two moderate findings are not escalated to a critical block.
import { defineRule } from './types.js';
import { severityRank } from './severity.js';

const PAIRS: { causes: string[]; with: string[]; why: string }[] = [
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

export const compoundRisk = defineRule({
  meta: {
    id: 'compound-risk',
    summary: 'Mistakes that feed each other occur in the same dataset.',
    severity: 'critical',
    thresholds: {},
    waivable: 'any',
    adjustable: true,
    afterWaivers: true,
  },
  check({ active, report }) {
    const blocking = active.filter((f) => f.severity !== 'info');
    const datasets = [...new Set(blocking.map((f) => f.dataset ?? f.manifest))];
    for (const dataset of datasets) {
      const inDataset = blocking.filter((f) => (f.dataset ?? f.manifest) === dataset);
      for (const pair of PAIRS) {
        const cause = inDataset.find((f) => pair.causes.includes(f.rule) && severityRank(f.severity) >= severityRank('high'));
        const other = inDataset.find((f) => pair.with.includes(f.rule));
        if (!cause || !other) continue;
        report({
          severity: 'critical',
          manifest: cause.manifest,
          dataset: cause.dataset,
          message: `${cause.rule} + ${other.rule}: ${pair.why}`,
          fix: `Fix ${cause.rule} first (keep the real data); then ${other.rule}.`,
        });
      }
    }
  },
});
