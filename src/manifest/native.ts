// Reads native manifests (SPEC §3): YAML, JSON, and JSON Lines, into the normalised model.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ManifestError } from './manifest-error.js';
import type { Dataset, Shard } from './model.js';
import { datasetFieldsSchema, manifestSchema, shardSchema, type NativeDatasetFields, type NativeShard } from './native-schema.js';

const NATIVE_NAME = /(\.manifest\.(ya?ml|json|jsonl)|(^|\/)(dataset-manifest|collapse-guard\.manifest)\.(ya?ml|json|jsonl))$/i;

export function isNativeManifestPath(path: string): boolean {
  return NATIVE_NAME.test(path);
}

export function parseNativeManifest(file: string, text: string): Dataset {
  if (/\.jsonl$/i.test(file)) return parseJsonLines(file, text);
  return parseDocumentManifest(file, text);
}

/** YAML and JSON: one document holding dataset fields and a `shards` list. */
function parseDocumentManifest(file: string, text: string): Dataset {
  if (/\.json$/i.test(file)) {
    try {
      JSON.parse(text);
    } catch (e) {
      throw new ManifestError(file, jsonErrorLine(text, e), `invalid JSON: ${(e as Error).message}`);
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lines.linePos(err.pos[0]).line;
    throw new ManifestError(file, line, `invalid YAML: ${err.message.split('\n')[0]}`);
  }
  const lineOf = (path: (string | number)[]): number | undefined => nodeLine(doc, lines, path);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) throw new ManifestError(file, 1, 'the manifest is empty');
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw validationError(file, parsed.error, lineOf);
  const shards = parsed.data.shards.map((s, i) => toShard(s, lineOf(['shards', i]) ?? 1));
  return { ...datasetFields(parsed.data), shards: shards };
}

/** JSON Lines: one shard per line, optionally a first line of dataset fields. */
function parseJsonLines(file: string, text: string): Dataset {
  let fields: NativeDatasetFields = {};
  const shards: Shard[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.trim();
    if (row === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (e) {
      throw new ManifestError(file, line, `invalid JSON: ${(e as Error).message}`);
    }
    if (shards.length === 0 && isHeader(value)) {
      const header = value.dataset !== null && typeof value.dataset === 'object' ? value.dataset : value;
      const parsed = datasetFieldsSchema.safeParse(header);
      if (!parsed.success) throw validationError(file, parsed.error, () => line);
      fields = parsed.data;
      continue;
    }
    const parsed = shardSchema.safeParse(value);
    if (!parsed.success) throw validationError(file, parsed.error, () => line);
    shards.push(toShard(parsed.data, line));
  }
  if (shards.length === 0 && Object.keys(fields).length === 0) throw new ManifestError(file, 1, 'the manifest is empty');
  return { ...datasetFields(fields), shards };
}

function isHeader(v: unknown): v is { dataset: unknown } {
  return typeof v === 'object' && v !== null && 'dataset' in v && !('id' in v) && !('path' in v);
}

function datasetFields(f: NativeDatasetFields): Omit<Dataset, 'shards'> {
  return {
    name: f.dataset,
    audit: f.audit ? { last: f.audit.last, by: f.audit.by } : undefined,
    evaluation: f.evaluation ? { metrics: f.evaluation.metrics ?? [] } : undefined,
  };
}

function toShard(s: NativeShard, line: number): Shard {
  const hash = s.sha256 ? `sha256:${s.sha256}` : s.md5 ? `md5:${s.md5}` : s.etag ? `etag:${s.etag}` : undefined;
  const g = s.generator;
  return {
    id: s.id !== undefined ? String(s.id) : s.path!,
    path: s.path,
    hash,
    rows: s.rows,
    tokens: s.tokens,
    bytes: s.bytes,
    weight: s.weight,
    origin: s.origin,
    syntheticFraction: s.synthetic_fraction,
    source: s.source,
    collected: s.collected,
    license: s.license,
    tags: s.tags ?? [],
    categories: s.categories,
    generator: g ? { model: g.model, depth: g.depth, trainedOn: g.trained_on, verified: g.verified } : undefined,
    verified: s.verified,
    line,
  };
}

function validationError(file: string, error: z.ZodError, lineOf: (p: (string | number)[]) => number | undefined): ManifestError {
  const issue = error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // The deepest node that exists gives the line (a missing key points at its parent).
  let line: number | undefined;
  for (let n = path.length; n >= 0 && line === undefined; n--) line = lineOf(path.slice(0, n));
  const where = path.length ? `${path.join('.')}: ` : '';
  return new ManifestError(file, line, `${where}${issue.message}`);
}

function nodeLine(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  if (path.length === 0) return doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : 1;
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  // Scalars come back as values without keepScalar on some paths; fall back to the parent collection.
  const parent = doc.getIn(path.slice(0, -1), true);
  if ((isMap(parent) || isSeq(parent)) && parent.range) return lines.linePos(parent.range[0]).line;
  return undefined;
}

function jsonErrorLine(text: string, e: unknown): number | undefined {
  const m = /position (\d+)/.exec((e as Error).message);
  if (m) return text.slice(0, Number(m[1])).split('\n').length;
  const lm = /line (\d+)/.exec((e as Error).message);
  return lm ? Number(lm[1]) : undefined;
}
