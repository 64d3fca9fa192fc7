// Mistake 7: "it can't happen to us". Collapse is gradual and invisible; only periodic audits see it.
import { count, defineRule } from './types.js';

export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

export const staleAudit = defineRule({
  meta: {
    id: 'stale-audit',
    mistake: 7,
    summary: 'The dataset has not been audited recently.',
    severity: 'low',
    thresholds: { 'audit-max-age-days': count(180, 'the oldest `audit.last` accepted, in days') },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds, settings, report }) {
    const maxAge = thresholds['audit-max-age-days'];
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        if (!m.head) continue;
        // An audit recorded in any manifest of the dataset covers the dataset: the latest counts.
        const last = [m.head.audit?.last, d.lastAudit]
          .filter((x): x is string => !!x)
          .sort()
          .at(-1);
        // Only the native format has an audit block; other formats are judged when they state one.
        if (!last && m.format !== 'native') continue;
        const fix = `Audit the dataset (synthetic share, tail coverage, provenance gaps) and record it: \`audit: { last: ${settings.today}, by: data-team }\`.`;
        const where = { manifest: m.path, dataset: d.name };
        if (!last) {
          report({ severity: 'low', ...where, message: 'the manifest records no audit (audit.last)', fix });
        } else if (daysBetween(last, settings.today) > maxAge) {
          report({ severity: 'low', ...where, message: `last audit ${last} is ${daysBetween(last, settings.today)} days old (limit ${maxAge})`, fix });
        }
      }
    }
  },
});
