// Reads Data Provenance Initiative summaries (SPEC §4): `data_summaries*/<Collection>.json` maps each
// sub-dataset's unique identifier to its audited facts. Each sub-dataset is a shard. Only a file that is
// not JSON, or not an object of summaries, is invalid: a field of an unexpected type is unknown, with a note.
import { isRecord } from '../../text/guards.js';
import { duplicateKeyNotes } from '../notes.js';
import type { ManifestFormat } from '../types.js';
import { SourceError } from '../../text/source-error.js';
import { detectJson, readJson } from '../../text/read.js';
import type { Dataset, Origin, ReadNote, Shard } from '../model.js';

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
  title: 'Data Provenance Initiative',
  kind: 'inventory',
  provenanceFields: ['origin', 'source', 'license', 'generator.model'],
  name: 'data-provenance',
  candidate: (path) => CANDIDATE.test(path),
  detect: (path, text) =>
    detectJson(
      text,
      (value) => {
        if (!isRecord(value)) return false;
        const entries = Object.values(value);
        return entries.length > 0 && entries.every(isRecord) && entries.some(isSummary);
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
  // JSON readers keep the last of two equal keys; so does this one, and says so.
  const source = readJson(file, text, { duplicateKeys: 'last-wins' });
  const lineOf: LineOf = (path) => source.lineOf(path) ?? 1;
  const root = source.value;
  if (!isRecord(root)) throw new SourceError(file, 1, 'expected a JSON object mapping each dataset identifier to its summary');
  const shards: Shard[] = [];
  const notes: ReadNote[] = duplicateKeyNotes(source);
  let name: string | undefined;
  for (const [id, entry] of Object.entries(root)) {
    if (!isRecord(entry)) {
      notes.push({ field: id, severity: 'info', line: lineOf([id]), detail: `${id} is ${describe(entry)}, not a dataset's summary: it is not read` });
      continue;
    }
    if (isTemplate(id, entry)) continue;
    const fields = new Fields(id, entry, lineOf, notes);
    shards.push(toShard(id, fields, lineOf([id])));
    // The collection (the file's name without .json, by the repository's rule) names the whole file.
    name ??= fields.text('Collection');
  }
  return { name, shards, ...(notes.length > 0 ? { notes } : {}) };
}

function isTemplate(id: string, entry: Node): boolean {
  const ident = entry['Unique Dataset Identifier'] ?? entry['Dataset Name'];
  return TEMPLATE_KEY.test(id) || (typeof ident === 'string' && TEMPLATE_VALUE.test(ident));
}

function toShard(id: string, f: Fields, line: number): Shard {
  const models = f.strings('Model Generated');
  const human = f.humanAnnotation();
  // Model Generated non-empty → synthetic, and mixed when humans annotated too; an empty list says
  // no model wrote it. A summary without the field (the speech schema) says nothing: left unknown.
  let origin: Origin | undefined;
  if (models !== undefined) origin = models.length === 0 ? 'human' : human ? 'mixed' : 'synthetic';
  const sources = f.strings('Text Sources') ?? f.strings('Source');
  return {
    id,
    rows: f.numDialogs(),
    origin,
    source: sources?.length ? sources.join(', ') : f.text('Dataset URL'),
    license: f.licenses(),
    generator: models?.length ? { model: models.join(', ') } : undefined,
    tags: [],
    line,
  };
}

/**
 * One summary's fields, read as the collection's own tools read them: a field of an unexpected
 * type is unknown (undefined), with an info note, and never stops the rest of the entry being read.
 */
class Fields {
  constructor(
    private readonly id: string,
    private readonly e: Node,
    private readonly lineOf: LineOf,
    private readonly notes: ReadNote[],
  ) {}

  /** Notes the field at `path` (`at`: where in the file, when list positions are needed) as not understood. */
  private unknown(path: string[], value: unknown, expected: string, at: (string | number)[] = path): undefined {
    this.notes.push({
      field: path.join('.'),
      severity: 'info',
      line: this.lineOf([this.id, ...at]),
      shard: this.id,
      detail: `${path.join('.')} is ${describe(value)}, not ${expected}: not understood, treated as unknown`,
    });
    return undefined;
  }

  /** A list of strings (a single string is a list of one); undefined when absent, null or not understood. */
  strings(key: string): string[] | undefined {
    const v = this.e[key];
    if (v === undefined || v === null) return undefined;
    const items = Array.isArray(v) ? v : [v];
    if (!items.every((x) => typeof x === 'string')) return this.unknown([key], v, 'a list of strings');
    return (items as string[]).map((x) => x.trim()).filter((x) => x !== '');
  }

  text(key: string): string | undefined {
    const v = this.e[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.unknown([key], v, 'a string');
    return v.trim() || undefined;
  }

  /** `Human Annotation`: "Yes" or "No" (or a boolean); anything else is unknown, which is not "Yes". */
  humanAnnotation(): boolean {
    const v = this.e['Human Annotation'];
    if (v === undefined || v === null || typeof v === 'boolean') return v === true;
    if (typeof v === 'string') return /^\s*yes\b/i.test(v);
    this.unknown(['Human Annotation'], v, '"Yes" or "No"');
    return false;
  }

  /**
   * Only `Num Dialogs` in `Text Metrics` counts data (rows). The other metrics are lengths and turns
   * per dialog (mean/min/max), not amounts, so they are not mapped.
   */
  numDialogs(): number | undefined {
    const metrics = this.e['Text Metrics'];
    if (metrics === undefined || metrics === null || metrics === '') return undefined;
    if (!isRecord(metrics)) return this.unknown(['Text Metrics'], metrics, 'an object of metrics');
    const n = metrics['Num Dialogs'];
    if (n === undefined || n === null || n === '') return undefined;
    const value = typeof n === 'string' && /^\d+$/.test(n.trim()) ? Number(n) : n;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    return this.unknown(['Text Metrics', 'Num Dialogs'], n, 'a count');
  }

  /** `Licenses`: a list of { License, License URL } (or of names); the names, joined. */
  licenses(): string | undefined {
    const list = this.e['Licenses'];
    if (list === undefined || list === null || list === '') return undefined;
    const items = Array.isArray(list) ? list : typeof list === 'string' ? [list] : undefined;
    if (!items) return this.unknown(['Licenses'], list, 'a list of { License, License URL }');
    const names = items.map((l, i) => {
      const name = isRecord(l) ? l['License'] : l;
      if (name === undefined || name === null || typeof name === 'string') return name?.trim() ?? '';
      return this.unknown(['Licenses', 'License'], name, 'a licence name', ['Licenses', i, ...(isRecord(l) ? ['License'] : [])]) ?? '';
    });
    const unique = [...new Set(names.filter((n) => n !== ''))];
    return unique.length ? unique.join(', ') : undefined;
  }
}

/** What a value is, in a few words, for a note. */
function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (isRecord(v)) return 'an object';
  const text = JSON.stringify(v) ?? String(v);
  return `${typeof v === 'string' ? 'the text' : typeof v === 'number' ? 'the number' : 'the value'} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
