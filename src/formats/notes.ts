// Notes of what a third-party reader read leniently (SPEC §4), shared by the formats.
import type { YamlSource } from '../text/yaml.js';
import type { ReadNote } from './model.js';

/** A low note per key written twice (read with `duplicateKeys: 'last-wins'`). */
export function duplicateKeyNotes(source: Pick<YamlSource, 'duplicates'>): ReadNote[] {
  return source.duplicates.map(({ key, line }) => ({
    field: key,
    line,
    severity: 'low',
    detail: `key "${key}" is written twice in one mapping; read as YAML loaders read it, the later value counts`,
  }));
}
