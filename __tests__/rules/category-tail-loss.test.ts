import { categoryTailLoss } from '../../src/rules/category-tail-loss.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (sw: number | undefined) => ({
  'data/a.manifest.yaml': yamlManifest([human('a', 1000, { categories: { en: 900, ...(sw !== undefined ? { sw } : {}) } })]),
});
const mix = (sources: Record<string, number>) => ({
  'mixes/m.txt':
    Object.entries(sources)
      .flatMap(([s, n]) => Array.from({ length: n }, (_, i) => `${s},d/${s}/part-${i}.npy`))
      .join('\n') + '\n',
});

testRule(categoryTailLoss, {
  valid: [
    { name: 'a category kept', base: m(100), head: m(90) },
    { name: 'a mixture source diluted by new ones', base: mix({ web: 9, wiki: 1 }), head: mix({ web: 9, wiki: 1, code: 90 }) },
    { name: 'a mixture file deleted', base: mix({ web: 9, wiki: 1 }), head: {} },
  ],
  invalid: [
    { name: 'a category disappearing', base: m(100), head: m(undefined), findings: [{ severity: 'high', message: 'category "sw" disappears (100 → 0)' }] },
    {
      name: 'a category shrinking by more than half',
      base: m(100),
      head: m(30),
      findings: [{ severity: 'medium', message: 'category "sw" shrinks by 70.0 % (100 → 30)' }],
    },
    {
      name: 'a mixture source leaving',
      base: mix({ web: 9, wiki: 1 }),
      head: mix({ web: 9 }),
      findings: [{ severity: 'high', shards: ['wiki'], message: 'mixture source leaves the mix (share 10.0 % → 0)' }],
    },
    {
      name: 'every source of a mix replaced',
      base: mix({ wiki: 3 }),
      head: mix({ web: 3 }),
      findings: [{ severity: 'medium', message: expect.stringMatching(/^every source of the mix is replaced/) }],
    },
  ],
});
