import { missingProvenance } from '../../src/rules/missing-provenance.js';
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const m = (shards: object[]) => ({ 'data/a.manifest.yaml': yamlManifest(shards) });

testRule(missingProvenance, {
  valid: [
    { name: 'a fully documented shard added', base: m([human('a', 1)]), head: m([human('a', 1), human('b', 1)]) },
    { name: 'a gap already on the base (inherited)', base: m([{ id: 'x', rows: 1 }]), head: m([{ id: 'x', rows: 1 }, human('b', 1)]) },
    {
      name: 'a field the policy does not require',
      base: m([human('a', 1)]),
      head: m([human('a', 1), human('b', 1, { collected: undefined })]),
      settings: { 'required-provenance': ['origin'] },
    },
    {
      name: 'a mixture cannot state a licence',
      base: { 'mixes/m.txt': 'web,d/web/part-0.npy\n' },
      head: { 'mixes/m.txt': 'web,d/web/part-0.npy\nmath,d/math/part-0.npy\n' },
    },
  ],
  invalid: [
    {
      name: 'an added shard without origin or source',
      base: m([human('a', 1)]),
      head: m([human('a', 1), { id: 'x', path: 's3://x', rows: 1, license: 'cc' }]),
      findings: [{ severity: 'medium', shards: ['x'], message: 'added shard lacks origin, source, collected' }],
    },
    {
      name: 'a synthetic shard needs its generator',
      base: m([human('a', 1)]),
      head: m([human('a', 1), synthetic('s', 1, { generator: { depth: 1 } })]),
      findings: [{ severity: 'medium', message: 'added shard lacks generator.model' }],
    },
    {
      name: 'origin recorded on unchanged content is good news, at info',
      base: m([{ id: 'p', path: 's3://p', sha256: 'p', rows: 1, source: 's', license: 'l', collected: '2021-01-01' }]),
      head: m([{ id: 'p', path: 's3://p', sha256: 'p', rows: 1, source: 's', license: 'l', collected: '2021-01-01', origin: 'human' }]),
      findings: [{ severity: 'info', message: 'origin recorded for 1 shard (absent → human) with the same content: labelled, not replaced' }],
    },
  ],
});
