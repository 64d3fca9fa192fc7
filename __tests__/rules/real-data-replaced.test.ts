import { realDataReplaced } from '../../src/rules/real-data-replaced.js';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const M = 'data/train.manifest.yaml';
const m = (shards: object[]) => ({ [M]: yamlManifest(shards) });
const MIX = 'mixes/main.txt';
const mix = (sources: Record<string, number>) =>
  Object.entries(sources)
    .flatMap(([dir, n]) => Array.from({ length: n }, (_, i) => `preprocessed/${dir}/part-${i}-00000.npy`))
    .join('\n') + '\n';

testRule(realDataReplaced, {
  valid: [
    { name: 'synthetic data added beside all the real data', base: m([human('a', 100)]), head: m([human('a', 100), synthetic('s', 50)]) },
    {
      name: 'real data swapped for the same amount of other real data, synthetic added',
      base: m([human('a', 100)]),
      head: m([human('b', 100), synthetic('s', 10)]),
    },
    { name: 'a label corrected from human to synthetic on the same content', base: m([human('a', 100)]), head: m([human('a', 100, { origin: 'synthetic' })]) },
    { name: 'a dataset new in this change', head: m([synthetic('s', 10)]) },
    {
      name: 'real data removed from one dataset, synthetic added to another',
      base: m([human('a', 100), human('b', 100)]),
      head: { ...m([human('a', 100)]), 'other.manifest.yaml': yamlManifest([synthetic('s', 9)], { dataset: 'other' }) },
    },
    { name: 'a mix that only grows', base: { [MIX]: mix({ web: 9 }) }, head: { [MIX]: mix({ web: 9, tinyGSM: 3 }) } },
  ],
  invalid: [
    {
      name: 'a human shard removed while synthetic data arrives',
      base: m([human('a', 100), human('b', 100)]),
      head: m([human('a', 100), synthetic('b-synth', 100)]),
      findings: [{ severity: 'high', shards: ['b'], message: '1 human shard removed (100 rows) while synthetic data was added to the same dataset (b-synth)' }],
    },
    {
      name: 'a human shard rewritten as synthetic content',
      base: m([human('a', 100)]),
      head: m([human('a', 100, { origin: 'synthetic', sha256: 'regenerated' })]),
      findings: [{ severity: 'high', shards: ['a'], message: expect.stringContaining('rewritten as synthetic data') }],
    },
    {
      name: 'sources of unknown origin cut in a mix while synthetic ones arrive',
      base: { [MIX]: mix({ books: 40, web: 60 }) },
      head: { [MIX]: mix({ books: 10, web: 60, personahub: 30 }) },
      findings: [{ severity: 'medium', message: expect.stringMatching(/^sources of unknown origin give way to synthetic ones/) }],
    },
  ],
});
