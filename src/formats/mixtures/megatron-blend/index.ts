// Megatron-style data blends: `weight path weight path …` (the form of --data-path), optionally
// with a `NAME:` prefix and a `0:0.969` split range before each path, separated by spaces,
// commas or new lines. Each source is a shard weighted by its share of the blend; its id is the
// dataset name derived from the path (see `sourceName`), so moving the data (another root variable,
// bucket or tokenizer folder) changes nothing, and two paths of one dataset are one source.
import type { ManifestFormat } from '../../types.js';
import { applyKnownSyntheticSources } from '../known-synthetic-sources.js';
import { SourceError } from '../../../text/source-error.js';
import { MixtureSources, normalise, sourceName } from '../sources.js';
import type { Dataset } from '../../model.js';

const NUMBER = /^\d+(\.\d+)?([eE][-+]?\d+)?$/;
const SPLIT = /^\d+(\.\d+)?:\d+(\.\d+)?$/;

export const megatronBlendFormat: ManifestFormat = {
  title: 'Megatron blend',
  kind: 'recipe',
  provenanceFields: [],
  weights: 'shares',
  name: 'megatron-blend',
  candidate: (path) => /(^|\/)[^/]*(blend|data[_-]?paths?)[^/]*(\.txt)?$/i.test(path) && !/\.(ya?ml|json|py|md)$/i.test(path),
  detect: (path, text) => {
    try {
      return parseMegatronBlend(path, text).shards.length > 0;
    } catch {
      return false;
    }
  },
  parse: parseMegatronBlend,
  fillDefaults: applyKnownSyntheticSources,
};

export function parseMegatronBlend(file: string, text: string): Dataset {
  const tokens: { text: string; line: number }[] = [];
  text.split('\n').forEach((row, i) => {
    if (row.trim().startsWith('#')) return;
    for (const t of row.replace(/["']/g, ' ').split(/[\s,]+/)) if (t) tokens.push({ text: t, line: i + 1 });
  });
  if (tokens[0] && /^[A-Z]+:$/.test(tokens[0].text)) tokens.shift(); // "TRAIN:"
  const entries: { weight: number; path: string; line: number }[] = [];
  for (let i = 0; i < tokens.length;) {
    const w = tokens[i]!;
    if (!NUMBER.test(w.text)) throw new SourceError(file, w.line, `expected a weight before each path, got "${w.text.slice(0, 60)}"`);
    let p = tokens[i + 1];
    if (p && SPLIT.test(p.text)) p = tokens[(i += 1) + 1];
    if (!p || NUMBER.test(p.text)) throw new SourceError(file, w.line, `weight ${w.text} has no path after it`);
    entries.push({ weight: Number(w.text), path: p.text, line: p.line });
    i += 2;
  }
  const shares = normalise(entries.map((e) => e.weight));
  const sources = new MixtureSources();
  entries.forEach((e, j) => sources.add(sourceName(e.path), e.path, shares[j]!, e.line));
  return { shards: sources.shards() };
}
