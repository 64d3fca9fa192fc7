// Mistake 4: the real-data reservoir of a dataset shrinks. Data of unknown origin that leaves may be
// real too: it is reported, at medium at most. Recipes (mixtures) hold shares, not data: their
// sources leaving are category-tail-loss's business, and deleting or moving one is not data loss.
import type { DatasetDiff } from '../diff/datasets.js';
import type { ManifestDiff } from '../diff/shards.js';
import type { Severity } from './severity.js';
import { defineRule, fraction, type Report } from './types.js';
import { formatAmount, unitsLost } from './amounts.js';

const FIX =
  'Keep the real data (a reservoir of real data is what keeps models from collapsing); if it must go (PII, licence), waive this finding with a reason.';

export const realDataRemoved = defineRule({
  meta: {
    id: 'real-data-removed',
    mistake: 4,
    summary: 'The amount of real (human) data in a dataset shrinks.',
    severity: 'high',
    thresholds: {
      'real-removal-high': fraction(0.01, "high when more than this fraction of the dataset's base real data goes, else medium"),
    },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds, report }) {
    for (const d of change.datasets) {
      if (d.status === 'added') continue;
      for (const origin of ['real', 'unknown'] as const) removal(d, origin, thresholds['real-removal-high']).forEach(report);
    }
  },
});

function removal(d: DatasetDiff, origin: 'real' | 'unknown', highAbove: number): Report[] {
  const inventories = d.manifests.filter((m) => m.kind === 'inventory');
  const lossOf = (m: ManifestDiff, c: ManifestDiff['shards'][number]) => unitsLost(c, d.unit)[origin];
  // Net over the dataset: real data moved between its manifests, or swapped for other real data, is kept.
  const net = inventories.reduce((sum, m) => sum + m.shards.reduce((s, c) => s + lossOf(m, c), 0), 0);
  if (net <= 1e-12) return [];
  const base = origin === 'real' ? d.units.base.real : d.units.base.real + d.units.base.synthetic + d.units.base.unknown;
  const grade = (amount: number): Severity => {
    const fraction = base > 0 ? amount / base : 1;
    if (origin === 'unknown') return fraction > highAbove ? 'medium' : 'low';
    // Counted in shards (no size stated), a share of entries says little of how much data left:
    // high only when all of it goes.
    if (d.unit === 'shards' && fraction < 0.999) return 'medium';
    return fraction > highAbove ? 'high' : 'medium';
  };
  const describe = (amount: number, manifestAmount: number, m?: ManifestDiff) => {
    const pct = base > 0 ? ` (${((amount / base) * 100).toFixed(1)} % of the dataset's base ${origin === 'real' ? 'real data' : 'data'})` : '';
    const here = manifestAmount < amount - 1e-9 ? `; ${formatAmount(manifestAmount, d.unit)} of it here` : '';
    const what = origin === 'real' ? 'real data' : 'data of unknown origin (it may be real)';
    const gone = m?.notAManifest
      ? '; the file no longer reads as a manifest, so its data is no longer described'
      : m?.status === 'deleted'
        ? '; the manifest is deleted'
        : '';
    return `${what} shrinks by ${formatAmount(amount, d.unit)}${pct}${here}${gone}`;
  };
  const findings: Report[] = [];
  for (const m of inventories) {
    const losing = m.shards.filter((c) => lossOf(m, c) > 0);
    if (losing.length === 0) continue;
    const amountOf = (ids: readonly string[]) => losing.filter((c) => ids.includes((c.base ?? c.head)!.id)).reduce((s, c) => s + lossOf(m, c), 0);
    const here = losing.reduce((s, c) => s + lossOf(m, c), 0);
    const firstRemoved = losing.find((c) => c.status === 'removed');
    // A file that stops being a manifest may have lost its description, not its data: medium at most.
    const severity = m.notAManifest && grade(net) === 'high' ? 'medium' : grade(net);
    findings.push({
      severity,
      manifest: m.path,
      dataset: d.name,
      shards: losing.map((c) => (c.base ?? c.head)!.id),
      line: losing.find((c) => c.head)?.head?.line,
      ...(firstRemoved ? { baseLine: firstRemoved.base!.line, basePath: m.basePath ?? m.path } : {}),
      message: describe(net, here, m),
      fix: origin === 'real' ? FIX : 'State the origin of this data (origin: human | synthetic) so its loss can be judged; keep it if it is real.',
      // A partial waiver: what is left is graded on its own amount.
      regrade: (ids) => {
        const left = Math.min(amountOf(ids), net);
        return left > 1e-12 ? { severity: grade(left), message: describe(left, left) } : undefined;
      },
    });
  }
  return findings;
}
