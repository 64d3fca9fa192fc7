// OLMo-core data mixes (`*.txt`): one `label,path` line per file, `#` comments. Each file is a
// shard; its label is its category, so a source (label) that loses its files is seen. A file
// listed twice is sampled twice: its weight is the number of times it is listed.
import type { ManifestFormat } from './formats.js';
import { applyKnownSyntheticSources } from './known-synthetic-sources.js';
import { ManifestError } from './manifest-error.js';
import type { Dataset, Shard } from './model.js';

// A label, then a path (OLMo paths always have a folder: a bare "a,b" row is CSV, not a mix).
const LINE = /^([\w.+-]+),(\S*\/\S*)$/;

export const olmoMixFormat: ManifestFormat = {
  kind: 'recipe',
  provenanceFields: [],
  name: 'olmo-mix',
  candidate: (path) => /(^|\/)mixes\/[^/]+\.txt$|(^|\/)[^/]*mix[^/]*\.txt$/i.test(path),
  detect: (_path, text) => {
    const lines = dataLines(text);
    return lines.length > 0 && lines.every(({ text: t }) => LINE.test(t));
  },
  parse: parseOlmoMix,
  fillDefaults: applyKnownSyntheticSources,
};

function dataLines(text: string): { text: string; line: number }[] {
  return text.split('\n').map((t, i) => ({ text: t.trim(), line: i + 1 })).filter((l) => l.text && !l.text.startsWith('#'));
}

export function parseOlmoMix(file: string, text: string): Dataset {
  const byPath = new Map<string, Shard>();
  for (const { text: t, line } of dataLines(text)) {
    const m = LINE.exec(t);
    if (!m) throw new ManifestError(file, line, 'expected "label,path"');
    const [, label, path] = m as unknown as [string, string, string];
    const seen = byPath.get(path);
    if (seen) {
      seen.weight! += 1;
      seen.categories![label] = (seen.categories![label] ?? 0) + 1;
    } else {
      byPath.set(path, { id: path, path, weight: 1, tags: [], categories: { [label]: 1 }, source: label, line });
    }
  }
  const shards = [...byPath.values()];
  if (shards.length === 0) throw new ManifestError(file, 1, 'the mix lists no files');
  return { shards };
}
