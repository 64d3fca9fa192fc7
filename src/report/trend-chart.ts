// A dataset's synthetic-share trend as a Mermaid xychart (GitHub draws Mermaid blocks in comments
// and job summaries). Only syntax GitHub's renderer has long supported: an init directive, a
// title, one x-axis (quoted labels, or a range), a ranged y-axis and one line.
import type { DatasetTrend, TrendPoint } from '../analysis/trend.js';

/** More points than this and commit labels run into each other: the x-axis counts commits instead. */
const MAX_LABELLED_POINTS = 10;

export function trendChart(t: DatasetTrend): string {
  const labels = t.points.map((p) => (p.commit ? p.commit.slice(0, 7) : 'this PR'));
  const xAxis =
    labels.length <= MAX_LABELLED_POINTS
      ? `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`
      : `  x-axis "commits, oldest first; the last is this PR" 1 --> ${labels.length}`;
  const values = t.points.map((p) => Math.round(p.share * 1000) / 10);
  const top = Math.min(100, Math.max(10, Math.ceil((Math.max(...values) * 1.2) / 10) * 10));
  return [
    '```mermaid',
    // A line that shows on light and dark backgrounds (the default palette's first colour barely
    // does), in a chart not taller than it needs to be.
    '%%{init: {"xyChart": {"height": 300}, "themeVariables": {"xyChart": {"plotColorPalette": "#0969da"}}}}%%',
    'xychart-beta',
    `  title "Synthetic share of ${chartText(t.dataset)} (%, by ${t.unit})"`,
    xAxis,
    `  y-axis "synthetic %" 0 --> ${top}`,
    `  line [${values.join(', ')}]`,
    '```',
  ].join('\n');
}

/** The commits a chart spans, in words: "5 commits of the base branch, `abc1234` (2026-10-01) to `def5678` (2026-11-30), then this PR". */
export function trendCaption(t: DatasetTrend): string {
  const commits = t.points.filter((p) => p.commit);
  const [first, last] = [commits[0]!, commits.at(-1)!];
  const at = (p: TrendPoint) => `\`${p.commit!.slice(0, 7)}\`${p.date ? ` (${p.date})` : ''}`;
  const span = commits.length === 1 ? at(first) : `${at(first)} to ${at(last)}`;
  return `${commits.length === 1 ? '1 commit' : `${commits.length} commits`} of the base branch, ${span}, then this PR.`;
}

/** A manifest's name inside the chart's quoted title: letters, digits and plain punctuation only. */
function chartText(value: string): string {
  const plain = value.replace(/[^\p{L}\p{N} ._/-]+/gu, ' ').trim();
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain || 'dataset';
}
