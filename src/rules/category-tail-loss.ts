// Mistake 5: the tail of the distribution thins out. A category (per-shard `categories` counts)
// or a mixture source (shard weights) present on the base disappears or shrinks sharply.
import type { ManifestDiff } from '../diff.js';
import type { Shard } from '../manifest/model.js';
import type { Rule, Finding } from './types.js';
import { finding } from './types.js';

function categoryTotals(shards: readonly Shard[] | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of shards ?? []) for (const [k, v] of Object.entries(s.categories ?? {})) totals.set(k, (totals.get(k) ?? 0) + v);
  return totals;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/**
 * Categories are counted over every manifest of the change, so shards moved between manifests
 * keep their categories; a finding names the manifest that held most of the category on the base.
 */
function categoryFindings(manifests: readonly ManifestDiff[], shrinkLimit: number): Finding[] {
  const base = categoryTotals(manifests.flatMap((m) => m.base?.shards ?? []));
  const head = categoryTotals(manifests.flatMap((m) => m.head?.shards ?? []));
  const findings: Finding[] = [];
  for (const [name, before] of base) {
    if (before <= 0) continue;
    const after = head.get(name) ?? 0;
    const loss = (before - after) / before;
    const manifest = mainHolder(manifests, name);
    if (after === 0) {
      findings.push(finding({
        rule: 'category-tail-loss', severity: 'high', manifest,
        message: `category "${name}" disappears (${before.toLocaleString('en-US')} → 0)`,
        fix: `Keep examples of "${name}": a category that is gone from training is gone from the model.`,
      }));
    } else if (loss > shrinkLimit) {
      findings.push(finding({
        rule: 'category-tail-loss', severity: 'medium', manifest,
        message: `category "${name}" shrinks by ${pct(loss)} (${before.toLocaleString('en-US')} → ${after.toLocaleString('en-US')})`,
        fix: `Keep at least ${pct(1 - shrinkLimit)} of "${name}", or add fresh real examples of it.`,
      }));
    }
  }
  return findings;
}

function mainHolder(manifests: readonly ManifestDiff[], category: string): string {
  let best = manifests[0]!.path;
  let most = -1;
  for (const m of manifests) {
    const n = categoryTotals(m.base?.shards).get(category) ?? 0;
    if (n > most) [best, most] = [m.path, n];
  }
  return best;
}

/** Mixture sources: each weighted shard is a source; its share of the mixture is its weight over the total. */
function sourceFindings(m: ManifestDiff, dropLimit: number): Finding[] {
  if (m.unit !== 'weight' || !m.base) return [];
  const total = (shards: readonly Shard[] | undefined) => (shards ?? []).reduce((sum, s) => sum + (s.weight ?? 0), 0);
  const baseTotal = total(m.base.shards);
  const headTotal = total(m.head?.shards);
  const findings: Finding[] = [];
  for (const c of m.shards) {
    if (!c.base || !c.base.weight || baseTotal <= 0) continue;
    const before = c.base.weight / baseTotal;
    const after = c.head && headTotal > 0 ? (c.head.weight ?? 0) / headTotal : 0;
    if (c.status === 'removed' || after === 0) {
      findings.push(finding({
        rule: 'category-tail-loss', severity: 'high', manifest: m.path, shard: c.base.id, line: c.head?.line,
        message: `mixture source leaves the mix (share ${pct(before)} → 0)`,
        fix: 'Keep the source in the mixture, at a reduced weight if need be.',
      }));
    } else if ((before - after) / before > dropLimit) {
      findings.push(finding({
        rule: 'category-tail-loss', severity: 'medium', manifest: m.path, shard: c.head!.id, line: c.head!.line,
        message: `mixture share falls by ${pct((before - after) / before)} (${before.toPrecision(3)} → ${after.toPrecision(3)} of the mix)`,
        fix: `Keep the source's share above ${pct(1 - dropLimit)} of what it was; rare sources are the tail.`,
      }));
    }
  }
  return findings;
}

export const categoryTailLoss: Rule = {
  id: 'category-tail-loss',
  mistake: 5,
  check(change, config) {
    if (change.manifests.length === 0) return [];
    return [
      ...categoryFindings(change.manifests, config.thresholds['category-shrink']),
      ...change.manifests.flatMap((m) => sourceFindings(m, config.thresholds['category-weight-drop'])),
    ];
  },
};
