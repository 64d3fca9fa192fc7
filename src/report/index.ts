// The report formats (SPEC §8, §9): one renderer per format, registered here; the CLI's --format
// (its usage text, its validation, its output) and the action's files are driven by this list.
// The CLI prints text on a terminal and Markdown (the PR comment) anywhere else.
import type { Analysis } from '../analysis/analyse.js';
import { toJsonReport } from './json.js';
import { renderComment, renderSummary, type RenderOptions } from './markdown.js';
import { toSarif } from './sarif.js';
import { renderText } from './text.js';

export interface Renderer {
  name: string;
  /** For the usage text. */
  description: string;
  render(analysis: Analysis, options: RenderOptions): string;
}

export const RENDERERS: readonly Renderer[] = [
  { name: 'markdown', description: "the PR comment's report, bounded like the job summary", render: (a, o) => renderSummary(a, o) },
  { name: 'comment', description: 'the sticky PR comment as the action posts it (folded, shortened to fit)', render: (a, o) => renderComment(a, o) },
  { name: 'text', description: 'the same report as plain text, for a terminal', render: (a, o) => renderText(a, o) },
  { name: 'json', description: 'the stable JSON report for scripts', render: (a) => JSON.stringify(toJsonReport(a), null, 2) },
  { name: 'sarif', description: 'SARIF 2.1.0, for code-scanning upload', render: (a, o) => JSON.stringify(toSarif(a, o.docsUrl), null, 2) },
];

export function rendererNamed(name: string): Renderer | undefined {
  return RENDERERS.find((r) => r.name === name);
}

/** The CLI's format when --format is not given: text for a person at a terminal, else the PR comment's Markdown. */
export function defaultRenderer(terminal: boolean): Renderer {
  return rendererNamed(terminal ? 'text' : 'markdown')!;
}
