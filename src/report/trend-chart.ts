// A dataset's synthetic-share trend as a Mermaid xychart (GitHub draws Mermaid blocks in comments
// and job summaries). Only syntax GitHub's renderer has long supported: a title, one x-axis of
// quoted labels, a ranged y-axis and one line.
import type { DatasetTrend } from '../analysis/trend.js';

export function trendChart(t: DatasetTrend): string {
  const labels = t.points.map((p) => (p.commit ? p.commit.slice(0, 7) : 'this PR'));
  const values = t.points.map((p) => Math.round(p.share * 1000) / 10);
  const top = Math.min(100, Math.max(10, Math.ceil((Math.max(...values) * 1.2) / 10) * 10));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Synthetic share of ${chartText(t.dataset)} (%, by ${t.unit})"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "synthetic %" 0 --> ${top}`,
    `  line [${values.join(', ')}]`,
    '```',
  ].join('\n');
}

/** A manifest's name inside the chart's quoted title: letters, digits and plain punctuation only. */
function chartText(value: string): string {
  const plain = value.replace(/[^\p{L}\p{N} ._/-]+/gu, ' ').trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain || 'dataset';
}
