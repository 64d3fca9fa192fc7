// Shared by the mixture formats: a mixture lists sources with weights; each source is a shard.
import type { Shard } from './model.js';

export function mixtureShard(id: string, path: string, weight: number | undefined, line: number, extra: Partial<Shard> = {}): Shard {
  return { id, path, weight, tags: [], line, ...extra };
}

/** Weights as fractions of their total, so mixtures stated in any scale compare. */
export function normalise(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => w / total) : weights.map(() => 0);
}
