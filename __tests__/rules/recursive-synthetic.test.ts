import { recursiveSynthetic } from '../../src/rules/recursive-synthetic.js';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[]) => ({ 'data/a.manifest.yaml': yamlManifest(shards) });
const gen = (id: string, generator: object) => synthetic(id, 1, { generator: { model: 'g', ...generator }, verified: undefined });

testRule(recursiveSynthetic, {
  valid: [{ name: 'depth 1', base: m([human('a', 1)]), head: m([human('a', 1), gen('s', { depth: 1 })]) }],
  invalid: [
    {
      name: 'depth 2 is medium',
      base: m([human('a', 1)]),
      head: m([human('a', 1), gen('s', { depth: 2 })]),
      findings: [{ severity: 'medium', message: 'generation depth 2: synthetic data made from synthetic data' }],
    },
    { name: 'depth 3 is high', base: m([human('a', 1)]), head: m([human('a', 1), gen('s', { depth: 3 })]), findings: [{ severity: 'high' }] },
    {
      name: 'a generator trained on this dataset',
      base: m([human('a', 1)]),
      head: m([human('a', 1), gen('s', { depth: 1, trained_on: ['test-data'] })]),
      findings: [{ severity: 'high', message: expect.stringContaining('trained on this dataset (test-data)') }],
    },
  ],
});
