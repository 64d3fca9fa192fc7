// What the rules judge: the manifests a change touches, diffed, grouped into their datasets, and
// the manifests that could not be read.
import type { DatasetDiff } from './datasets.js';
import type { ShardSide } from '../formats/model.js';
import type { ManifestDiff } from './shards.js';

/** A manifest that could not be read at one side of the change. */
export interface ManifestProblem {
  file: string;
  line?: number;
  detail: string;
  side: 'base' | 'head';
}

export interface ChangeSet {
  /** The manifests the change touches. */
  manifests: ManifestDiff[];
  /** The datasets those manifests belong to, measured over all their manifests. */
  datasets: DatasetDiff[];
  problems: ManifestProblem[];
  /** What each manifest blob read at the base holds, by blob id: older commits share most of them (see trend.ts). */
  atBase: Map<string, ShardSide>;
}
