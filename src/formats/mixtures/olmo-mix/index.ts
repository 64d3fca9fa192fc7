// OLMo-core data mixes (`*.txt`, in a `mixes/` folder or anywhere else): one tokenised file
// (`….npy`) per line, as `label,path` (read as OLMo-core reads it: everything before the comma is
// the label, `=` and all) or, in the original mixes, as a bare path; `#` starts a comment.
//
// Each source is one shard (SPEC §5a): its id is the label, or without a label the dataset named
// by the file's folder (see `sourceName`). Its weight is the number of files it lists (a file
// listed twice is sampled twice); when `#SOURCE: … (191.58MT)` comments state the tokens of every
// file, its tokens too (recipes are compared by tokens when both sides state them). One file leaving is its source shrinking, and rewriting paths (tokenizer
// folder, `{TOKENIZER}`, bucket or URL) changes no shard's id or weight. The shard keeps the path
// and line of its first file, and the keys of all its files (a source relabelled or merged is
// recognised by them). A line that is not a data file is left out, with a note. Shards carry no
// `categories`: the source already is the shard.
import type { ManifestFormat } from '../../types.js';
import { applyKnownSyntheticSources, isKnownSyntheticSource } from '../known-synthetic-sources.js';
import { SourceError } from '../../../text/source-error.js';
import { fileKey, MixtureSources, sourceName } from '../sources.js';
import type { Dataset, ReadNote } from '../../model.js';

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
  title: 'OLMo-core mix',
  kind: 'recipe',
  provenanceFields: [],
  weights: 'amounts',
  name: 'olmo-mix',
  candidate: (path) => /\.txt$/i.test(path),
  // Data lines name tokenised files. In a `mixes/` folder a first such line is enough; elsewhere
  // nearly every line must be one, so that a stray line does not hide a mix and notes are no proof.
  detect: (path, text) => {
    const lines = dataLines(text);
    if (lines.length === 0 || !isMixLine(lines[0]!.text)) return false;
    if (/(^|\/)mixes\//.test(path)) return true;
    const good = lines.filter((l) => isMixLine(l.text)).length;
    return good === lines.length || (good >= 10 && good >= 0.95 * lines.length);
  },
  parse: parseOlmoMix,
  fillDefaults: applyKnownSyntheticSources,
};

/** `#SOURCE: gs://…/name/tokenizer/ (191.58MT)`: the files that follow hold this many tokens. */
const SOURCE_COMMENT = /^#\s*SOURCE:\s*\S+\s*\(\s*([\d.]+)\s*([KMGBT])T?\s*\)/i;
const TOKEN_SCALE: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, B: 1e9, T: 1e12 };

function dataLines(text: string): { text: string; line: number }[] {
  return text
    .split('\n')
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text && !l.text.startsWith('#'));
}

export function parseOlmoMix(file: string, text: string): Dataset {
  const entries: { entry: MixLine; line: number; group?: number }[] = [];
  const groups: { tokens: number; files: number }[] = [];
  const notes: ReadNote[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t) return;
    if (t.startsWith('#')) {
      const m = SOURCE_COMMENT.exec(t);
      if (m) groups.push({ tokens: Number(m[1]) * TOKEN_SCALE[m[2]!.toUpperCase()]!, files: 0 });
      return;
    }
    const entry = readLine(t);
    if (!entry || !DATA_FILE.test(entry.path)) {
      notes.push({
        field: `line ${i + 1}`,
        line: i + 1,
        severity: 'info',
        detail: `line ${i + 1} is not "label,path" or a data file ("${t.slice(0, 80)}"): it is not read`,
      });
      return;
    }
    if (groups.length > 0) groups[groups.length - 1]!.files++;
    entries.push({ entry, line: i + 1, ...(groups.length > 0 ? { group: groups.length - 1 } : {}) });
  });
  if (entries.length === 0) throw new SourceError(file, 1, 'the mix lists no data files');
  // Token counts stated for every file weigh each source by tokens, as training samples them.
  const byTokens = entries.every((e) => e.group !== undefined);
  const sources = new MixtureSources();
  for (const { entry, line, group } of entries) {
    const tokens = byTokens ? groups[group!]!.tokens / groups[group!]!.files : undefined;
    sources.add(sourceId(entry), entry.path, 1, line, {
      files: [fileKey(entry.path)],
      ...(tokens !== undefined ? { tokens } : {}),
      ...(entry.label ? { source: entry.label } : {}),
    });
  }
  return notes.length > 0 ? { shards: sources.shards(), notes } : { shards: sources.shards() };
}

/**
 * The label, else the dataset the file's folder names. A label that gathers files of a known
 * synthetic source with other files (OLMo's `longmino`) is two sources, so that each keeps its origin.
 */
function sourceId(entry: MixLine): string {
  if (!entry.label) return sourceName(directoryOf(entry.path));
  return !isKnownSyntheticSource(entry.label) && isKnownSyntheticSource(entry.path) ? `${entry.label} (synthetic files)` : entry.label;
}

/** The folder of a data file: each file is one part of its source. */
function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : path;
}
