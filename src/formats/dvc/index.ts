// Reads DVC tracking files (SPEC §4): `*.dvc` files and `dvc.lock`, one shard per output.
// DVC knows content (md5/etag, size) but not provenance: users state ours in a free-form `meta:` block.
import { isRecord } from '../../text/guards.js';
import { duplicateKeyNotes } from '../notes.js';
import { posix } from 'node:path';
import type { ManifestFormat, ReadOptions } from '../types.js';
import { PROVENANCE_FIELDS } from '../provenance-fields.js';
import { SourceError } from '../../text/source-error.js';
import { readYaml } from '../../text/read.js';
import type { Dataset, ReadNote, Shard } from '../model.js';
import { shardSchema, type NativeShard } from '../native/schema.js';
import { nativeFacts } from '../native/index.js';
import { parseYamlSource, type YamlSource } from '../../text/yaml.js';

const DVC_FILE = /(^|\/)[^/]+\.dvc$/;
const LOCK_FILE = /(^|\/)dvc\.lock$/;
/** The pipeline definition: it names outputs but holds no hashes, so it is never a manifest. */
const PIPELINE_FILE = /(^|\/)dvc\.ya?ml$/;

type Path = (string | number)[];

// Our provenance keys inside `meta:`, each read as in a native shard. Other keys are the user's own
// (DVC allows any YAML there) and are ignored; a `meta` that is not a mapping holds none of ours.
const n = shardSchema.shape;
const META_FIELDS = {
  origin: n.origin,
  source: n.source,
  collected: n.collected,
  license: n.license,
  tags: n.tags,
  generator: n.generator,
  verified: n.verified,
  rows: n.rows,
  tokens: n.tokens,
  synthetic_fraction: n.synthetic_fraction,
  categories: n.categories,
};
type Meta = Partial<NativeShard>;

/**
 * An output that is a model, a metric, a plot, a log or a pipeline's own file is not training data
 * and is not a shard. Told by its path: a model file extension; a plot (image or HTML); a log; a
 * folder or file named model(s), metrics, plots, eval(uation), scores, prc, roc, dvclive, logs,
 * reports, feature importances or requirements (`eval/metrics.json`, `scores.json`,
 * `models/model.pth`, `model.tar.gz`, `requirements.txt`). Everything else (`data/prepared`) is data.
 */
const MODEL_FILE = /\.(pkl|pickle|pt|pth|ckpt|h5|hdf5|keras|onnx|joblib|safetensors|tflite)$/i;
const PLOT_FILE = /\.(png|jpe?g|svg|html?|log)$/i;
const NOT_DATA_NAME =
  /^(models?|checkpoints?|metrics?|plots?|eval|evals|evaluate|evaluation|scores?|prc|roc|dvclive|logs?|reports?|feat_imp|feature_importances?|importances?|requirements)$/i;

export function isTrainingDataOutput(path: string): boolean {
  if (MODEL_FILE.test(path) || PLOT_FILE.test(path)) return false;
  // Each folder, and the file name without its extensions (model.tar.gz → model).
  return !path.split('/').some((segment) => NOT_DATA_NAME.test(segment.split('.')[0]!));
}

/**
 * An output's path as DVC resolves it: relative to the DVC file's folder and its `wdir`, so that
 * moving the same output between a `wdir` and a path is no change. A URL or absolute path stays.
 */
function outputPath(file: string, wdir: string): (path: string) => string {
  const folder = posix.dirname(file);
  return (path) => (/^([a-z][\w+.-]*:\/\/|\/)/i.test(path) ? path : posix.normalize(posix.join(folder, wdir, path)));
}

export function isDvcPath(path: string): boolean {
  return DVC_FILE.test(path) || LOCK_FILE.test(path);
}

export const dvcFormat: ManifestFormat = {
  title: 'DVC',
  kind: 'inventory',
  provenanceFields: PROVENANCE_FIELDS,
  name: 'dvc',
  candidate: isDvcPath,
  detect: detectDvc,
  parse: parseDvc,
};

function detectDvc(path: string, text: string): boolean {
  if (PIPELINE_FILE.test(path) || !/(^|[\s{,"])(outs|deps)"?\s*:/m.test(text)) return false;
  let value: unknown;
  try {
    value = parseYamlSource(text).value;
  } catch {
    return false;
  }
  if (!isRecord(value)) return false;
  if (Array.isArray(value.outs)) return value.outs.every(isOut);
  const stages = isRecord(value.stages) ? value.stages : isLegacyLock(path, value) ? value : undefined;
  return stages !== undefined && isLockStages(stages);
}

/** Outputs and dependencies in a lock (or .dvc) are objects with a path; in dvc.yaml they are bare strings. */
const isOut = (o: unknown): boolean => isRecord(o) && typeof o.path === 'string';

function isLockStages(stages: Record<string, unknown>): boolean {
  const lists = Object.values(stages).flatMap((s) => (isRecord(s) ? [s.outs, s.deps].filter((l) => l !== undefined && l !== null) : [null]));
  return lists.length > 0 && lists.every((l) => Array.isArray(l) && l.every(isOut));
}

/** DVC 1.x wrote dvc.lock without `schema`/`stages`: stage names at the top level, each with a `cmd`. */
function isLegacyLock(path: string, value: Record<string, unknown>): boolean {
  if (!LOCK_FILE.test(path) || 'schema' in value || 'stages' in value) return false;
  const stages = Object.values(value);
  return stages.length > 0 && stages.every((s) => isRecord(s) && typeof s.cmd === 'string');
}

export function parseDvc(file: string, text: string, options: ReadOptions = {}): Dataset {
  const source = readYaml(file, text, { duplicateKeys: 'last-wins', fast: options.fastPaths !== false });
  const value = source.value;
  if (value === null || value === undefined) throw new SourceError(file, 1, 'the DVC file is empty');
  if (!isRecord(value)) throw new SourceError(file, source.lineOf([]) ?? 1, 'expected a mapping with `outs` (.dvc) or `stages` (dvc.lock)');
  const reader = new DvcReader(source);

  let shards: Shard[];
  if ('stages' in value || (LOCK_FILE.test(file) && !('outs' in value))) shards = lockShards(file, value, reader);
  else {
    if (!Array.isArray(value.outs)) throw new SourceError(file, source.lineOf(['outs']) ?? 1, 'outs: expected the list of outputs a .dvc file tracks');
    const fileMeta = reader.meta(value.meta, ['meta']);
    const imported = reader.importSource(value.deps);
    const wdir = typeof value.wdir === 'string' ? value.wdir : '';
    shards = value.outs.flatMap((o: unknown, i) => {
      const shard = reader.out(o, ['outs', i], fileMeta, outputPath(file, wdir));
      if (shard === undefined || !isTrainingDataOutput(shard.id)) return [];
      return [shard.source === undefined && imported ? { ...shard, source: imported } : shard];
    });
  }
  const notes = [...duplicateKeyNotes(source), ...reader.notes];
  return { shards, ...(notes.length > 0 ? { notes } : {}) };
}

/** Every stage's data outputs; a stage's `deps` are other stages' outputs or sources, not shards of this file. */
function lockShards(file: string, value: Record<string, unknown>, reader: DvcReader): Shard[] {
  const legacy = isLegacyLock(file, value);
  const stages = legacy ? value : value.stages;
  const prefix = legacy ? [] : ['stages'];
  if (stages === undefined || stages === null) return [];
  if (!isRecord(stages)) throw new SourceError(file, reader.lineOf(prefix), 'stages: expected a mapping of stage names to stages');
  const shards: Shard[] = [];
  for (const [name, stage] of Object.entries(stages)) {
    const at = [...prefix, name];
    if (!isRecord(stage)) {
      reader.unknown(name, at, `stage ${name} is ${describe(stage)}, not a stage: its outputs are not read`);
      continue;
    }
    if (stage.outs === undefined || stage.outs === null) continue;
    if (!Array.isArray(stage.outs)) {
      reader.unknown('outs', [...at, 'outs'], `the outputs of stage ${name} are ${describe(stage.outs)}, not a list: they are not read`);
      continue;
    }
    const wdir = typeof stage.wdir === 'string' ? stage.wdir : '';
    stage.outs.forEach((o: unknown, i) => {
      const shard = reader.out(o, [...at, 'outs', i], undefined, outputPath(file, wdir));
      if (shard && isTrainingDataOutput(shard.id)) shards.push(shard);
    });
  }
  return shards;
}

/**
 * Reads outputs and their `meta:` field by field. A value of the wrong type is unknown, with an
 * info note; the rest of the output is still read.
 */
class DvcReader {
  readonly notes: ReadNote[] = [];

  constructor(private readonly source: YamlSource) {}

  lineOf(path: Path): number {
    return this.source.lineOf(path) ?? 1;
  }

  unknown(field: string, at: Path, detail: string, shard?: string): undefined {
    this.notes.push({ field, severity: 'info', line: this.lineOf(at), ...(shard !== undefined ? { shard } : {}), detail });
    return undefined;
  }

  /** An output as a shard; undefined (with a note) when it has no path to identify it. */
  out(o: unknown, at: Path, fileMeta: Meta | undefined, resolve: (path: string) => string = (p) => p): Shard | undefined {
    if (!isRecord(o) || typeof o.path !== 'string' || o.path === '') {
      const what = isRecord(o) ? `an output whose path is ${describe(o.path)}` : `an output that is ${describe(o)}`;
      return this.unknown('path', isRecord(o) ? [...at, 'path'] : at, `${what} cannot be identified: it is not read`);
    }
    const id = resolve(o.path);
    const text = (key: 'md5' | 'etag') => {
      const v = o[key];
      if (v === undefined || v === null || typeof v === 'string') return v?.trim() || undefined;
      return this.unknown(key, [...at, key], `${key} is ${describe(v)}, not a hash: ${UNKNOWN}`, id);
    };
    const size =
      o.size === undefined || o.size === null || (typeof o.size === 'number' && Number.isFinite(o.size) && o.size >= 0)
        ? (o.size ?? undefined)
        : this.unknown('size', [...at, 'size'], `size is ${describe(o.size)}, not a number of bytes: ${UNKNOWN}`, id);
    // `md5` (old and DVC 3 `hash: md5` files alike; a directory's ends in `.dir`), else a cloud `etag`. Empty is no hash.
    const md5 = text('md5');
    const etag = text('etag');
    const hash = md5 ? `md5:${md5}` : etag ? `etag:${etag}` : undefined;
    // File-level meta applies to every output; an output's own meta overrides it key by key.
    const meta = { ...fileMeta, ...this.meta(o.meta, [...at, 'meta'], id) };
    return { id, path: id, hash, bytes: size, ...nativeFacts(meta), line: this.lineOf(at) };
  }

  /** Our keys in a `meta:` block, each read as in a native shard; a wrong one is unknown, with a note. */
  meta(value: unknown, at: Path, shard?: string): Meta | undefined {
    if (!isRecord(value)) return undefined;
    const meta: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(META_FIELDS)) {
      if (value[key] === undefined || value[key] === null) continue; // a blank value is absent
      const parsed = schema.safeParse(value[key]);
      if (parsed.success) meta[key] = parsed.data;
      else this.unknown(`meta.${key}`, [...at, key], `meta.${key}: ${parsed.error.issues[0]!.message}; ${UNKNOWN}`, shard);
    }
    return meta as Meta;
  }

  /** Where `dvc import` / `dvc import-url` took the data from: the repository and path, or the URL. */
  importSource(deps: unknown): string | undefined {
    if (deps === undefined || deps === null) return undefined;
    if (!Array.isArray(deps)) return this.unknown('deps', ['deps'], `deps is ${describe(deps)}, not a list: where the data came from is ${UNKNOWN}`);
    for (const dep of deps) {
      if (!isRecord(dep)) continue;
      const path = typeof dep.path === 'string' ? dep.path : undefined;
      const url = isRecord(dep.repo) && typeof dep.repo.url === 'string' ? dep.repo.url : undefined;
      if (url) return `${url}${path ? `:${path}` : ''}`;
      if (path && /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
    }
    return undefined;
  }
}

const UNKNOWN = 'not understood, treated as unknown';

/** What a value is, in a few words, for a note. */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'missing';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (isRecord(v)) return 'a mapping';
  const text = JSON.stringify(v);
  return `${typeof v === 'string' ? 'the text' : `the ${typeof v}`} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
