import { syntheticShare } from '../../src/rules/synthetic-share.js';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[]) => ({ 'data/a.manifest.yaml': yamlManifest(shards) });
const unverified = (id: string, rows: number) => synthetic(id, rows, { generator: { model: 'g' } });

testRule(syntheticShare, {
  valid: [
    { name: 'no synthetic data', base: m([human('a', 100)]), head: m([human('a', 100), human('b', 5)]) },
    { name: 'the share falls', base: m([human('a', 100), unverified('s', 100)]), head: m([human('a', 300), unverified('s', 100)]) },
    { name: 'a small rise is info', base: m([human('a', 100)]), head: m([human('a', 100), unverified('s', 10)]) },
  ],
  invalid: [
    {
      name: 'medium from 33 %',
      base: m([human('a', 100)]),
      head: m([human('a', 100), unverified('s', 60)]),
      findings: [{ severity: 'medium', message: 'synthetic share of dataset test-data 0.0 % → 37.5 % (by rows)' }],
    },
    { name: 'high from 50 %', base: m([human('a', 100)]), head: m([human('a', 100), unverified('s', 100)]), findings: [{ severity: 'high' }] },
    {
      name: 'critical when real data falls below 10 %',
      base: m([human('a', 100)]),
      head: m([human('a', 100), unverified('s', 1000)]),
      findings: [{ severity: 'critical' }],
    },
    {
      name: 'verified synthetic data one level lower',
      base: m([human('a', 100)]),
      head: m([human('a', 100), synthetic('s', 100)]),
      findings: [{ severity: 'medium', message: expect.stringContaining('all synthetic shards verified') }],
    },
    {
      name: 'a dataset new in this change, medium at most',
      head: m([unverified('s', 100)]),
      findings: [{ severity: 'medium', message: expect.stringContaining('a new dataset, so medium at most') }],
    },
  ],
});
