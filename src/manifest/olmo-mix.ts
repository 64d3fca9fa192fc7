// OLMo-core data mixes (`*.txt`, in a `mixes/` folder or anywhere else): one tokenised file
// (`….npy`) per line, as `label,path` (read as OLMo-core reads it: everything before the comma is
// the label, `=` and all) or, in the original mixes, as a bare path; `#` starts a comment.
//
// Each source is one shard (SPEC §5a): its id is the label, or without a label the dataset name
// derived from the path (see `sourceName`). Its weight is the number of files it lists (a file
// listed twice is sampled twice), so one file leaving is its source shrinking, and rewriting paths
// (tokenizer folder, `{TOKENIZER}`, bucket or URL) changes no shard's id or weight. The shard keeps
// the path and line of its first file. Shards carry no `categories`: the source already is the
// shard, and counting it again as a category would report every lost source twice and add up
// labels of different mixes as if they were one population.
import type { ManifestFormat } from './formats.js';
import { applyKnownSyntheticSources } from './known-synthetic-sources.js';
import { ManifestError } from './manifest-error.js';
import { MixtureSources, sourceName } from './mixture-sources.js';
import type { Dataset } from './model.js';

interface MixLine {
  label?: string;
  path: string;
}

/** A tokenised data file: a path with a folder, ending in `.npy`. */
const DATA_FILE = /^[^\s,]*\/[^\s,]*\.npy$/i;

/** `label,path` or a bare path; undefined for anything else. */
function readLine(text: string): MixLine | undefined {
  const parts = text.split(',');
  if (parts.length === 1) return { path: text };
  if (parts.length !== 2) return undefined;
  const label = parts[0]!.trim();
  const path = parts[1]!.trim();
  return label && path && !/\s/.test(path) ? { label, path } : undefined;
}

function isMixLine(text: string): boolean {
  const line = readLine(text);
  return line !== undefined && DATA_FILE.test(line.path);
}

export const olmoMixFormat: ManifestFormat = {
  kind: 'recipe',
  provenanceFields: [],
  name: 'olmo-mix',
  candidate: (path) => /\.txt$/i.test(path),
  // Every data line names a tokenised file. In a `mixes/` folder a first such line is enough, so
  // that a mix with one broken line is reported at that line rather than silently skipped.
  detect: (path, text) => {
    const lines = dataLines(text);
    if (lines.length === 0 || !isMixLine(lines[0]!.text)) return false;
    return /(^|\/)mixes\//.test(path) || lines.every((l) => isMixLine(l.text));
  },
  parse: parseOlmoMix,
  fillDefaults: applyKnownSyntheticSources,
};

function dataLines(text: string): { text: string; line: number }[] {
  return text.split('\n').map((t, i) => ({ text: t.trim(), line: i + 1 })).filter((l) => l.text && !l.text.startsWith('#'));
}

export function parseOlmoMix(file: string, text: string): Dataset {
  const sources = new MixtureSources();
  for (const { text: t, line } of dataLines(text)) {
    const entry = readLine(t);
    if (!entry || /\s/.test(entry.path)) throw new ManifestError(file, line, `expected "label,path" or a path, got "${t.slice(0, 80)}"`);
    const id = entry.label ?? sourceName(entry.path);
    sources.add(id, entry.path, 1, line, entry.label ? { source: entry.label } : {});
  }
  if (sources.size === 0) throw new ManifestError(file, 1, 'the mix lists no files');
  return { shards: sources.shards() };
}
