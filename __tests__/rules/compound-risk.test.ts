import { compoundRisk } from '../../src/rules/compound-risk.js';
import { toFinding, type Finding } from '../../src/rules/types.js';
import { testRule } from '../../test-support/rule-tester.js';

const f = (rule: string, severity: Finding['severity'], dataset = 'd'): Finding =>
  toFinding(rule, { severity, manifest: 'm.yaml', dataset, message: rule, fix: '' });

testRule(compoundRisk, {
  valid: [
    { name: 'a replacement alone', active: [f('real-data-replaced', 'high')] },
    { name: 'a moderate removal with missing provenance is not escalated', active: [f('real-data-removed', 'medium'), f('missing-provenance', 'medium')] },
    { name: 'the two mistakes in different datasets', active: [f('real-data-replaced', 'high', 'a'), f('missing-provenance', 'medium', 'b')] },
  ],
  invalid: [
    {
      name: 'a replacement with missing provenance',
      active: [f('real-data-replaced', 'high'), f('missing-provenance', 'medium')],
      findings: [{ severity: 'critical', message: expect.stringMatching(/^real-data-replaced \+ missing-provenance/) }],
    },
    {
      name: 'a replacement with rare data lost',
      active: [f('real-data-replaced', 'high'), f('rare-data-dropped', 'high')],
      findings: [{ severity: 'critical', message: expect.stringMatching(/^real-data-replaced \+ rare-data-dropped/) }],
    },
  ],
});
