// Hugging Face dataset cards (SPEC §4): the YAML front-matter of a README.md (or <name>.md).
// Only the front-matter is read; the prose below it is free text and never parsed.
// Shards are the card's configs/data_files (else its dataset_info splits); every shard carries
// the card's origin, source and licence, or its config's where a legacy card states them per config.
// Cards are read as the Hub reads them: a field this reader cannot interpret is left unknown with a
// note, never an error; only a front-matter that is missing or not YAML is.
import { isRecord } from '../../text/guards.js';
import { duplicateKeyNotes } from '../notes.js';
import type { ManifestFormat, ReadOptions } from '../types.js';
import { globToRegExp } from '../../text/glob.js';
import { SourceError } from '../../text/source-error.js';
import { readYaml } from '../../text/read.js';
import type { Dataset, Origin, ReadNote, Shard } from '../model.js';

/** Top-level keys that make a front-matter a dataset card rather than, say, a blog post's. */
const CARD_KEYS = [
  'configs',
  'dataset_info',
  'language_creators',
  'annotations_creators',
  'source_datasets',
  'task_categories',
  'license',
  'size_categories',
  'pretty_name',
  'tags',
  'language',
];
/** Keys only a dataset card has: a `synthetic` tag alone on a generic page is not a dataset. */
const DATASET_ONLY_KEYS = ['task_categories', 'task_ids', 'size_categories', 'source_datasets', 'pretty_name'];
const CARD_KEY_LINE = new RegExp(`^["']?(?:${CARD_KEYS.join('|')})["']?[ \\t]*:`);
/** Other Markdown files (docs pages, blog posts) must carry a key no site generator uses. */
const DATASET_KEYS = ['configs', 'dataset_info', 'language_creators', 'annotations_creators', ...DATASET_ONLY_KEYS];
const DATASET_KEY_LINE = new RegExp(`^["']?(?:${DATASET_KEYS.join('|')})["']?[ \\t]*:`);
const FENCE = /^---[ \t]*$/;

/**
 * Cards of 2020-21 wrote these keys per config (`size_categories: {config_a: [...], config_b: [...]}`),
 * until the configs moved to `configs: [names]`: the keys of such a mapping are the card's configs.
 */
const PER_CONFIG_KEYS = [
  'size_categories',
  'source_datasets',
  'task_categories',
  'task_ids',
  'language_creators',
  'annotations_creators',
  'licenses',
  'multilinguality',
  'languages',
  'pretty_name',
];

const HUMAN_CREATORS = new Set(['found', 'crowdsourced', 'expert-generated']);
const SYNTHETIC_CREATORS = new Set(['machine-generated']);

export const hfDatasetCardFormat: ManifestFormat = {
  title: 'Hugging Face dataset card',
  kind: 'inventory',
  provenanceFields: ['origin', 'source', 'license'],
  name: 'hf-dataset-card',
  candidate: (path) => /\.md$/i.test(path),
  // A line test, not a YAML parse: a card with broken YAML must still be claimed, so that it is
  // reported as invalid instead of silently skipped.
  detect: (path, text) => {
    const fm = frontMatter(text);
    const keyLine = /(^|\/)README\.md$/i.test(path) ? CARD_KEY_LINE : DATASET_KEY_LINE;
    return fm?.close !== undefined && fm.lines.slice(1, fm.close - 1).some((l) => keyLine.test(l));
  },
  parse: parseHfDatasetCard,
};

type Raw = Record<string, unknown>;
type Path = (string | number)[];
type Scalar = string | number | boolean;
type Counts = Pick<Shard, 'rows' | 'bytes'>;

/** A list-of-strings fact (creators, sources, licences): for the whole card, or per config. */
interface Fact {
  card: string[];
  perConfig?: Map<string, string[]>;
}

/** A config as the card lays it out, before it becomes shards. */
interface Config {
  name: string;
  line: number;
  at: Path;
  dataDir?: string;
  /** data_files: undefined when the config names no files. */
  files?: unknown;
}

/** A shard with the config it belongs to (config names may contain `/`, so ids are not split). */
interface ConfigShard {
  config: string;
  shard: Shard;
}

const UNKNOWN = 'not understood, treated as unknown';

// ---- front-matter ----

interface FrontMatter {
  /** The file's lines up to the closing fence (all of them when it never closes). */
  lines: string[];
  /** 1-based line of the closing `---`, undefined when the block never closes. */
  close?: number;
}

function frontMatter(text: string): FrontMatter | undefined {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstEnd = body.indexOf('\n');
  if (!FENCE.test((firstEnd < 0 ? body : body.slice(0, firstEnd)).replace(/\r$/, ''))) return undefined;
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  for (let i = 1; i < lines.length; i++) {
    if (FENCE.test(lines[i]!)) return { lines: lines.slice(0, i + 1), close: i + 1 };
  }
  return { lines };
}

/** 1-based line of a top-level key of the front-matter, if written plainly (the last one, which counts). */
function keyLine(fm: FrontMatter, key: string): number | undefined {
  const re = new RegExp(`^["']?${key}["']?[ \\t]*:`);
  const lines = fm.lines.map((l, n) => (n > 0 && re.test(l) ? n + 1 : 0)).filter((n) => n > 0);
  return lines.at(-1);
}

// ---- parse ----

export function parseHfDatasetCard(file: string, text: string, options: ReadOptions = {}): Dataset {
  const fm = frontMatter(text);
  if (!fm) throw new SourceError(file, 1, 'no YAML front-matter: a dataset card starts with a `---` line');
  if (fm.close === undefined) throw new SourceError(file, 1, 'the front-matter opened on line 1 is never closed by a `---` line');
  // The opening fence becomes an empty line, so YAML line numbers are the file's line numbers.
  const yaml = ['', ...fm.lines.slice(1, fm.close - 1)].join('\n');
  const source = readYaml(file, yaml, { duplicateKeys: 'last-wins', fast: options.fastPaths !== false });
  const value = source.value;
  if (value === null || value === undefined) throw new SourceError(file, 1, 'the front-matter is empty');
  if (!isRecord(value)) throw new SourceError(file, source.lineOf([]) ?? 2, 'the front-matter must be a mapping of card fields');
  // A top-level field is placed at its key, a nested one at its value.
  const card = new CardReader(value, (path) => (path.length === 1 ? keyLine(fm, String(path[0])) : undefined) ?? source.lineOf(path) ?? 2);

  const info = card.datasetInfo();
  const counts = splitCounts(info);
  let shards = withoutAggregates(
    card.configs().flatMap((c) => configShards(c, counts.get(c.name), card)),
    card,
  );
  if (shards.length === 0) shards = infoShards(info, card);
  const facts = { language: card.fact('language_creators'), annotations: card.fact('annotations_creators'), tags: card.fact('tags') };
  if (shards.length === 0 && statesOrigin(facts, value)) {
    // No data layout, but an origin: one shard for the whole dataset, so origin changes are seen.
    const key = ['language_creators', 'annotations_creators', 'tags'].find((k) => k in value);
    shards = [{ config: 'default', shard: { id: 'default', tags: [], line: key ? card.lineOf([key]) : 2 } }];
  }

  const tags = facts.tags.card;
  const sources = card.fact('source_datasets');
  // `licenses` is the key of older cards, `license` of newer ones.
  const licences = card.fact(value.license != null || value.licenses == null ? 'license' : 'licenses');
  const withFacts = withConfigCategories(shards).map(({ config, shard }) => ({
    ...shard,
    ...definedOnly({
      origin: originOf(forConfig(facts.language, config), forConfig(facts.annotations, config), tags),
      source: joined(forConfig(sources, config)),
      license: joined(forConfig(licences, config)),
    }),
    tags: [...tags],
  }));
  const name = card.name() ?? info.find((i) => i.datasetName !== undefined)?.datasetName;
  const notes = [...duplicateKeyNotes(source), ...card.notesFor(withFacts)];
  return { name, shards: withFacts, ...(notes.length > 0 ? { notes } : {}) };
}

/** One `dataset_info` entry: a config's name and its splits with their counts. */
interface Info {
  config: string;
  datasetName?: string;
  splits: { at: Path; name: string; counts: Counts }[];
}

/**
 * Reads the card's fields one by one. A field it cannot interpret is left unknown and noted; the
 * rest of the card (and of the entry the field belongs to) is still read.
 */
class CardReader {
  /** Each note with the ids of the shards it may belong to, first match wins (known once shards are built). */
  private readonly noted: { note: ReadNote; shards: string[] }[] = [];

  constructor(
    private readonly raw: Raw,
    readonly lineOf: (path: Path) => number,
  ) {}

  /** Notes a field as not understood. */
  unknown(field: string, at: Path, detail: string, ...shards: string[]): undefined {
    this.noted.push({ note: { field, severity: 'info', line: this.lineOf(at), detail }, shards });
    return undefined;
  }

  notesFor(shards: Shard[]): ReadNote[] {
    const ids = new Set(shards.map((s) => s.id));
    return this.noted.map(({ note, shards: candidates }) => {
      const shard = candidates.find((id) => ids.has(id));
      return shard === undefined ? note : { ...note, shard };
    });
  }

  /** `pretty_name`; undefined when the card has none, or one per config (legacy cards). */
  name(): string | undefined {
    const v = this.raw.pretty_name;
    if (v == null || isScalar(v)) return v == null ? undefined : String(v);
    const why = perConfig(v) ? 'gives one name per config (a legacy card), not one for the dataset' : `is ${describe(v)}, not a name`;
    return this.unknown('pretty_name', ['pretty_name'], `pretty_name ${why}: the dataset's name is treated as unknown`);
  }

  /** A list-of-strings field: a string, a list, or (legacy keys) a mapping of config → list. */
  fact(key: string): Fact {
    const v = this.raw[key];
    const list = stringList(v);
    if (list) return { card: list };
    if (PER_CONFIG_KEYS.includes(key) && perConfig(v)) {
      const lists = new Map(Object.entries(v).map(([cfg, l]) => [cfg, stringList(l) ?? []]));
      // The whole card's value is every config's, as the cards migrated to `configs:` wrote it.
      return { card: unique([...lists.values()].flat()), perConfig: lists };
    }
    this.unknown(key, [key], `${key} is ${describe(v)}, not a string or a list of strings: ${UNKNOWN}`);
    return { card: [] };
  }

  /** The card's configs: `configs` entries, else the config names of a legacy per-config card. */
  configs(): Config[] {
    const list = this.raw.configs;
    if (list == null) return this.legacyConfigs();
    if (!Array.isArray(list)) return this.unknown('configs', ['configs'], `configs is ${describe(list)}, not a list of configs: ${UNKNOWN}`) ?? [];
    return list.flatMap((c: unknown, i): Config[] => {
      const at: Path = ['configs', i];
      const line = this.lineOf(at);
      if (isName(c)) return [{ name: String(c), line, at }];
      if (!isRecord(c))
        return this.unknown('configs', at, `a config that is ${describe(c)}, not a name or a {config_name, data_files} entry, is not read`) ?? [];
      const name = this.configName(c.config_name, [...at, 'config_name']);
      const dataDir =
        c.data_dir == null || typeof c.data_dir === 'string'
          ? (c.data_dir ?? undefined)
          : this.unknown('data_dir', [...at, 'data_dir'], `data_dir is ${describe(c.data_dir)}, not a folder: ${UNKNOWN}`, name);
      return [{ name, line, at, dataDir, files: c.data_files ?? undefined }];
    });
  }

  private legacyConfigs(): Config[] {
    const configs = new Map<string, Config>();
    for (const key of Object.keys(this.raw).filter((k) => PER_CONFIG_KEYS.includes(k))) {
      const v = this.raw[key];
      if (stringList(v) || !perConfig(v)) continue;
      for (const name of Object.keys(v)) {
        if (!configs.has(name)) configs.set(name, { name, line: this.lineOf([key, name]), at: [key, name] });
      }
    }
    return [...configs.values()];
  }

  private configName(v: unknown, at: Path): string {
    if (v == null || v === '') return 'default';
    if (isName(v)) return String(v);
    this.unknown('config_name', at, `config_name is ${describe(v)}, not a name: the config is read as "default"`);
    return 'default';
  }

  /** The `dataset_info` entries (one mapping, or a list of them, one per config). */
  datasetInfo(): Info[] {
    const di = this.raw.dataset_info;
    if (di == null) return [];
    if (isRecord(di)) return [this.info(di, ['dataset_info'])];
    if (!Array.isArray(di)) return this.unknown('dataset_info', ['dataset_info'], `dataset_info is ${describe(di)}, not a mapping or a list: ${UNKNOWN}`) ?? [];
    return di.flatMap((info: unknown, k) => {
      if (isRecord(info)) return [this.info(info, ['dataset_info', k])];
      return this.unknown('dataset_info', ['dataset_info', k], `a dataset_info entry that is ${describe(info)} is not read`) ?? [];
    });
  }

  private info(info: Raw, at: Path): Info {
    const config = this.configName(info.config_name, [...at, 'config_name']);
    const dn = info.dataset_name;
    const datasetName =
      typeof dn === 'string' && dn !== ''
        ? dn
        : dn == null || dn === ''
          ? undefined
          : this.unknown('dataset_name', [...at, 'dataset_name'], `dataset_name is ${describe(dn)}, not a name: ${UNKNOWN}`);
    return { config, datasetName, splits: this.splits(info.splits, [...at, 'splits'], config) };
  }

  /** A config's splits (a list, or a mapping keyed by split name) with their counts; an unreadable count is unknown. */
  private splits(s: unknown, at: Path, config: string): Info['splits'] {
    if (s == null) return [];
    if (!Array.isArray(s) && !isRecord(s)) return this.unknown('splits', at, `splits is ${describe(s)}, not a list of splits: ${UNKNOWN}`) ?? [];
    const entries: [string | number, unknown][] = Array.isArray(s) ? s.map((v: unknown, j) => [j, v]) : Object.entries(s);
    return entries.flatMap(([key, v]) => {
      const splitAt: Path = [...at, key];
      if (!isRecord(v)) return this.unknown('splits', splitAt, `a split that is ${describe(v)} is not read`) ?? [];
      const name = isName(v.name) ? String(v.name) : String(key);
      if (v.name != null && !isName(v.name)) {
        this.unknown('name', [...splitAt, 'name'], `a split name that is ${describe(v.name)}: the split is read as "${name}"`);
      }
      // The count belongs to the split's shard, or to its config's when the config is one shard.
      const count = (k: 'num_examples' | 'num_bytes') => {
        const n = v[k];
        if (n == null || (typeof n === 'number' && Number.isFinite(n) && n >= 0)) return n ?? undefined;
        return this.unknown(k, [...splitAt, k], `${k} is ${describe(n)}, not a count: ${UNKNOWN}`, `${config}/${name}`, config);
      };
      return [{ at: splitAt, name, counts: definedOnly({ rows: count('num_examples'), bytes: count('num_bytes') }) }];
    });
  }
}

/** config → split → counts, from dataset_info. */
function splitCounts(info: Info[]): Map<string, Map<string, Counts>> {
  const byConfig = new Map<string, Map<string, Counts>>();
  for (const { config, splits } of info) {
    const counts = byConfig.get(config) ?? new Map<string, Counts>();
    for (const { name, counts: c } of splits) counts.set(name, c);
    byConfig.set(config, counts);
  }
  return byConfig;
}

/** Shards from `dataset_info` splits, for cards without configs. */
function infoShards(info: Info[], card: CardReader): ConfigShard[] {
  return info.flatMap(({ config, splits }) =>
    splits.map(({ at, name, counts }) => ({ config, shard: { id: `${config}/${name}`, tags: [], line: card.lineOf(at), ...counts } })),
  );
}

/** Shards of one config: one per data_files entry, or one for a config that names no files. */
function configShards(c: Config, counts: Map<string, Counts> | undefined, card: CardReader): ConfigShard[] {
  const shard = (id: string, line: number, path: string | undefined, more: Counts | undefined): ConfigShard => ({
    config: c.name,
    shard: { id, ...(path !== undefined ? { path } : {}), tags: [], line, ...more },
  });
  const whole = () => [shard(c.name, c.line, c.dataDir, configTotal(counts))];
  const files = c.files;
  const at: Path = [...c.at, 'data_files'];
  // Old style: a plain config name; new style without data_files (data_dir or a loading script).
  if (files === undefined) return whole();
  // Files given without a split are the `train` split to the datasets library.
  if (typeof files === 'string') return [shard(`${c.name}/${files}`, card.lineOf(at), files, counts?.get('train'))];
  if (isRecord(files)) {
    return Object.entries(files).map(([split, p]) => {
      const id = `${c.name}/${split}`;
      const path = paths(p) ?? card.unknown('data_files', [...at, split], `the files of split "${split}" are ${describe(p)}, not paths: ${UNKNOWN}`, id);
      return shard(id, card.lineOf([...at, split]), path, counts?.get(split));
    });
  }
  if (!Array.isArray(files)) {
    card.unknown('data_files', at, `data_files is ${describe(files)}, not a path, a list or a split → path mapping: ${UNKNOWN}`, c.name);
    return whole();
  }
  const entries = files.flatMap((f: unknown, j): DataFile[] => {
    const entryAt: Path = [...at, j];
    if (typeof f === 'string') return [{ entryAt, path: f }];
    if (!isRecord(f)) return card.unknown('data_files', entryAt, `a data_files entry that is ${describe(f)} is not read`) ?? [];
    const entry = { entryAt, split: isName(f.split) ? String(f.split) : undefined, path: paths(f.path) };
    if (f.split != null && entry.split === undefined) {
      card.unknown('split', [...entryAt, 'split'], `split is ${describe(f.split)}, not a split name: ${UNKNOWN}`, `${c.name}/${entry.path}`);
    }
    return [entry];
  });
  // Several unsplit entries together form `train`: no one of them holds its counts.
  const unsplit = entries.filter((e) => e.split === undefined).length;
  return entries.flatMap(({ entryAt, split, path }): ConfigShard[] => {
    if (split === undefined && path === undefined) {
      return card.unknown('path', entryAt, 'a data_files entry with neither a split nor a path (a path or a list of paths) is not read') ?? [];
    }
    const id = `${c.name}/${split ?? path}`;
    if (path === undefined) {
      card.unknown('path', [...entryAt, 'path'], `the path of split "${split}" is missing or not a path or a list of paths: ${UNKNOWN}`, id);
    }
    const more = split !== undefined ? counts?.get(split) : unsplit === 1 ? counts?.get('train') : undefined;
    return [shard(id, card.lineOf(entryAt), path, more)];
  });
}

/**
 * A config whose file patterns take in the files of other configs (a `default` of `data/*\/*.parquet`
 * over `data/adl/*.parquet`, `data/ai/*.parquet`, …) holds no data of its own: it is the union of
 * those, not another shard, and is left out with a note (dropping it removes no data).
 */
function withoutAggregates(shards: ConfigShard[], card: CardReader): ConfigShard[] {
  const configs = [...new Set(shards.map((s) => s.config))];
  if (configs.length < 3) return shards;
  const pathsOf = (config: string) => shards.filter((s) => s.config === config).flatMap((s) => s.shard.path?.split(', ') ?? []);
  const aggregates = configs.filter((config) => {
    const patterns = pathsOf(config).map((p) => globToRegExp(p));
    // A `default` that names no files of its own, beside configs that do, loads them all.
    if (patterns.length === 0) return config === 'default' && configs.filter((c) => pathsOf(c).length > 0).length >= 2;
    const covered = configs.filter((other) => other !== config && pathsOf(other).length > 0 && pathsOf(other).every((p) => patterns.some((re) => re.test(p))));
    return covered.length >= 2;
  });
  for (const config of aggregates) {
    const first = shards.find((s) => s.config === config)!;
    card.unknown(
      'configs',
      [],
      `config "${config}" takes in the files of other configs: it is their union, not data of its own, and is not read as a shard`,
      first.shard.id,
    );
  }
  return shards.filter((s) => !aggregates.includes(s.config));
}

/** One `data_files` list entry: a split (or none: `train`) and its path(s). */
interface DataFile {
  entryAt: Path;
  split?: string;
  path?: string;
}

/**
 * With several configs (languages, domains, subsets), each config is a category, so a config
 * dropped or gutted by the change shows as a lost category (category-tail-loss).
 */
function withConfigCategories(shards: ConfigShard[]): ConfigShard[] {
  if (new Set(shards.map((s) => s.config)).size < 2) return shards;
  return shards.map(({ config, shard }) => ({ config, shard: { ...shard, categories: { [config]: shard.rows ?? 1 } } }));
}

/** A config-level shard holds all of its config's splits: their sum, when every split states it. */
function configTotal(splits: Map<string, Counts> | undefined): Counts {
  if (!splits || splits.size === 0) return {};
  const all = [...splits.values()];
  const sum = (k: keyof Counts): number | undefined => (all.every((c) => c[k] !== undefined) ? all.reduce((n, c) => n + c[k]!, 0) : undefined);
  return definedOnly({ rows: sum('rows'), bytes: sum('bytes') });
}

// ---- origin, source, licence ----

type Facts = Record<'language_creators' | 'annotations_creators' | 'tags', Scalar | Scalar[] | null | undefined>;

/**
 * SPEC §4: language_creators (the origin of the text itself) decide; annotations_creators only
 * when language_creators is absent. machine-generated → synthetic; found / crowdsourced /
 * expert-generated → human; both → mixed; `other` / `no-annotation` say nothing. A `synthetic`
 * tag counts as machine-generated. Creators that name no kind give 'unknown'.
 */
export function cardOrigin(card: Partial<Facts>): Origin | undefined {
  const list = (v: unknown) => stringList(v) ?? [];
  return originOf(list(card.language_creators), list(card.annotations_creators), list(card.tags));
}

function originOf(language: string[], annotations: string[], tags: string[]): Origin | undefined {
  const creators = (language.length > 0 ? language : annotations).map((c) => c.toLowerCase());
  const human = creators.some((c) => HUMAN_CREATORS.has(c));
  const machine = creators.some((c) => SYNTHETIC_CREATORS.has(c)) || hasSyntheticTag(tags);
  if (human && machine) return 'mixed';
  if (machine) return 'synthetic';
  if (human) return 'human';
  return creators.length > 0 ? 'unknown' : undefined;
}

function hasSyntheticTag(tags: string[]): boolean {
  return tags.some((t) => t.toLowerCase() === 'synthetic');
}

function statesOrigin(facts: { language: Fact; annotations: Fact; tags: Fact }, raw: Raw): boolean {
  if (facts.language.card.length > 0 || facts.annotations.card.length > 0) return true;
  return hasSyntheticTag(facts.tags.card) && DATASET_ONLY_KEYS.some((k) => raw[k] != null);
}

/** A fact for one config: its own where the card states it per config, else the card's. */
function forConfig(fact: Fact, config: string): string[] {
  return fact.perConfig?.get(config) ?? fact.card;
}

// ---- values ----

/** A string or a list of strings (numbers and booleans read as text); undefined for any other shape. */
function stringList(v: unknown): string[] | undefined {
  if (v == null) return [];
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (!list.every((x) => x == null || isScalar(x))) return undefined;
  return list
    .filter((x) => x != null)
    .map((s) => String(s).trim())
    .filter((s) => s !== '');
}

/** A legacy per-config mapping: every value a string or a list of strings. */
function perConfig(v: unknown): v is Raw {
  return isRecord(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => stringList(x) !== undefined);
}

function paths(p: unknown): string | undefined {
  if (typeof p === 'string') return p;
  return Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === 'string') ? p.join(', ') : undefined;
}

function joined(list: string[]): string | undefined {
  return list.length > 0 ? list.join(', ') : undefined;
}

/** What a value is, in a few words, for a note. */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'missing';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return 'a mapping';
  const text = JSON.stringify(v);
  return `${typeof v === 'string' ? 'the text' : `the ${typeof v}`} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isName(v: unknown): v is string | number {
  return (typeof v === 'string' && v !== '') || typeof v === 'number';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
