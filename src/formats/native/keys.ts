// A native entry read as people write it, before it is validated (SPEC §3): a blank value
// (`verified:` in YAML, `null` in JSON) is absent, `origin` is read in any case, and an unknown key
// one edit away from a known one (`orgin`) is named so that it can be reported with the likely key.
// Every reader (whole, fast and tallied) passes entries through here first, so they all agree.
import { isRecord } from '../../text/guards.js';
import { likelyKey } from '../../text/did-you-mean.js';
import type { ReadNote } from '../model.js';
import { datasetFieldsSchema, generatorSchema, shardSchema } from './schema.js';

/** An unknown key that is most likely a known one mistyped. */
export interface Misspelling {
  /** Where the key is, inside the entry: `['orgin']`, `['generator', 'modle']`. */
  path: string[];
  likely: string;
}

export type OnMisspelling = (m: Misspelling) => void;

const SHARD_KEYS = new Set(Object.keys(shardSchema.shape));
const GENERATOR_KEYS = new Set(Object.keys(generatorSchema.shape));
const MANIFEST_KEYS = new Set([...Object.keys(datasetFieldsSchema.shape), 'shards']);
const AUDIT_KEYS = new Set(['last', 'by']);
const EVALUATION_KEYS = new Set(['metrics']);

/** A shard entry, tidied in place. */
export function tidyShard(v: unknown, found: OnMisspelling): void {
  if (!isRecord(v)) return;
  tidy(v, SHARD_KEYS, [], found);
  if (typeof v.origin === 'string' && v.origin !== v.origin.toLowerCase()) v.origin = v.origin.toLowerCase();
  if (isRecord(v.generator)) tidy(v.generator, GENERATOR_KEYS, ['generator'], found);
  if (isRecord(v.categories)) tidy(v.categories, undefined, [], found);
}

/** A manifest's own fields (a YAML or JSON document's top level, a JSON Lines header), tidied in place. */
export function tidyFields(v: unknown, found: OnMisspelling): void {
  if (!isRecord(v)) return;
  tidy(v, MANIFEST_KEYS, [], found);
  if (isRecord(v.audit)) tidy(v.audit, AUDIT_KEYS, ['audit'], found);
  if (isRecord(v.evaluation)) tidy(v.evaluation, EVALUATION_KEYS, ['evaluation'], found);
}

/** Drops blank values; names unknown keys that are likely `known` ones (none when `known` is undefined). */
function tidy(v: Record<string, unknown>, known: ReadonlySet<string> | undefined, at: string[], found: OnMisspelling): void {
  for (const key in v) {
    if (v[key] === null) delete v[key];
    else if (known && !known.has(key)) {
      const likely = likelyKey(key, known);
      if (likely) found({ path: [...at, key], likely });
    }
  }
}

/** The finding a misspelled key gets: the manifest still reads, but the value under that key is ignored. */
export function misspellingNote(m: Misspelling, line: number, shard?: string): ReadNote {
  const written = m.path.join('.');
  const likely = [...m.path.slice(0, -1), m.likely].join('.');
  return {
    field: written,
    line,
    shard,
    severity: 'medium',
    detail: `unknown key "${written}" is ignored; did you mean "${likely}"?`,
    fix: `Rename \`${written}\` to \`${likely}\` so that its value is read.`,
  };
}
