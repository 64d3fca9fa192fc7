import { unverifiedSynthetic } from '../../src/rules/unverified-synthetic.js';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[]) => ({ 'data/a.manifest.yaml': yamlManifest(shards) });
const unverified = (id: string) => synthetic(id, 10, { generator: { model: 'g' } });

testRule(unverifiedSynthetic, {
  valid: [
    { name: 'verified synthetic data', base: m([human('a', 1)]), head: m([human('a', 1), synthetic('s', 10)]) },
    { name: 'unverified synthetic data already on the base, untouched', base: m([human('a', 1), unverified('s')]), head: m([human('a', 2), unverified('s')]) },
  ],
  invalid: [
    {
      name: 'an added unverified synthetic shard',
      base: m([human('a', 1)]),
      head: m([human('a', 1), unverified('s')]),
      findings: [{ severity: 'low', shards: ['s'] }],
    },
    {
      name: 'several are one finding',
      base: m([human('a', 1)]),
      head: m([human('a', 1), unverified('s1'), unverified('s2')]),
      findings: [
        { severity: 'low', shards: ['s1', 's2'], message: '2 added or changed synthetic shards have no verification (verified or generator.verified)' },
      ],
    },
  ],
});
