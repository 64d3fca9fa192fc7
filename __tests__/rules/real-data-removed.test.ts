import { realDataRemoved } from '../../src/rules/real-data-removed.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[], path = 'data/a.manifest.yaml') => ({ [path]: yamlManifest(shards) });
const dvc = (size: number) => ({ 'data/raw.dvc': `outs:\n- md5: ${'a'.repeat(32)}\n  size: ${size}\n  path: raw\n` });

testRule(realDataRemoved, {
  valid: [
    { name: 'nothing removed', base: m([human('a', 100)]), head: m([human('a', 100), human('b', 1)]) },
    {
      name: 'a shard moved to another manifest of the dataset',
      base: { ...m([human('a', 100), human('b', 100)]), ...m([], 'data/b.manifest.yaml') },
      head: { ...m([human('a', 100)]), ...m([human('b', 100)], 'data/b.manifest.yaml') },
    },
    { name: 'a mixture file deleted', base: { 'mixes/m.txt': 'web,d/web/part-0.npy\n' }, head: {} },
  ],
  invalid: [
    {
      name: "more than 1 % of the dataset's real data removed",
      base: m([human('a', 100), human('b', 100)]),
      head: m([human('a', 100)]),
      findings: [{ severity: 'high', shards: ['b'], message: "real data shrinks by 100 rows (50.0 % of the dataset's base real data)" }],
    },
    {
      name: 'a small removal is medium, graded against untouched manifests of the dataset too',
      base: { ...m([human('a', 100), human('b', 1)]), ...m([human('c', 900)], 'data/c.manifest.yaml') },
      head: { ...m([human('a', 100)]), ...m([human('c', 900)], 'data/c.manifest.yaml') },
      findings: [{ severity: 'medium', message: "real data shrinks by 1 rows (0.1 % of the dataset's base real data)" }],
    },
    {
      name: 'data of unknown origin leaving is medium at most',
      base: dvc(60_000_000),
      head: dvc(14_000_000),
      findings: [{ severity: 'medium', message: expect.stringMatching(/^data of unknown origin \(it may be real\) shrinks by 46 M bytes/) }],
    },
    {
      name: 'a threshold set in the policy',
      base: m([human('a', 100), human('b', 1)]),
      head: m([human('a', 100)]),
      settings: { thresholds: { 'real-removal-high': 0.001 } },
      findings: [{ severity: 'high' }],
    },
  ],
});
