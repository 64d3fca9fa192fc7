// The normalised model every manifest format is read into (SPEC §4).

export const ORIGINS = ['human', 'synthetic', 'mixed', 'unknown'] as const;
export type Origin = (typeof ORIGINS)[number];
export const UNITS = ['weight', 'tokens', 'rows', 'bytes'] as const;
/** Units in order of preference when comparing amounts of data. */
export type Unit = (typeof UNITS)[number];

export interface Generator {
  model?: string;
  depth?: number;
  trainedOn?: string[];
  verified?: boolean | string;
}

export interface Shard {
  /** Identity across versions: the explicit id, else the path. */
  id: string;
  path?: string;
  /** Content identity: sha256, md5 or etag, prefixed with its kind. */
  hash?: string;
  rows?: number;
  tokens?: number;
  bytes?: number;
  weight?: number;
  origin?: Origin;
  syntheticFraction?: number;
  source?: string;
  collected?: string;
  license?: string;
  tags: string[];
  categories?: Record<string, number>;
  /**
   * In a recipe, the data files a source draws from, as normalised keys (see `fileKey`): a source
   * renamed, relabelled or merged into another is recognised by its files.
   */
  files?: string[];
  generator?: Generator;
  verified?: boolean | string;
  /** 1-based line of the shard's entry in its manifest file. */
  line: number;
}

/**
 * Something a third-party reader could not interpret and left unknown, or read leniently (SPEC §4):
 * reported as a finding of `manifest-invalid` at its severity, never as an error.
 */
export interface ReadNote {
  /** The field as the file writes it, e.g. `Human Annotation` or `contentSize`. */
  field: string;
  detail: string;
  /** `medium` for a native key that is likely a known one mistyped: its value is ignored. */
  severity: 'info' | 'low' | 'medium';
  /** How to fix it, when there is more to say than "correct it if its value matters". */
  fix?: string;
  line?: number;
  /** The shard the field belongs to, when it belongs to one. */
  shard?: string;
}

/**
 * Shards read but not kept one by one (a large manifest's unchanged shards that no rule looks at
 * alone: see rules/plain-shards.ts), as the sums every rule needs. All of them are human data with
 * whole-number sizes, so their sums are exact in any order.
 */
export interface ShardTally {
  count: number;
  /** How many of them state each unit. */
  stating: Record<Unit, number>;
  /** Their amount in each unit: real data in `amounts`, synthetic data (origin synthetic) in `synthetic`. */
  amounts: Record<Unit, number>;
  synthetic: Record<Unit, number>;
  /** How many of them are synthetic. */
  syntheticCount: number;
  /** Category totals, and how many of them state `categories` at all. */
  categories: Map<string, number>;
  withCategories: number;
}

/** The shards of one side of a manifest or dataset: those kept one by one, and a tally of the rest. */
export interface ShardSide {
  shards: readonly Shard[];
  tally?: ShardTally;
}

export interface Dataset extends ShardSide {
  name?: string;
  audit?: { last?: string; by?: string };
  evaluation?: { metrics: string[] };
  shards: Shard[];
  /** Fields read leniently or left unknown (third-party formats only; the native format is strict). */
  notes?: ReadNote[];
}

export interface ManifestFile {
  path: string;
  format: string;
  dataset: Dataset;
}
