// The policy's `provenance` map fills facts a manifest lacks (SPEC §7): the first entry whose
// glob matches a shard's path, id or manifest file supplies each missing fact. Facts a manifest
// states are never overwritten.
import { matchesGlob } from '../text/glob.js';
import type { Dataset, Origin, Shard } from './model.js';

/** Facts filled into shards that lack them, for shards whose path (or id, or manifest) matches `match`. */
export interface ProvenanceEntry {
  match: string;
  origin?: Origin;
  source?: string;
  license?: string;
  collected?: string;
  verified?: boolean | string;
  tags?: string[];
  generator?: { model?: string; depth?: number; trained_on?: string[]; verified?: boolean | string };
}

export function fillProvenance(dataset: Dataset, manifestPath: string, entries: readonly ProvenanceEntry[]): Dataset {
  if (entries.length === 0) return dataset;
  return { ...dataset, shards: dataset.shards.map((s) => fillShard(s, manifestPath, entries)) };
}

/** The shard with the facts it lacks filled in (the same object when no entry applies). */
export function fillShard(shard: Shard, manifestPath: string, entries: readonly ProvenanceEntry[]): Shard {
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
      g.trainedOn ??= e.generator.trained_on;
      g.verified ??= e.generator.verified;
    }
  }
  return filled;
}
