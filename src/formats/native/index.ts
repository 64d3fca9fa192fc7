// Reads native manifests (SPEC §3): YAML, JSON, and JSON Lines, into the normalised model.
import type { z } from 'zod';
import type { ManifestFormat, ReadOptions } from '../types.js';
import { PROVENANCE_FIELDS } from '../provenance-fields.js';
import { SourceError } from '../../text/source-error.js';
import { fastShard } from './fast-shard.js';
import { readJson, readJsonLines, readYaml, validate } from '../../text/read.js';
import { lineNear } from '../../text/yaml.js';
import { IssueList } from '../../text/source-error.js';
import { misspellingNote, tidyFields, tidyShard, type Misspelling, type OnMisspelling } from './keys.js';
import type { Dataset, ReadNote, Shard } from '../model.js';
import { datasetFieldsSchema, manifestSchema, shardSchema, type NativeDatasetFields, type NativeShard } from './schema.js';

const NATIVE_NAME = /(\.manifest\.(ya?ml|json|jsonl)|(^|\/)(dataset-manifest|collapse-guard\.manifest)\.(ya?ml|json|jsonl))$/i;

export function isNativeManifestPath(path: string): boolean {
  return NATIVE_NAME.test(path);
}

export const nativeFormat: ManifestFormat = {
  title: 'Manifest format',
  kind: 'inventory',
  provenanceFields: PROVENANCE_FIELDS,
  name: 'native',
  candidate: isNativeManifestPath,
  // A native name is enough; a file selected by glob is native when it holds a `shards` list.
  detect: (path, text) => isNativeManifestPath(path) || (/\.(ya?ml|json|jsonl)$/i.test(path) && /^\s*"?shards"?\s*:/m.test(text)),
  parse: parseNativeManifest,
};

export function parseNativeManifest(file: string, text: string, options: ReadOptions = {}): Dataset {
  const fast = options.fastPaths !== false;
  if (/\.jsonl$/i.test(file)) return parseJsonLines(file, text, fast);
  return parseDocumentManifest(file, text, fast);
}

/** YAML and JSON: one document holding dataset fields and a `shards` list. */
function parseDocumentManifest(file: string, text: string, fast: boolean): Dataset {
  const source = /\.json$/i.test(file) ? readJson(file, text) : readYaml(file, text, { fast });
  if (source.value === null || source.value === undefined) throw new SourceError(file, 1, 'the manifest is empty');
  const notes: ReadNote[] = [];
  const v = source.value as { shards?: unknown };
  tidyFields(v, (m) => notes.push(misspellingNote(m, lineNear(source.lineOf, m.path) ?? 1)));
  if (Array.isArray(v.shards)) {
    v.shards.forEach((s: unknown, i) =>
      tidyShard(s, (m) => notes.push(misspellingNote(m, lineNear(source.lineOf, ['shards', i, ...m.path]) ?? 1, shardName(s)))),
    );
  }
  const manifest = (fast ? fastManifest(v) : undefined) ?? validate(manifestSchema, v, file, source);
  const shards = manifest.shards.map((s, i) => toShard(s, source.lineOf(['shards', i]) ?? 1));
  return { ...datasetFields(manifest), shards, ...(notes.length ? { notes } : {}) };
}

/** The whole document through the fast check, when its shards all pass it (see fast-shard.ts). */
function fastManifest(v: unknown): z.infer<typeof manifestSchema> | undefined {
  if (typeof v !== 'object' || v === null || !Array.isArray((v as { shards?: unknown }).shards)) return undefined;
  const fields = datasetFieldsSchema.safeParse(v);
  if (!fields.success) return undefined;
  const shards = (v as { shards: unknown[] }).shards;
  for (const s of shards) if (!fastShard(s)) return undefined;
  return { ...fields.data, shards: shards as NativeShard[] };
}

/** JSON Lines: one shard per line, optionally a first line of dataset fields. Every bad line is reported, not only the first. */
function parseJsonLines(file: string, text: string, fast: boolean): Dataset {
  let fields: NativeDatasetFields = {};
  const shards: Shard[] = [];
  const notes: ReadNote[] = [];
  const issues = new IssueList(file);
  let entries = 0;
  readJsonLines(
    file,
    text,
    (value, line) => {
      if (entries === 0 && isHeader(value)) {
        fields = issues.keep(() => headerFields(value, file, line, (m) => notes.push(misspellingNote(m, line)))) ?? fields;
        return;
      }
      const index = entries++;
      const onMisspelling = (m: Misspelling) => notes.push(misspellingNote(m, line, shardName(value)));
      const shard = issues.keep(() => nativeShard(value, file, line, { fast, index, onMisspelling }));
      if (shard) shards.push(shard);
    },
    issues,
  );
  issues.throwIfAny();
  if (shards.length === 0 && Object.keys(fields).length === 0) throw new SourceError(file, 1, 'the manifest is empty');
  return { ...datasetFields(fields), shards, ...(notes.length ? { notes } : {}) };
}

/** A JSON Lines line that holds the manifest's own fields rather than a shard. */
export function isHeader(v: unknown): v is { dataset: unknown } {
  return typeof v === 'object' && v !== null && 'dataset' in v && !('id' in v) && !('path' in v);
}

/** A JSON Lines header's fields: at its top level, or under `dataset`. */
export function headerFields(value: { dataset: unknown }, file: string, line: number, onMisspelling: OnMisspelling): NativeDatasetFields {
  const header = value.dataset !== null && typeof value.dataset === 'object' ? value.dataset : value;
  tidyFields(header, onMisspelling);
  return validate(datasetFieldsSchema, header, file, { lineOf: () => line });
}

export interface ShardReadOptions {
  /** The fast check first (default); off, zod reads every entry. */
  fast?: boolean;
  /** The entry's position among the file's shards, to name it in errors when it has no id. */
  index?: number;
  onMisspelling: OnMisspelling;
}

/** One shard entry read into the model; a SourceError at `line` listing every problem when it is not a valid shard. */
export function nativeShard(value: unknown, file: string, line: number, options: ShardReadOptions): Shard {
  tidyShard(value, options.onMisspelling);
  const valid =
    (options.fast !== false ? fastShard(value) : undefined) ??
    validate(shardSchema, value, file, { lineOf: () => line }, { at: ['shards', options.index ?? 0] });
  return toShard(valid, line);
}

/** How an entry is named in a note: its id, else its path (the id it defaults to). */
function shardName(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { id, path } = v as { id?: unknown; path?: unknown };
  return typeof id === 'string' || typeof id === 'number' ? String(id) : typeof path === 'string' ? path : undefined;
}

export function datasetFields(f: NativeDatasetFields): Omit<Dataset, 'shards'> {
  return {
    name: f.dataset,
    audit: f.audit ? { last: f.audit.last, by: f.audit.by } : undefined,
    evaluation: f.evaluation ? { metrics: f.evaluation.metrics ?? [] } : undefined,
  };
}

/** One object literal with every field, so that all shards share one shape (a manifest may hold millions). */
function toShard(s: NativeShard, line: number): Shard {
  const g = s.generator;
  return {
    id: s.id !== undefined ? String(s.id) : s.path!,
    path: s.path,
    hash: s.sha256 ? `sha256:${s.sha256}` : s.md5 ? `md5:${s.md5}` : s.etag ? `etag:${s.etag}` : undefined,
    rows: s.rows,
    tokens: s.tokens,
    bytes: s.bytes,
    weight: s.weight,
    origin: s.origin,
    syntheticFraction: s.synthetic_fraction,
    source: s.source,
    collected: s.collected,
    license: s.license ?? s.licence,
    tags: s.tags ?? NO_TAGS,
    categories: s.categories,
    generator: g ? { model: g.model, depth: g.depth, trainedOn: g.trained_on, verified: g.verified } : undefined,
    verified: s.verified,
    line,
  };
}

/** Shared by every shard without tags (tags are never changed in place). */
const NO_TAGS: string[] = [];

/** The native keys for counts and provenance, wherever they are written (a shard, a DVC `meta:`). */
export function nativeFacts(s: Partial<NativeShard>): Omit<Shard, 'id' | 'line' | 'path' | 'hash' | 'bytes' | 'weight'> {
  const g = s.generator;
  return {
    rows: s.rows,
    tokens: s.tokens,
    origin: s.origin,
    syntheticFraction: s.synthetic_fraction,
    source: s.source,
    collected: s.collected,
    license: s.license ?? s.licence,
    tags: s.tags ?? NO_TAGS,
    categories: s.categories,
    generator: g ? { model: g.model, depth: g.depth, trainedOn: g.trained_on, verified: g.verified } : undefined,
    verified: s.verified,
  };
}

const YAML_NAME = /^dataset[ \t]*:[ \t]*(.*)$/m;

/**
 * A native manifest's `dataset:` name without reading its shards, to find the other manifests of
 * a dataset the change touches. Undefined when it has none; null when only a full read can tell.
 */
export function nativeDatasetName(file: string, text: string): string | undefined | null {
  if (/\.jsonl$/i.test(file)) {
    const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length).trim();
    try {
      const v = JSON.parse(first) as unknown;
      if (!isHeader(v)) return undefined;
      const name = v.dataset !== null && typeof v.dataset === 'object' ? (v.dataset as { dataset?: unknown }).dataset : v.dataset;
      return typeof name === 'string' ? name : undefined;
    } catch {
      return null;
    }
  }
  if (/\.json$/i.test(file)) return null;
  const m = YAML_NAME.exec(text);
  if (!m) return /(^|[{,\s])["']?dataset["']?\s*:/m.test(text) ? null : undefined;
  // A plain or quoted scalar on the key's line, as the full reader would read it.
  const value = m[1]!.replace(/\s+#.*$/, '').trim();
  if (/^"([^"\\]*)"$/.test(value) || /^'([^']*)'$/.test(value)) return value.slice(1, -1);
  if (value === '' || /^[&*!|>[{"']/.test(value) || /^(~|null|true|false|[-+.\d][\w.+-]*)$/i.test(value)) return null;
  return value;
}
