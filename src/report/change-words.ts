// What a change did to a dataset or a manifest, in words both the Markdown and the text report
// use: amounts by origin base → head, the synthetic share, the shard counts.
import type { DatasetDiff } from '../diff/datasets.js';
import type { ManifestDiff } from '../diff/shards.js';
import type { AmountUnit, Units } from '../formats/units.js';
import { formatAmount, formatShare } from '../rules/amounts.js';

type Side = 'added' | 'deleted' | 'modified';

/** "204 k → 120 k rows": the unit once. */
function amountRange(from: number, to: number, unit: AmountUnit): string {
  const [a, b] = [formatAmount(from, unit), formatAmount(to, unit)];
  const suffix = ` ${unit}`;
  return a.endsWith(suffix) && b.endsWith(suffix) ? `${a.slice(0, -suffix.length)} → ${b}` : `${a} → ${b}`;
}

/** "real 204 k → 120 k rows · synthetic 20 k → 170 k rows · unknown 0 → 30 k rows" (one side only when added or deleted). */
export function originAmounts(units: { base: Units; head: Units }, unit: AmountUnit, status: Side): string {
  const part = (k: keyof Units) =>
    status === 'added'
      ? formatAmount(units.head[k], unit)
      : status === 'deleted'
        ? `${formatAmount(units.base[k], unit)} → none`
        : amountRange(units.base[k], units.head[k], unit);
  return `real ${part('real')} · synthetic ${part('synthetic')} · unknown ${part('unknown')}`;
}

/** A dataset's synthetic share: "8.9 % → 53.1 %", or the one side it has. */
export function shareChange(d: DatasetDiff): string {
  if (d.status === 'added') return formatShare(d.share.head);
  if (d.status === 'deleted') return formatShare(d.share.base);
  return `${formatShare(d.share.base)} → ${formatShare(d.share.head)}`;
}

/** "+2 added −2 removed ~0 modified =2 unchanged" (renamed only when there are any). */
export function shardCounts(m: ManifestDiff): string {
  const c = m.counts;
  return [
    `+${c.added} added`,
    `−${c.removed} removed`,
    `~${c.modified} modified`,
    ...(c.renamed ? [`↪${c.renamed} renamed`] : []),
    `=${c.unchanged} unchanged`,
  ].join(' ');
}

/** Which sides of a manifest hold data: a moved manifest is compared like a modified one. */
export function sidesOf(m: ManifestDiff): Side {
  return m.status === 'added' || m.status === 'deleted' ? m.status : 'modified';
}
