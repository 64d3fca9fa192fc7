import { manifestInvalid } from '../../src/rules/manifest-invalid.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const M = 'data/a.manifest.yaml';
const broken = `shards:\n  - id: a\n    rows: many\n`;
const card = (front: string) => `---\n${front}---\n# x\n`;

testRule(manifestInvalid, {
  valid: [
    { name: 'a manifest that reads', base: { [M]: yamlManifest([human('a', 1)]) }, head: { [M]: yamlManifest([human('a', 2)]) } },
    { name: 'already unreadable on the base (inherited)', base: { [M]: broken }, head: { [M]: broken.replace('many', 'lots') } },
  ],
  invalid: [
    {
      name: 'a native manifest that does not validate',
      base: { [M]: yamlManifest([human('a', 1)]) },
      head: { [M]: broken },
      findings: [{ severity: 'high', line: 3, message: expect.stringContaining('rows') }],
    },
    {
      name: 'a third-party key written twice is read last-wins, with a low finding',
      base: { 'README.md': card('language_creators:\n- found\n') },
      head: { 'README.md': card('language_creators:\n- found\ntask_categories:\n- a\ntask_categories:\n- b\n') },
      findings: [{ severity: 'low', line: 6, message: expect.stringContaining('key "task_categories" is written twice') }],
    },
  ],
});
