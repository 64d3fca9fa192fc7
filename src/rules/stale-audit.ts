// Mistake 7: "it can't happen to us". Collapse is gradual and invisible; only periodic audits see it.
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';

export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

export const staleAudit: Rule = {
  id: 'stale-audit',
  mistake: 7,
  check(change, config) {
    const maxAge = config.thresholds['audit-max-age-days'];
    const findings: Finding[] = [];
    for (const d of change.datasets) {
      for (const m of d.manifests) {
        if (!m.head) continue;
        // An audit recorded in any manifest of the dataset covers the dataset: the latest counts.
        const last = [m.head.audit?.last, d.lastAudit].filter((x): x is string => !!x).sort().at(-1);
        // Only the native format has an audit block; other formats are judged when they state one.
        if (!last && m.format !== 'native') continue;
        const fix = `Audit the dataset (synthetic share, tail coverage, provenance gaps) and record it: \`audit: { last: ${config.today}, by: data-team }\`.`;
        const where = { manifest: m.path, dataset: d.name };
        if (!last) {
          findings.push(finding({ rule: 'stale-audit', severity: 'low', ...where, message: 'the manifest records no audit (audit.last)', fix }));
        } else if (daysBetween(last, config.today) > maxAge) {
          findings.push(finding({
            rule: 'stale-audit', severity: 'low', ...where,
            message: `last audit ${last} is ${daysBetween(last, config.today)} days old (limit ${maxAge})`, fix,
          }));
        }
      }
    }
    return findings;
  },
};
