import { rareDataDropped } from '../../src/rules/rare-data-dropped.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[]) => ({ 'data/a.manifest.yaml': yamlManifest(shards) });
const rare = (rows: number, extra: object = {}) => human('sw', rows, { tags: ['rare'], ...extra });

testRule(rareDataDropped, {
  valid: [
    { name: 'a rare shard kept', base: m([human('a', 100), rare(100)]), head: m([human('a', 100), rare(100), human('b', 1)]) },
    { name: 'a rare shard shrinking by 20 % at most', base: m([human('a', 100), rare(100)]), head: m([human('a', 100), rare(80, { sha256: 'v2' })]) },
  ],
  invalid: [
    {
      name: 'a rare shard removed',
      base: m([human('a', 100), rare(100)]),
      head: m([human('a', 100)]),
      findings: [{ severity: 'high', shards: ['sw'], baseLine: 5 }],
    },
    {
      name: 'a rare shard losing a third',
      base: m([human('a', 100), rare(90)]),
      head: m([human('a', 100), rare(60, { sha256: 'v2' })]),
      findings: [{ severity: 'high', message: expect.stringContaining('loses 33.3 % of its rows (90 → 60)') }],
    },
  ],
});
