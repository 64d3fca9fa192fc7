// Hugging Face dataset cards (SPEC §4): the YAML front-matter of a README.md (or <name>.md).
// Only the front-matter is read; the prose below it is free text and never parsed.
// Shards are the card's configs/data_files (else its dataset_info splits); every shard carries
// the card-level origin, source and licence, since a card states them once for the whole dataset.
import { z } from 'zod';
import type { ManifestFormat } from './formats.js';
import { ManifestError } from './manifest-error.js';
import { readYaml } from './read-source.js';
import type { Dataset, Origin, Shard } from './model.js';
import { describeIssue } from '../yaml-source.js';

/** Top-level keys that make a front-matter a dataset card rather than, say, a blog post's. */
const CARD_KEYS = [
  'configs', 'dataset_info', 'language_creators', 'annotations_creators', 'source_datasets',
  'task_categories', 'license', 'size_categories', 'pretty_name', 'tags', 'language',
];
/** Keys only a dataset card has: a `synthetic` tag alone on a generic page is not a dataset. */
const DATASET_ONLY_KEYS = ['task_categories', 'task_ids', 'size_categories', 'source_datasets', 'pretty_name'];
const CARD_KEY_LINE = new RegExp(`^["']?(?:${CARD_KEYS.join('|')})["']?[ \\t]*:`);
/** Other Markdown files (docs pages, blog posts) must carry a key no site generator uses. */
const DATASET_KEY_LINE = new RegExp(`^["']?(?:${['configs', 'dataset_info', 'language_creators', 'annotations_creators', ...DATASET_ONLY_KEYS].join('|')})["']?[ \\t]*:`);
const FENCE = /^---[ \t]*$/;

const HUMAN_CREATORS = new Set(['found', 'crowdsourced', 'expert-generated']);
const SYNTHETIC_CREATORS = new Set(['machine-generated']);

export const hfDatasetCardFormat: ManifestFormat = {
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

// ---- schema: only the fields we read are typed; everything else on a card is ignored ----

const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string' });
const scalarList = z.union([scalar, z.array(scalar)], { error: 'expected a string or a list of strings' }).nullish();
const name = z.union([z.string(), z.number()]);
const count = z.number().nonnegative();
const split = z.looseObject({ name: name.optional(), num_bytes: count.nullish(), num_examples: count.nullish() });
const info = z.looseObject({
  config_name: name.nullish(),
  dataset_name: z.string().nullish(),
  splits: z.union([z.array(split), z.record(z.string(), split)], { error: 'expected a list of splits' }).nullish(),
});
const paths = z.union([z.string(), z.array(z.string())], { error: 'expected a path or a list of paths' });
const dataFile = z.union([z.string(), z.looseObject({ split: name.optional(), path: paths })], {
  error: 'expected a path or a {split, path} entry',
});
const config = z.union(
  [
    z.string(),
    z.looseObject({
      config_name: name.nullish(),
      data_dir: z.string().nullish(),
      data_files: z
        .union([z.string(), z.array(dataFile), z.record(z.string(), paths)], { error: 'expected a path, a list of {split, path} entries, or a split → path mapping' })
        .nullish(),
    }),
  ],
  { error: 'expected a config name or a {config_name, data_files} entry' },
);
const cardSchema = z.looseObject({
  pretty_name: scalar.nullish(),
  configs: z.array(config).nullish(),
  dataset_info: z.union([info, z.array(info)], { error: 'expected a mapping or a list of mappings' }).nullish(),
  language_creators: scalarList,
  annotations_creators: scalarList,
  tags: scalarList,
  source_datasets: scalarList,
  license: scalarList,
});
type Card = z.infer<typeof cardSchema>;
type Info = z.infer<typeof info>;
type Counts = Pick<Shard, 'rows' | 'bytes'>;
type Path = (string | number)[];

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

/** 1-based line of a top-level key of the front-matter, if written plainly. */
function keyLine(fm: FrontMatter, key: string): number | undefined {
  const re = new RegExp(`^["']?${key}["']?[ \\t]*:`);
  const i = fm.lines.findIndex((l, n) => n > 0 && re.test(l));
  return i > 0 ? i + 1 : undefined;
}

// ---- parse ----

export function parseHfDatasetCard(file: string, text: string): Dataset {
  const fm = frontMatter(text);
  if (!fm) throw new ManifestError(file, 1, 'no YAML front-matter: a dataset card starts with a `---` line');
  if (fm.close === undefined) throw new ManifestError(file, 1, 'the front-matter opened on line 1 is never closed by a `---` line');
  // The opening fence becomes an empty line, so YAML line numbers are the file's line numbers.
  const yaml = ['', ...fm.lines.slice(1, fm.close - 1)].join('\n');
  const source = readYaml(file, yaml);
  const value = source.value;
  if (value === null || value === undefined) throw new ManifestError(file, 1, 'the front-matter is empty');
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ManifestError(file, source.lineOf([]) ?? 2, 'the front-matter must be a mapping of card fields');
  }
  const parsed = cardSchema.safeParse(value);
  if (!parsed.success) {
    const { line, detail } = describeIssue(new z.ZodError([innermost(parsed.error.issues[0]!)]), source.lineOf);
    throw new ManifestError(file, line, detail);
  }
  const card = parsed.data;
  const lineOf = (path: Path): number => source.lineOf(path) ?? 2;
  const counts = splitCounts(card.dataset_info);

  let shards = configShards(card, counts, lineOf);
  if (shards.length === 0) shards = infoShards(card, lineOf);
  if (shards.length === 0 && statesOrigin(card, value as Record<string, unknown>)) {
    // No data layout, but an origin: one shard for the whole dataset, so origin changes are seen.
    const line = ['language_creators', 'annotations_creators', 'tags'].map((k) => keyLine(fm, k)).find((l) => l !== undefined);
    shards = [{ id: 'default', tags: [], line: line ?? 2 }];
  }

  const tags = strings(card.tags);
  const facts = { origin: cardOrigin(card), source: joined(card.source_datasets), license: joined(card.license) };
  return {
    name: card.pretty_name != null ? String(card.pretty_name) : infoList(card.dataset_info).find((i) => i.dataset_name)?.dataset_name ?? undefined,
    shards: withConfigCategories(shards).map((s) => ({ ...s, ...definedOnly(facts), tags: [...tags] })),
  };
}

/**
 * With several configs (languages, domains, subsets), each config is a category, so a config
 * dropped or gutted by the change shows as a lost category (category-tail-loss).
 */
function withConfigCategories(shards: Shard[]): Shard[] {
  const configOf = (s: Shard) => s.id.split('/')[0]!;
  if (new Set(shards.map(configOf)).size < 2) return shards;
  return shards.map((s) => ({ ...s, categories: { [configOf(s)]: s.rows ?? 1 } }));
}

/**
 * The card's shapes are unions told apart by type (a path or a list, a mapping or a list): when
 * exactly the branch of the right type failed, report its issue, at its own line, not the union's.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const typed = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_union')));
  if (typed.length !== 1 || typed[0]!.length === 0) return issue;
  const inner = innermost(typed[0]![0]!);
  return { ...inner, path: [...issue.path, ...inner.path] };
}

/** Shards from `configs`: one per data_files entry, or one per config that names no files. */
function configShards(card: Card, counts: Map<string, Map<string, Counts>>, lineOf: (p: Path) => number): Shard[] {
  const shards: Shard[] = [];
  for (const [i, c] of (card.configs ?? []).entries()) {
    // Old style: a plain config name; new style without data_files (data_dir or a loading script).
    if (typeof c === 'string' || c.data_files == null) {
      const id = typeof c === 'string' ? c : configName(c.config_name);
      const path = typeof c === 'string' ? undefined : c.data_dir ?? undefined;
      shards.push({ id, path, tags: [], line: lineOf(['configs', i]), ...configTotal(counts.get(id)) });
      continue;
    }
    const cfg = configName(c.config_name);
    const files = c.data_files;
    const at: Path = ['configs', i, 'data_files'];
    if (typeof files === 'string') {
      // Files given without a split are the `train` split to the datasets library.
      shards.push({ id: `${cfg}/${files}`, path: files, tags: [], line: lineOf(at), ...counts.get(cfg)?.get('train') });
    } else if (Array.isArray(files)) {
      const unsplit = files.filter((f) => typeof f === 'string' || f.split == null).length;
      files.forEach((f, j) => {
        const splitName = typeof f === 'string' || f.split == null ? undefined : String(f.split);
        const path = typeof f === 'string' ? f : pathText(f.path);
        const id = `${cfg}/${splitName ?? path}`;
        // Several unsplit entries together form `train`: no one of them holds its counts.
        const c2 = splitName !== undefined ? counts.get(cfg)?.get(splitName) : unsplit === 1 ? counts.get(cfg)?.get('train') : undefined;
        shards.push({ id, path, tags: [], line: lineOf([...at, j]), ...c2 });
      });
    } else {
      for (const [splitName, p] of Object.entries(files)) {
        shards.push({ id: `${cfg}/${splitName}`, path: pathText(p), tags: [], line: lineOf([...at, splitName]), ...counts.get(cfg)?.get(splitName) });
      }
    }
  }
  return shards;
}

/** Shards from `dataset_info` splits, for cards without `configs`. */
function infoShards(card: Card, lineOf: (p: Path) => number): Shard[] {
  const shards: Shard[] = [];
  const listed = Array.isArray(card.dataset_info);
  infoList(card.dataset_info).forEach((inf, k) => {
    const cfg = configName(inf.config_name);
    const at: Path = listed ? ['dataset_info', k, 'splits'] : ['dataset_info', 'splits'];
    for (const { key, name: splitName, counts } of splitEntries(inf)) {
      shards.push({ id: `${cfg}/${splitName}`, tags: [], line: lineOf([...at, key]), ...counts });
    }
  });
  return shards;
}

/** config → split → counts, from dataset_info. */
function splitCounts(di: Card['dataset_info']): Map<string, Map<string, Counts>> {
  const byConfig = new Map<string, Map<string, Counts>>();
  for (const inf of infoList(di)) {
    const cfg = configName(inf.config_name);
    const splits = byConfig.get(cfg) ?? new Map<string, Counts>();
    for (const { name: splitName, counts } of splitEntries(inf)) splits.set(splitName, counts);
    byConfig.set(cfg, splits);
  }
  return byConfig;
}

function splitEntries(inf: Info): { key: string | number; name: string; counts: Counts }[] {
  const s = inf.splits;
  if (!s) return [];
  const entries: [string | number, z.infer<typeof split>][] = Array.isArray(s) ? s.map((v, j) => [j, v]) : Object.entries(s);
  return entries.map(([key, v]) => ({
    key,
    name: v.name != null ? String(v.name) : String(key),
    counts: definedOnly({ rows: v.num_examples ?? undefined, bytes: v.num_bytes ?? undefined }),
  }));
}

/** A config-level shard holds all of its config's splits: their sum, when every split states it. */
function configTotal(splits: Map<string, Counts> | undefined): Counts {
  if (!splits || splits.size === 0) return {};
  const all = [...splits.values()];
  const sum = (k: keyof Counts): number | undefined => (all.every((c) => c[k] !== undefined) ? all.reduce((n, c) => n + c[k]!, 0) : undefined);
  return definedOnly({ rows: sum('rows'), bytes: sum('bytes') });
}

function infoList(di: Card['dataset_info']): Info[] {
  return di == null ? [] : Array.isArray(di) ? di : [di];
}

function configName(n: string | number | null | undefined): string {
  return n == null || n === '' ? 'default' : String(n);
}

function pathText(p: string | string[]): string {
  return typeof p === 'string' ? p : p.join(', ');
}

// ---- origin, source, licence ----

/**
 * SPEC §4: language_creators (the origin of the text itself) decide; annotations_creators only
 * when language_creators is absent. machine-generated → synthetic; found / crowdsourced /
 * expert-generated → human; both → mixed; `other` / `no-annotation` say nothing. A `synthetic`
 * tag counts as machine-generated. Creators that name no kind give 'unknown'.
 */
export function cardOrigin(card: Pick<Card, 'language_creators' | 'annotations_creators' | 'tags'>): Origin | undefined {
  const language = strings(card.language_creators);
  const creators = (language.length > 0 ? language : strings(card.annotations_creators)).map((c) => c.toLowerCase());
  const human = creators.some((c) => HUMAN_CREATORS.has(c));
  const machine = creators.some((c) => SYNTHETIC_CREATORS.has(c)) || hasSyntheticTag(card);
  if (human && machine) return 'mixed';
  if (machine) return 'synthetic';
  if (human) return 'human';
  return creators.length > 0 ? 'unknown' : undefined;
}

function hasSyntheticTag(card: Pick<Card, 'tags'>): boolean {
  return strings(card.tags).some((t) => t.toLowerCase() === 'synthetic');
}

function statesOrigin(card: Card, raw: Record<string, unknown>): boolean {
  if (strings(card.language_creators).length > 0 || strings(card.annotations_creators).length > 0) return true;
  return hasSyntheticTag(card) && DATASET_ONLY_KEYS.some((k) => raw[k] != null);
}

function strings(v: Card['tags']): string[] {
  const list = v == null ? [] : Array.isArray(v) ? v : [v];
  return list.map((s) => String(s).trim()).filter((s) => s !== '');
}

function joined(v: Card['license']): string | undefined {
  const list = strings(v);
  return list.length > 0 ? list.join(', ') : undefined;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
