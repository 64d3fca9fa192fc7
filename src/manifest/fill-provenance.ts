// The policy's `provenance` map fills facts a manifest lacks (SPEC §7): the first entry whose
// glob matches a shard's path, id or manifest file supplies each missing fact. Facts a manifest
// states are never overwritten.
import type { ProvenanceEntry } from '../config.js';
import { matchesGlob } from '../glob.js';
import type { Dataset, Shard } from './model.js';

export function fillProvenance(dataset: Dataset, manifestPath: string, entries: readonly ProvenanceEntry[]): Dataset {
  if (entries.length === 0) return dataset;
  return { ...dataset, shards: dataset.shards.map((s) => fillShard(s, manifestPath, entries)) };
}

function fillShard(shard: Shard, manifestPath: string, entries: readonly ProvenanceEntry[]): Shard {
  const matching = entries.filter((e) => [shard.path, shard.id, manifestPath].some((v) => v !== undefined && matchesGlob(v, e.match)));
  if (matching.length === 0) return shard;
  const filled: Shard = { ...shard, generator: shard.generator ? { ...shard.generator } : undefined };
  for (const e of matching) {
    if (filled.origin === undefined || filled.origin === 'unknown') filled.origin = e.origin ?? filled.origin;
    filled.source ??= e.source;
    filled.license ??= e.license;
    filled.collected ??= e.collected;
    filled.verified ??= e.verified;
    if (e.tags) filled.tags = [...new Set([...filled.tags, ...e.tags])];
    if (e.generator) {
      const g = (filled.generator ??= {});
      g.model ??= e.generator.model;
      g.depth ??= e.generator.depth;
      g.trainedOn ??= e.generator.trainedOn;
      g.verified ??= e.generator.verified;
    }
  }
  return filled;
}
