import { accuracyOnlyEvaluation } from '../../src/rules/accuracy-only-evaluation.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (metrics: string[] | undefined, rows = 1) => ({
  'data/a.manifest.yaml': yamlManifest([human('a', rows)], { evaluation: metrics ? { metrics } : undefined }),
});

testRule(accuracyOnlyEvaluation, {
  valid: [
    { name: 'held-out perplexity and tail coverage tracked', base: m(undefined), head: m(['accuracy', 'heldout_real_perplexity', 'tail_coverage']) },
    { name: 'no evaluation block', base: m(undefined), head: m(undefined, 2) },
    { name: 'accuracy only, as on the base (inherited)', base: m(['accuracy']), head: m(['accuracy'], 2) },
  ],
  invalid: [
    {
      name: 'only accuracy-type metrics',
      base: m(undefined),
      head: m(['accuracy', 'f1']),
      findings: [{ severity: 'medium', message: 'evaluation tracks only accuracy-type metrics (accuracy, f1)' }],
    },
  ],
});
