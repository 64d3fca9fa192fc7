// SARIF 2.1.0 (input `sarif`, CLI `--format sarif`), for code-scanning upload.
import pkg from '../../package.json' with { type: 'json' };
import type { Analysis } from '../analysis/analyse.js';
import { ALL_RULES } from '../rules/index.js';
import type { Severity } from '../rules/severity.js';
import { DEFAULT_DOCS_URL } from './markdown.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'warning',
  info: 'note',
};

export function toSarif(a: Analysis, docsUrl = DEFAULT_DOCS_URL): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'collapse-guard',
            informationUri: docsUrl.replace(/\/blob\/.*$/, ''),
            version: pkg.version,
            rules: ALL_RULES.map(({ meta }) => ({
              id: meta.id,
              name: meta.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: meta.summary },
              helpUri: `${docsUrl}/${meta.id}.md`,
            })),
          },
        },
        results: a.findings
          .filter((f) => !f.inherited)
          .map((f) => ({
            ruleId: f.rule,
            ruleIndex: ALL_RULES.findIndex((r) => r.meta.id === f.rule),
            level: LEVEL[f.severity],
            message: { text: `${f.message}${f.shard ? ` (shard ${f.shard})` : ''}. Fix: ${f.fix}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.manifest },
                  region: { startLine: f.line ?? 1 },
                },
              },
            ],
            partialFingerprints: { 'collapseGuard/v1': `${f.rule}:${f.manifest}:${f.shards?.join(',') ?? ''}` },
            properties: { severity: f.severity, ...(f.shard ? { shard: f.shard } : {}) },
            ...(f.waived && f.waiver
              ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.reason} (until ${f.waiver.expires})` }] }
              : {}),
          })),
      },
    ],
  };
}
