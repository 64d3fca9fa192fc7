// The registry of manifest formats (SPEC §3, §4): one folder per format (its reader and its
// readme), registered here in order of precedence.
import type { ManifestFormat } from './types.js';
import { croissantFormat } from './croissant/index.js';
import { dataProvenanceFormat } from './data-provenance/index.js';
import { dvcFormat } from './dvc/index.js';
import { hfDatasetCardFormat } from './hf-dataset-card/index.js';
import { megatronBlendFormat } from './mixtures/megatron-blend/index.js';
import { mosaicmlIndexFormat } from './mosaicml-streaming/index.js';
import { nanotronMixtureFormat } from './mixtures/nanotron/index.js';
import { nativeFormat } from './native/index.js';
import { olmoMixFormat } from './mixtures/olmo-mix/index.js';

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

export type { ManifestFormat } from './types.js';
