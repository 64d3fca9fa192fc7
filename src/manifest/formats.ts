// The registry of manifest formats. Each format recognises its files by name and reads them
// into the normalised model; SPEC §4 formats join this list.
import type { Dataset } from './model.js';
import { isNativeManifestPath, parseNativeManifest } from './native.js';

export interface ManifestFormat {
  name: string;
  /** Recognised automatically when no `manifests` globs are given. */
  recognises(path: string): boolean;
  /** Can read a file selected by an explicit glob (looser than `recognises`). */
  accepts(path: string): boolean;
  parse(file: string, text: string): Dataset;
}

export const FORMATS: readonly ManifestFormat[] = [
  {
    name: 'native',
    recognises: isNativeManifestPath,
    accepts: (path) => /\.(ya?ml|json|jsonl)$/i.test(path),
    parse: parseNativeManifest,
  },
];
