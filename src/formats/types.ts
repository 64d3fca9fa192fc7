// What a manifest format is (SPEC §3, §4): each format's folder implements this interface and the
// registry (index.ts) lists them. A format names the files it may hold (a cheap path test),
// confirms by content, and reads them into the normalised model (model.ts).
import type { Dataset } from './model.js';

/** Recipes (mixtures) say what a training run draws from; inventories say what data exists (SPEC §5a). */
export type ManifestKind = 'recipe' | 'inventory';

/** How a file is read. */
export interface ReadOptions {
  /** The hand-written readers for large plain YAML and common native shards (on by default). */
  fastPaths?: boolean;
}

export interface ManifestFormat {
  /** The format's id in reports (`format` in the JSON report). */
  name: string;
  /** What the README calls it: its row in "Formats teams already keep", or its section. */
  title: string;
  /**
   * Recipes (mixtures) say what a training run draws from, as shares; inventories say what data
   * exists (SPEC §5a). Deleting or moving a recipe is not data loss.
   */
  kind: ManifestKind;
  /**
   * The `required-provenance` fields this format can state. A field it cannot state is never
   * required of its shards (the policy's `provenance` map can still fill it).
   */
  provenanceFields: readonly string[];
  /**
   * For a recipe: `shares` when its weights are fractions of the mix (they add up to the same
   * total whatever it holds), `amounts` when they count data (files, tokens).
   */
  weights?: 'shares' | 'amounts';
  /** Could a file at this path be in this format? Decides which blobs are read at all. */
  candidate(path: string): boolean;
  /** Is this candidate's content really in this format? (A README.md without dataset front-matter is not.) */
  detect(path: string, text: string): boolean;
  /** Reads the file; a problem is a SourceError naming the file and, when known, the line. */
  parse(file: string, text: string, options?: ReadOptions): Dataset;
  /** Facts filled after the policy's provenance map, for facts the format never states. */
  fillDefaults?(dataset: Dataset): Dataset;
}
