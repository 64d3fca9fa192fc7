// Mistake 3: measuring only task accuracy. Benchmarks sit in the centre of the distribution;
// tails die without moving the headline number.
import type { Dataset } from '../formats/model.js';
import { defineRule } from './types.js';

/** Metrics that see the tails or the spread of the distribution, not only the centre. */
const DISTRIBUTIONAL =
  /perplex|\bppl\b|loss|nll|likelihood|varian|divers|entropy|tail|coverage|calibrat|distinct|self[-_]?bleu|mauve|per[-_]?(category|class|group)|worst|held[-_]?out|rare|minority|subgroup|fairness/i;

export function distributionalMetrics(metrics: readonly string[]): string[] {
  return metrics.filter((m) => DISTRIBUTIONAL.test(m));
}

/** True when the dataset declares evaluation metrics and all of them are accuracy-type. */
export function isAccuracyOnly(d: Dataset | undefined): boolean {
  const metrics = d?.evaluation?.metrics ?? [];
  return metrics.length > 0 && distributionalMetrics(metrics).length === 0;
}

const FIX =
  'Also track held-out real-data perplexity, output diversity/variance and per-category (tail) coverage, ' +
  'e.g. `metrics: [accuracy, heldout_real_perplexity, tail_coverage]`.';

export const accuracyOnlyEvaluation = defineRule({
  meta: {
    id: 'accuracy-only-evaluation',
    mistake: 3,
    summary: 'The evaluation tracks only accuracy-type metrics.',
    severity: 'medium',
    thresholds: {},
    waivable: 'any',
    adjustable: true,
  },
  check({ change, report }) {
    for (const m of change.manifests) {
      if (!isAccuracyOnly(m.head)) continue;
      const metrics = m.head!.evaluation!.metrics.join(', ');
      const dataset = change.datasets.find((d) => d.key === m.dataset)?.name;
      report({
        severity: isAccuracyOnly(m.base) ? 'info' : 'medium',
        manifest: m.path,
        dataset,
        inherited: isAccuracyOnly(m.base),
        message: `evaluation tracks only accuracy-type metrics (${metrics})${isAccuracyOnly(m.base) ? ', as on the base' : ''}`,
        fix: FIX,
      });
    }
  },
});
