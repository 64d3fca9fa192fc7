// Reads Data Provenance Initiative summaries (SPEC §4): `data_summaries*/<Collection>.json` maps each
// sub-dataset's unique identifier to its audited facts. Each sub-dataset is a shard.
import type { ManifestFormat } from './formats.js';
import { ManifestError } from './manifest-error.js';
import { detectJson, readJson } from './read-source.js';
import type { Dataset, Origin, Shard } from './model.js';

type Node = Record<string, unknown>;
type LineOf = (path: (string | number)[]) => number;

const CANDIDATE = /(^|\/)data_summaries[^/]*\/(?:[^/]+\/)*[^/]+\.json$/i;
const NAME_KEYS = ['Dataset Name', 'Unique Dataset Identifier'];
const FACT_KEYS = ['Model Generated', 'Human Annotation', 'Text Metrics', 'Licenses', 'Collection'];
// The repository's `_template.json` holds one placeholder entry whose values describe the fields'
// types ("string: Common name of dataset"). It describes no data: its entries are skipped.
const TEMPLATE_KEY = /must match unique identifier/i;
const TEMPLATE_VALUE = /^(string|int|list\[[^\]]*\])\b[^:]*:/;

export const dataProvenanceFormat: ManifestFormat = {
  kind: 'inventory',
  provenanceFields: ['origin', 'source', 'license', 'generator.model'],
  name: 'data-provenance',
  candidate: (path) => CANDIDATE.test(path),
  detect: (path, text) => detectJson(
    text,
    (value) => {
      if (!isNode(value)) return false;
      const entries = Object.values(value);
      return entries.length > 0 && entries.every(isNode) && entries.some(isSummary);
    },
    // Not the repository's _template_spec.yaml, which is in Python syntax.
    () => /\.json$/i.test(path) && /"(Dataset Name|Unique Dataset Identifier)"\s*:/.test(text) && /"(Model Generated|Licenses|Text Metrics)"\s*:/.test(text),
  ),
  parse: parseDataProvenance,
};

function isSummary(entry: Node): boolean {
  return NAME_KEYS.some((k) => k in entry) && FACT_KEYS.some((k) => k in entry);
}

export function parseDataProvenance(file: string, text: string): Dataset {
  const source = readJson(file, text);
  const lineOf: LineOf = (path) => source.lineOf(path) ?? 1;
  const root = source.value;
  if (!isNode(root)) throw new ManifestError(file, 1, 'expected a JSON object mapping each dataset identifier to its summary');
  const shards: Shard[] = [];
  let name: string | undefined;
  for (const [id, entry] of Object.entries(root)) {
    if (!isNode(entry)) throw new ManifestError(file, lineOf([id]), `${id}: expected an object with the dataset's summary`);
    if (isTemplate(id, entry)) continue;
    const shard = toShard(file, id, entry, lineOf);
    // The collection (the file's name without .json, by the repository's rule) names the whole file.
    name ??= optionalString(file, entry, id, 'Collection', lineOf);
    shards.push(shard);
  }
  return { name, shards };
}

function isTemplate(id: string, entry: Node): boolean {
  const ident = entry['Unique Dataset Identifier'] ?? entry['Dataset Name'];
  return TEMPLATE_KEY.test(id) || (typeof ident === 'string' && TEMPLATE_VALUE.test(ident));
}

function toShard(file: string, id: string, e: Node, lineOf: LineOf): Shard {
  const models = stringList(file, e, id, 'Model Generated', lineOf);
  const human = humanAnnotation(file, e, id, lineOf);
  // Model Generated non-empty → synthetic, and mixed when humans annotated too; an empty list says
  // no model wrote it. A summary without the field (the speech schema) says nothing: left unknown.
  let origin: Origin | undefined;
  if (models !== undefined) origin = models.length === 0 ? 'human' : human ? 'mixed' : 'synthetic';
  const sources = stringList(file, e, id, 'Text Sources', lineOf) ?? stringList(file, e, id, 'Source', lineOf);
  return {
    id,
    rows: numDialogs(file, e, id, lineOf),
    origin,
    source: sources?.length ? sources.join(', ') : optionalString(file, e, id, 'Dataset URL', lineOf),
    license: licenses(file, e, id, lineOf),
    generator: models?.length ? { model: models.join(', ') } : undefined,
    tags: [],
    line: lineOf([id]),
  };
}

/**
 * Only `Num Dialogs` in `Text Metrics` counts data (rows). The other metrics are lengths and turns
 * per dialog (mean/min/max), not amounts, so they are not mapped.
 */
function numDialogs(file: string, e: Node, id: string, lineOf: LineOf): number | undefined {
  const metrics = e['Text Metrics'];
  if (metrics === undefined || metrics === null || metrics === '') return undefined;
  if (!isNode(metrics)) throw new ManifestError(file, lineOf([id, 'Text Metrics']), `${id}.Text Metrics: expected an object`);
  const n = metrics['Num Dialogs'];
  if (n === undefined || n === null || n === '') return undefined;
  const value = typeof n === 'string' && /^\d+$/.test(n.trim()) ? Number(n) : n;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ManifestError(file, lineOf([id, 'Text Metrics', 'Num Dialogs']), `${id}.Text Metrics.Num Dialogs: expected a non-negative number`);
  }
  return value;
}

function humanAnnotation(file: string, e: Node, id: string, lineOf: LineOf): boolean {
  const v = e['Human Annotation'];
  if (v === undefined || v === null || typeof v === 'boolean') return v === true;
  if (typeof v !== 'string') throw new ManifestError(file, lineOf([id, 'Human Annotation']), `${id}.Human Annotation: expected "Yes" or "No"`);
  return /^\s*yes\b/i.test(v);
}

/** `Licenses`: a list of { License, License URL }; the names, joined. */
function licenses(file: string, e: Node, id: string, lineOf: LineOf): string | undefined {
  const list = e['Licenses'];
  if (list === undefined || list === null || list === '') return undefined;
  if (!Array.isArray(list)) throw new ManifestError(file, lineOf([id, 'Licenses']), `${id}.Licenses: expected a list of { License, License URL }`);
  const names = list.map((l, i) => {
    const name = isNode(l) ? l['License'] : l;
    if (name !== undefined && name !== null && typeof name !== 'string') {
      throw new ManifestError(file, lineOf([id, 'Licenses', i]), `${id}.Licenses.${i}.License: expected a string`);
    }
    return typeof name === 'string' ? name.trim() : '';
  });
  const unique = [...new Set(names.filter((n) => n !== ''))];
  return unique.length ? unique.join(', ') : undefined;
}

/** A list of strings (a single string is a list of one); undefined when the field is absent or null. */
function stringList(file: string, e: Node, id: string, key: string, lineOf: LineOf): string[] | undefined {
  const v = e[key];
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  if (!items.every((x) => typeof x === 'string')) throw new ManifestError(file, lineOf([id, key]), `${id}.${key}: expected a list of strings`);
  return (items as string[]).map((x) => x.trim()).filter((x) => x !== '');
}

function optionalString(file: string, e: Node, id: string, key: string, lineOf: LineOf): string | undefined {
  const v = e[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ManifestError(file, lineOf([id, key]), `${id}.${key}: expected a string`);
  return v.trim() || undefined;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
