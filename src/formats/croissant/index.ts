// Reads MLCommons Croissant JSON-LD (SPEC §4): each `cr:FileObject` / `cr:FileSet` in `distribution`
// is a shard. Croissant states provenance per dataset (RAI `dataCollectionType`, PROV agents,
// keywords), so every shard carries the dataset-level facts. Only a file that is not JSON, or holds no
// Dataset, is invalid: a value it cannot interpret (a blank contentSize) is unknown, with a note.
import { isRecord } from '../../text/guards.js';
import { duplicateKeyNotes } from '../notes.js';
import type { ManifestFormat } from '../types.js';
import { SourceError } from '../../text/source-error.js';
import { detectJson, readJson } from '../../text/read.js';
import type { Dataset, Generator, Origin, ReadNote, Shard } from '../model.js';

type Node = Record<string, unknown>;
type Path = (string | number)[];

/** Names Croissant files go by: `metadata.json`, any JSON naming croissant (`c4_croissant.json`, `croissant_metadata.json`), JSON-LD. */
const CANDIDATE = /(^|\/)(metadata\.json|[^/]*croissant[^/]*\.json|[^/]+\.jsonld)$/i;
const CROISSANT_IRI = /mlcommons\.org\/croissant/i;
const DATASET_TYPE = /^(sc:|schema:|https?:\/\/schema\.org\/)?Dataset$/i;
// Croissant file types; a plain schema.org DataDownload is the FileObject's parent class.
const FILE_OBJECT = /(^|[:/#])(FileObject|DataDownload)$/;
const FILE_SET = /(^|[:/#])FileSet$/;

// Only a real hex digest is a hash: generators write a placeholder URL (croissant issue #80) instead.
const SHA256 = /^[0-9a-f]{64}$/i;
const MD5 = /^[0-9a-f]{32}$/i;

// RAI dataCollectionType: the recommended values are all ways of collecting real data; generation
// and simulation are synthetic. "User-generated" content is real, hence the look-behinds.
const SYNTHETIC_COLLECTION = /synthe|(?<!user[- ])(?<!human[- ])generat|simulat|\bllm\b|model[- ]output/i;
const HUMAN_COLLECTION = new RegExp(
  [
    'user[- ]generated|human|manual|crowd|survey|scrap|crawl|web api|focus group|self[- ]report|customer feedback|physical data',
    'direct measurement|document analysis|experiment|passive data|secondary data|software collection|interview',
  ].join('|'),
  'i',
);
const WEB_COLLECTION = /scrap|crawl/i;
/** A longer dataCollectionType is prose (real files put sentences there), not a type: it is not classified. */
const MAX_TYPE_LENGTH = 60;

// A SoftwareAgent generated the data when its activity says so, or when it is a language model not
// merely used to filter (WildChat's moderation API and PII scrubber removed data, they wrote none).
const GENERATION = /(?<!user[- ])(?<!human[- ])generat|synthes|distil|paraphras|translat|augment|simulat|rewr[io]t|written by|authored/i;
const PROCESSING = /remov|filter|dedup|de-?identif|anonymi|redact|moderat|clean|classif|detect|annotat|scor|rank|tokeni|\bpii\b|toxic/i;
const LANGUAGE_MODEL = new RegExp(
  '\\b(chat-?gpt|gpt(-?[\\d.]+[a-z]*)?|llama[\\w.-]*|claude|gemini|mistral|mixtral|qwen[\\w.-]*|falcon|palm ?2?|deepseek|gemma|phi-?\\d' +
    '|command[- ]r|vicuna|bloom|olmo|llm|language model)\\b',
  'i',
);
const HUMAN_KEYWORDS = new Set(['crowdsourced', 'expert-generated', 'found']);

/** Bounds the walk through nested JSON-LD values (lists of lists, @list, @value). */
const MAX_DEPTH = 8;

export const croissantFormat: ManifestFormat = {
  title: 'Croissant',
  kind: 'inventory',
  provenanceFields: ['origin', 'source', 'license', 'collected', 'hash', 'generator.model'],
  name: 'croissant',
  candidate: (path) => CANDIDATE.test(path),
  detect: (path, text) =>
    detectJson(
      text,
      (value) => isRecord(value) && isCroissant(value),
      // Not the RAI vocabulary in Turtle, or any other non-JSON file that mentions Croissant.
      () => /\.json(ld)?$/i.test(path) && text.trimStart().startsWith('{') && CROISSANT_IRI.test(text),
    ),
  parse: parseCroissant,
};

function isCroissant(root: Node): boolean {
  if (CROISSANT_IRI.test(JSON.stringify(root['@context'] ?? null))) return true;
  if (strings(prop(root, 'conformsTo')?.value).some((s) => CROISSANT_IRI.test(s))) return true;
  return isDataset(root) && prop(root, 'distribution') !== undefined;
}

function isDataset(node: Node): boolean {
  return strings(node['@type']).some((t) => DATASET_TYPE.test(t));
}

export function parseCroissant(file: string, text: string): Dataset {
  // JSON readers keep the last of two equal keys; so does this one, and says so.
  const source = readJson(file, text, { duplicateKeys: 'last-wins' });
  const lineOf = (path: Path) => source.lineOf(path) ?? 1;
  const { node: root, at } = datasetNode(file, source.value, lineOf);
  const facts = datasetFacts(root);

  const dist = prop(root, 'distribution');
  const shards: Shard[] = [];
  const notes: ReadNote[] = duplicateKeyNotes(source);
  if (dist !== undefined) {
    const entries = Array.isArray(dist.value) ? dist.value : [dist.value];
    entries.forEach((entry, i) => {
      const path = Array.isArray(dist.value) ? [...at, dist.key, i] : [...at, dist.key];
      if (!isRecord(entry)) {
        notes.push(unknownNote(dist.key, lineOf(path), `${dist.key}[${i}] is ${JSON.stringify(entry)}, not a FileObject or FileSet: it is not read`));
        return;
      }
      const shard = fileShard(entry, path, lineOf, notes);
      // Each shard gets its own copies, so that filling one (provenance map) never changes another.
      const g = facts.shared.generator;
      if (shard) shards.push({ ...shard, ...facts.shared, tags: [...facts.shared.tags], generator: g && { ...g } });
    });
  }
  return { name: facts.name, shards, ...(notes.length > 0 ? { notes } : {}) };
}

function unknownNote(field: string, line: number, detail: string, shard?: string): ReadNote {
  return { field, severity: 'info', line, ...(shard !== undefined ? { shard } : {}), detail };
}

/** The Dataset node: the document itself, or the Dataset inside an `@graph`. */
function datasetNode(file: string, value: unknown, lineOf: (p: Path) => number): { node: Node; at: Path } {
  if (!isRecord(value)) throw new SourceError(file, 1, 'expected a JSON-LD object describing a dataset');
  const graph = value['@graph'];
  if (Array.isArray(graph) && !isDataset(value)) {
    const i = graph.findIndex((n) => isRecord(n) && isDataset(n));
    if (i < 0) throw new SourceError(file, lineOf(['@graph']), '@graph: no node of @type Dataset');
    return { node: graph[i] as Node, at: ['@graph', i] };
  }
  return { node: value, at: [] };
}

function fileShard(entry: Node, path: Path, lineOf: (p: Path) => number, notes: ReadNote[]): Omit<Shard, 'tags'> | undefined {
  const types = strings(entry['@type']);
  const isSet = types.some((t) => FILE_SET.test(t));
  if (!isSet && !types.some((t) => FILE_OBJECT.test(t))) return undefined; // other resources are not data files
  const line = lineOf(path);
  const location = isSet ? strings(prop(entry, 'includes')?.value).join(', ') : strings(prop(entry, 'contentUrl')?.value)[0];
  const id = text(entry['@id']) ?? text(prop(entry, 'name')?.value) ?? location;
  if (!id) {
    notes.push(unknownNote('@id', line, 'a FileObject or FileSet with no @id, name or location cannot be told from the others: it is not read'));
    return undefined;
  }
  const size = prop(entry, 'contentSize');
  const bytes = size === undefined ? undefined : parseSize(size.value);
  if (size !== undefined && bytes === undefined && flat(size.value).length > 0) {
    const detail = `contentSize ${JSON.stringify(scalar(size.value))} is not a size (such as 8813 B, 1.2 MB, 3.5 GiB): not understood, treated as unknown`;
    notes.push(unknownNote(size.key, lineOf([...path, size.key]), detail, id));
  }
  return { id, path: location || undefined, hash: digest(entry), bytes, line };
}

function digest(entry: Node): string | undefined {
  const sha = strings(prop(entry, 'sha256')?.value).find((s) => SHA256.test(s));
  if (sha) return `sha256:${sha.toLowerCase()}`;
  const md5 = strings(prop(entry, 'md5')?.value).find((s) => MD5.test(s));
  return md5 ? `md5:${md5.toLowerCase()}` : undefined;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
};

/**
 * `contentSize`: a number of bytes, or "1.2 MB" (KB/MB/GB are 1000-based, KiB/MiB/GiB 1024-based);
 * undefined for anything else, such as the blank " B" some generators write.
 */
export function parseSize(value: unknown): number | undefined {
  const v = scalar(value);
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const m = /^(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i.exec(v.trim());
  const factor = m ? SIZE_UNITS[(m[2] || 'b').toLowerCase()] : undefined;
  return m && factor !== undefined ? Math.round(Number(m[1]!.replace(/,/g, '')) * factor) : undefined;
}

interface DatasetFacts {
  name?: string;
  shared: Pick<Shard, 'origin' | 'source' | 'license' | 'collected' | 'generator'> & { tags: string[] };
}

function datasetFacts(root: Node): DatasetFacts {
  const agents = generatorAgents(root);
  const evidence = originEvidence(root, agents);
  const origin: Origin | undefined = evidence.synthetic && evidence.human ? 'mixed' : evidence.synthetic ? 'synthetic' : evidence.human ? 'human' : undefined;
  const synthetic = origin === 'synthetic' || origin === 'mixed';
  // Without a named agent, a model named in the keywords (OpenHermes: "Synthetic", "GPT-4") is the generator.
  const models = agents.length > 0 ? agents : synthetic ? strings(prop(root, 'keywords')?.value).filter((k) => LANGUAGE_MODEL.test(k)) : [];
  const generator: Generator | undefined = synthetic && models.length > 0 ? { model: unique(models).join(', ') } : undefined;
  return {
    name: strings(prop(root, 'name')?.value)[0],
    shared: {
      origin,
      // The dataset's own `url` is its home page, not where its data came from: not a source.
      source: derivedFrom(root),
      license: joined(prop(root, 'license')?.value),
      collected: collectionDate(root),
      generator,
      tags: evidence.web ? ['web'] : [],
    },
  };
}

function originEvidence(root: Node, agents: string[]): { human: boolean; synthetic: boolean; web: boolean } {
  let human = false;
  let synthetic = agents.length > 0;
  let web = false;
  for (const type of strings(prop(root, 'dataCollectionType')?.value)) {
    if (type.length > MAX_TYPE_LENGTH) continue;
    if (SYNTHETIC_COLLECTION.test(type)) synthetic = true;
    if (HUMAN_COLLECTION.test(type)) human = true;
    if (WEB_COLLECTION.test(type)) web = true;
  }
  for (const keyword of strings(prop(root, 'keywords')?.value)) {
    const k = keyword.trim().toLowerCase();
    if (k.includes('synthetic') || k === 'machine-generated') synthetic = true;
    if (HUMAN_KEYWORDS.has(k)) human = true;
  }
  return { human, synthetic, web };
}

/** Names of the SoftwareAgents that generated the data (PROV attribution or a generating activity). */
function generatorAgents(root: Node): string[] {
  const byId = new Map<string, Node>();
  const associated = nodes(prop(root, 'wasAssociatedWith')?.value);
  for (const a of associated) {
    const id = text(a['@id']) ?? text(a['id']);
    if (id) byId.set(id, a);
  }
  const resolve = (a: Node): Node => {
    const id = text(a['@id']) ?? text(a['id']);
    return id && byId.has(id) && !isSoftwareAgent(a) ? byId.get(id)! : a;
  };
  const names: string[] = [];
  const add = (a: Node) => names.push(text(a['name']) ?? text(prop(a, 'label')?.value) ?? text(a['@id']) ?? text(a['id']) ?? 'software agent');

  // Data attributed to software was written by it.
  for (const a of nodes(prop(root, 'wasAttributedTo')?.value).map(resolve)) if (isSoftwareAgent(a)) add(a);
  for (const activity of nodes(prop(root, 'wasGeneratedBy')?.value)) {
    const what = describe(activity);
    for (const a of nodes(prop(activity, 'wasAssociatedWith')?.value).map(resolve)) {
      if (isSoftwareAgent(a) && generates(`${what} ${describe(a)}`, describe(a))) add(a);
    }
  }
  // A dataset-level association has no activity to say what the agent did: only its own description.
  for (const a of associated) if (isSoftwareAgent(a) && generates(describe(a), describe(a))) add(a);
  return unique(names);
}

function generates(context: string, agent: string): boolean {
  return GENERATION.test(context) || (LANGUAGE_MODEL.test(agent) && !PROCESSING.test(context));
}

function isSoftwareAgent(node: Node): boolean {
  return strings(node['@type']).some((t) => /(^|[:/#])SoftwareAgent$/.test(t));
}

/** What a PROV node says about itself: its id, name, label and description. */
function describe(node: Node): string {
  const own = [node['@id'], node['id']].flatMap((v) => strings(v));
  return [...own, ...['name', 'label', 'description'].flatMap((k) => strings(prop(node, k)?.value))].join(' ');
}

/** `prov:wasDerivedFrom`: the entities' names and locations. */
function derivedFrom(root: Node): string | undefined {
  const parts: string[] = [];
  for (const v of flat(prop(root, 'wasDerivedFrom')?.value)) {
    if (isRecord(v)) {
      const name = text(prop(v, 'label')?.value) ?? text(prop(v, 'name')?.value);
      const where = text(prop(v, 'atLocation')?.value) ?? text(prop(v, 'url')?.value) ?? (name ? undefined : text(v['@id']));
      const both = [name, where].filter(Boolean);
      if (both.length) parts.push(both.length === 2 ? `${name} (${where})` : both[0]!);
    } else if (text(v)) parts.push(text(v)!);
  }
  return parts.length ? unique(parts).join(', ') : undefined;
}

/**
 * When the data was collected: RAI `dataCollectionTimeframe`, else `temporalCoverage`, else the latest
 * date of a PROV activity. `datePublished` is when it was released, not collected, and is not used.
 */
function collectionDate(root: Node): string | undefined {
  for (const key of ['dataCollectionTimeframe', 'temporalCoverage']) {
    const end = periodEnd(strings(prop(root, key)?.value));
    if (end) return end;
  }
  const dates: string[] = [];
  for (const activity of nodes(prop(root, 'wasGeneratedBy')?.value)) {
    for (const key of ['endedAtTime', 'startedAtTime', 'atTime']) {
      const d = periodEnd(strings(prop(activity, key)?.value));
      if (d) {
        dates.push(d);
        break;
      }
    }
  }
  return dates.sort().at(-1);
}

/** The end of an ISO 8601 period ("A/B", or [A, B]) or of a single date, at its precision. */
function periodEnd(values: string[]): string | undefined {
  if (values.length === 0) return undefined;
  const last = values.length > 1 ? values.at(-1)! : values[0]!;
  const range = last.split('/');
  const end = range.length === 2 ? range[1]!.trim() : last.trim();
  const years = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(end);
  return endOfDate(years ? years[2]! : end);
}

function endOfDate(s: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 12;
  if (month < 1 || month > 12) return undefined;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] ? Number(m[3]) : lastDay;
  if (day < 1 || day > lastDay) return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---- JSON-LD helpers -----------------------------------------------------------------------------

/** A property by its local name, whatever prefix or IRI the file spells it with (rai:, prov:, sc:, full IRI). */
function prop(node: Node, name: string): { key: string; value: unknown } | undefined {
  if (Object.hasOwn(node, name)) return { key: name, value: node[name] };
  const key = Object.keys(node).find((k) => k.endsWith(`:${name}`) || k.endsWith(`/${name}`) || k.endsWith(`#${name}`));
  return key === undefined ? undefined : { key, value: node[key] };
}

/** A JSON-LD value as a flat list: arrays, `@list`/`@set` unwrapped, `@value` objects to their value. */
function flat(value: unknown, depth = 0): unknown[] {
  if (value === undefined || value === null || depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((v) => flat(v, depth + 1));
  if (isRecord(value)) {
    if ('@value' in value) return flat(value['@value'], depth + 1);
    if ('@list' in value) return flat(value['@list'], depth + 1);
    if ('@set' in value) return flat(value['@set'], depth + 1);
  }
  return [value];
}

function nodes(value: unknown): Node[] {
  return flat(value).filter(isRecord);
}

function strings(value: unknown): string[] {
  return flat(value)
    .map((v) => (typeof v === 'number' ? String(v) : v))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
}

function scalar(value: unknown): unknown {
  const all = flat(value);
  return all.length === 1 ? all[0] : all.length === 0 ? undefined : value;
}

function text(value: unknown): string | undefined {
  const v = scalar(value);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** A license: strings, or CreativeWork objects named or linked. */
function joined(value: unknown): string | undefined {
  const parts = flat(value).flatMap((v) => (isRecord(v) ? [text(prop(v, 'name')?.value) ?? text(prop(v, 'url')?.value) ?? text(v['@id'])] : strings(v)));
  const names = unique(parts.filter((p): p is string => p !== undefined));
  return names.length ? names.join(', ') : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
