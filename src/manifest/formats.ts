// The registry of manifest formats (SPEC §3, §4). Each format names the files it may hold
// (a cheap path test), confirms by content, and reads them into the normalised model.
import type { Dataset } from './model.js';
import { croissantFormat } from './croissant.js';
import { dataProvenanceFormat } from './data-provenance.js';
import { dvcFormat } from './dvc.js';
import { hfDatasetCardFormat } from './hf-dataset-card.js';
import { megatronBlendFormat } from './megatron-blend.js';
import { mosaicmlIndexFormat } from './mosaicml-index.js';
import { nanotronMixtureFormat } from './nanotron-mixture.js';
import { nativeFormat } from './native.js';
import { olmoMixFormat } from './olmo-mix.js';

export interface ManifestFormat {
  name: string;
  /**
   * Recipes (mixtures) say what a training run draws from, as shares; inventories say what data
   * exists (SPEC §5a). Deleting or moving a recipe is not data loss.
   */
  kind: 'recipe' | 'inventory';
  /**
   * The `required-provenance` fields this format can state. A field it cannot state is never
   * required of its shards (the policy's `provenance` map can still fill it).
   */
  provenanceFields: readonly string[];
  /** Could a file at this path be in this format? Decides which blobs are read at all. */
  candidate(path: string): boolean;
  /** Is this candidate's content really in this format? (A README.md without dataset front-matter is not.) */
  detect(path: string, text: string): boolean;
  /** Reads the file; a problem is a ManifestError naming the file and, when known, the line. */
  parse(file: string, text: string): Dataset;
  /** Facts filled after the policy's provenance map, for facts the format never states. */
  fillDefaults?(dataset: Dataset): Dataset;
}

/** In order of precedence: the first format that confirms a file reads it. */
export const FORMATS: readonly ManifestFormat[] = [
  nativeFormat,
  hfDatasetCardFormat,
  dvcFormat,
  mosaicmlIndexFormat,
  croissantFormat,
  dataProvenanceFormat,
  nanotronMixtureFormat,
  olmoMixFormat,
  megatronBlendFormat,
];

/** The format of a file found automatically: a candidate whose content the format confirms. */
export function detectFormat(path: string, text: string): ManifestFormat | undefined {
  return FORMATS.find((f) => f.candidate(path) && f.detect(path, text));
}

/** Any format may claim a file selected by an explicit glob, whatever its name. */
export function detectAnyFormat(path: string, text: string): ManifestFormat | undefined {
  return detectFormat(path, text) ?? FORMATS.find((f) => f.detect(path, text));
}

export function isCandidate(path: string): boolean {
  return FORMATS.some((f) => f.candidate(path));
}

export function formatNamed(name: string): ManifestFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}
