// Mistake 5: the tail of the distribution thins out. A category (per-shard `categories` counts) of a
// dataset, or a source of a mixture, present on the base disappears or shrinks sharply. Judged over
// the whole dataset, so data moved between its manifests keeps its categories. A deleted dataset's
// loss is real-data-removed's finding; a deleted recipe is not data loss.
import type { DatasetDiff } from '../diff/datasets.js';
import type { ManifestDiff, ShardChange } from '../diff/shards.js';
import type { Shard } from '../formats/model.js';
import { defineRule, fraction, plural, type Report } from './types.js';
import { shardList } from './amounts.js';
import { amountOf } from '../formats/units.js';
import { categoryTotals } from '../formats/tally.js';

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/**
 * Categories renamed with their shard: a shard matched at both sides whose one category is named
 * otherwise at head (a Hugging Face config renamed, `dagw-adl` → `adl`) carries it under its new name.
 */
function renamedCategories(d: DatasetDiff): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const m of d.manifests) {
    for (const c of m.shards) {
      const before = Object.keys(c.base?.categories ?? {});
      const after = Object.keys(c.head?.categories ?? {});
      if (before.length === 1 && after.length === 1 && before[0] !== after[0]) renamed.set(before[0]!, after[0]!);
    }
  }
  return renamed;
}

function categoryFindings(d: DatasetDiff, shrinkLimit: number): Report[] {
  const base = categoryTotals(d.data.base);
  if (base.size === 0) return [];
  const head = categoryTotals(d.data.head);
  for (const [from, to] of renamedCategories(d)) if (!head.has(from) && head.has(to)) head.set(from, head.get(to)!);
  const findings: Report[] = [];
  for (const [name, before] of base) {
    if (before <= 0) continue;
    const after = head.get(name) ?? 0;
    const loss = (before - after) / before;
    const m = mainHolder(d.manifests, name);
    if (!m) continue; // held by untouched manifests only: the change did not shrink it
    const where = { manifest: m.path, dataset: d.name };
    if (after === 0) {
      findings.push({
        severity: 'high',
        ...where,
        message: `category "${name}" disappears (${before.toLocaleString('en-US')} → 0)`,
        fix: `Keep examples of "${name}": a category that is gone from training is gone from the model.`,
      });
    } else if (loss > shrinkLimit) {
      findings.push({
        severity: 'medium',
        ...where,
        message: `category "${name}" shrinks by ${pct(loss)} (${before.toLocaleString('en-US')} → ${after.toLocaleString('en-US')})`,
        fix: `Keep at least ${pct(1 - shrinkLimit)} of "${name}", or add fresh real examples of it.`,
      });
    }
  }
  return findings;
}

/** The touched manifest that held most of a category on the base. */
function mainHolder(manifests: readonly ManifestDiff[], category: string): ManifestDiff | undefined {
  let best: ManifestDiff | undefined;
  let most = 0;
  for (const m of manifests) {
    const n = categoryTotals(m.base).get(category) ?? 0;
    if (n > most) [best, most] = [m, n];
  }
  return best;
}

/**
 * Mixture sources: each weighted shard is a source; its share of the mix is its amount (weight, or
 * tokens when the recipe states them) over the dataset's total. A source's share measured without
 * the sources this change adds: a mix that only grows dilutes nothing (accumulation is the cure).
 * Sources that leave are one finding per manifest, sources cut sharply another. When every source
 * of the mix leaves, the mix was replaced rather than thinned: medium, judged on its composition.
 */
function sourceFindings(d: DatasetDiff, dropLimit: number): Report[] {
  if (d.unit !== 'weight' && d.kind !== 'recipe') return [];
  const amount = (s: Shard | undefined) => (s ? amountOf(s, d.unit) : 0);
  const changes = d.manifests.flatMap((m) => m.shards);
  // Weighted and recipe sources are never tallied (see plain-shards.ts): every one is kept.
  const baseTotal = d.data.base.shards.reduce((sum, s) => sum + amount(s), 0);
  const added = changes.filter((c) => c.status === 'added').reduce((sum, c) => sum + amount(c.head), 0);
  const headTotal = d.data.head.shards.reduce((sum, s) => sum + amount(s), 0) - added;
  if (baseTotal <= 0) return [];
  const findings: Report[] = [];
  for (const m of d.manifests) {
    const left: { c: ShardChange; before: number }[] = [];
    const cut: { c: ShardChange; before: number; after: number }[] = [];
    for (const c of m.shards) {
      if (!amount(c.base)) continue;
      const before = amount(c.base) / baseTotal;
      const after = c.head && headTotal > 0 ? amount(c.head) / headTotal : 0;
      if (after === 0) left.push({ c, before });
      else if ((before - after) / before > dropLimit) cut.push({ c, before, after });
    }
    if (left.length > 0) {
      const share = left.reduce((s, x) => s + x.before, 0);
      const replaced = share > 0.999;
      const firstRemoved = left.find((x) => x.c.status === 'removed');
      const names = shardList(left.map((x) => x.c.base!.id));
      findings.push({
        severity: replaced ? 'medium' : 'high',
        manifest: m.path,
        dataset: d.name,
        shards: left.map((x) => x.c.base!.id),
        line: left.find((x) => x.c.head)?.c.head?.line,
        ...(firstRemoved ? { baseLine: firstRemoved.c.base!.line, basePath: m.basePath ?? m.path } : {}),
        message: replaced
          ? `every source of the mix is replaced (${names}): a different mix, judged on its composition`
          : left.length === 1
            ? `mixture source leaves the mix (share ${pct(share)} → 0)`
            : `${plural(left.length, 'mixture source')} leave the mix (${pct(share)} of it on the base): ${names}`,
        fix: replaced
          ? 'Check that the new mix is meant to replace the old one, and keep real sources in it.'
          : 'Keep the sources in the mixture, at a reduced weight if need be.',
      });
    }
    if (cut.length > 0) {
      const [first] = cut;
      findings.push({
        severity: 'medium',
        manifest: m.path,
        dataset: d.name,
        shards: cut.map((x) => x.c.head!.id),
        line: first!.c.head!.line,
        message:
          cut.length === 1
            ? `mixture share falls by ${pct((first!.before - first!.after) / first!.before)} ` +
              `(${first!.before.toPrecision(3)} → ${first!.after.toPrecision(3)} of the mix)`
            : `${plural(cut.length, 'mixture source')} lose more than ${pct(dropLimit)} of their share: ${shardList(cut.map((x) => x.c.head!.id))}`,
        fix: `Keep each source's share above ${pct(1 - dropLimit)} of what it was; rare sources are the tail.`,
      });
    }
  }
  return findings;
}

export const categoryTailLoss = defineRule({
  meta: {
    id: 'category-tail-loss',
    mistake: 5,
    summary: 'A category or mixture source disappears or shrinks sharply.',
    severity: 'high',
    thresholds: {
      'category-shrink': fraction(0.5, 'the most a category may shrink before it is reported'),
      'category-weight-drop': fraction(0.9, "the most a mixture source's share of the mix may fall before it is reported"),
    },
    waivable: 'any',
    adjustable: true,
  },
  check({ change, thresholds, report }) {
    for (const d of change.datasets) {
      if (d.status !== 'modified') continue;
      categoryFindings(d, thresholds['category-shrink']).forEach(report);
      sourceFindings(d, thresholds['category-weight-drop']).forEach(report);
    }
  },
});
