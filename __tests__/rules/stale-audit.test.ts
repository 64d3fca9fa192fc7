import { staleAudit } from '../../src/rules/stale-audit.js';
import { human, yamlManifest } from '../../test-support/git-repo.js';
import { testRule } from '../../test-support/rule-tester.js';

const at = (path: string, audit: string | undefined, rows = 1) => ({
  [path]: yamlManifest([human(path, rows)], { audit: audit ? { last: audit } : undefined }),
});

testRule(staleAudit, {
  valid: [
    { name: 'audited within 180 days', base: at('a.manifest.yaml', '2026-10-01'), head: at('a.manifest.yaml', '2026-10-01', 2) },
    {
      name: 'another manifest of the dataset records the audit',
      base: { ...at('a.manifest.yaml', undefined), ...at('b.manifest.yaml', '2026-11-01') },
      head: { ...at('a.manifest.yaml', undefined, 2), ...at('b.manifest.yaml', '2026-11-01') },
    },
  ],
  invalid: [
    {
      name: 'no audit recorded',
      base: at('a.manifest.yaml', undefined),
      head: at('a.manifest.yaml', undefined, 2),
      findings: [{ severity: 'low', message: 'the manifest records no audit (audit.last)' }],
    },
    {
      name: 'an audit older than 180 days',
      base: at('a.manifest.yaml', '2025-01-01'),
      head: at('a.manifest.yaml', '2025-01-01', 2),
      findings: [{ severity: 'low', message: 'last audit 2025-01-01 is 699 days old (limit 180)' }],
    },
  ],
});
