// Which dataset a manifest belongs to (SPEC §5a): the policy's `datasets:` entry whose globs match
// it, else the native `dataset:` name it carries, else the manifest alone.
import type { ManifestKind } from '../formats/types.js';
import type { Dataset, ManifestFile } from '../formats/model.js';
import { matchesAny } from '../text/glob.js';

/** Manifests judged together as one dataset, chosen by glob (the policy file's `datasets:`). */
export interface DatasetEntry {
  name: string;
  manifests: string[];
  /** 1-based line in the policy file, for messages. */
  line?: number;
}

/** A manifest the change does not touch: the same at base and head, read once. */
export interface ManifestMember {
  path: string;
  format: string;
  kind: ManifestKind;
  data: Dataset;
}

export interface DatasetKey {
  key: string;
  name: string;
}

/**
 * Which dataset a manifest belongs to: the policy's `datasets:` entry whose globs match its path,
 * else its native `dataset:` name, else the manifest alone. Only our own format's `dataset:` key
 * groups files: other formats' names (a card's pretty_name, a Croissant name) are titles.
 */
export function datasetKeyOf(path: string, file: ManifestFile | undefined, entries: readonly DatasetEntry[]): DatasetKey {
  const entry = entries.find((d) => matchesAny(path, d.manifests));
  if (entry) return { key: `policy:${entry.name}`, name: entry.name };
  const name = file?.format === 'native' ? file.dataset.name?.trim() : undefined;
  return name ? { key: `name:${name}`, name } : { key: `file:${path}`, name: path };
}
