// Reads DVC tracking files (SPEC §4): `*.dvc` files and `dvc.lock`, one shard per output.
// DVC knows content (md5/etag, size) but not provenance: users state ours in a free-form `meta:` block.
import { z } from 'zod';
import type { ManifestFormat } from './formats.js';
import { PROVENANCE_FIELDS } from './provenance-fields.js';
import { ManifestError } from './manifest-error.js';
import { readYaml, validate } from './read-source.js';
import type { Dataset, Shard } from './model.js';
import { shardSchema } from './native-schema.js';
import { nativeFacts } from './native.js';
import { parseYamlSource, type YamlSource } from '../yaml-source.js';

const DVC_FILE = /(^|\/)[^/]+\.dvc$/;
const LOCK_FILE = /(^|\/)dvc\.lock$/;
/** The pipeline definition: it names outputs but holds no hashes, so it is never a manifest. */
const PIPELINE_FILE = /(^|\/)dvc\.ya?ml$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Our provenance keys inside `meta:`, validated exactly as in a native shard. Other keys are the
// user's own (DVC allows any YAML there) and are ignored; a `meta` that is not a mapping holds none of ours.
const n = shardSchema.shape;
const metaSchema = z.looseObject({
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
});
type Meta = z.infer<typeof metaSchema>;
const metaField = z.preprocess((v) => (isRecord(v) ? v : undefined), metaSchema.optional());

// An output: old files carry `md5` (and `cache`, `metric`…), DVC 3 adds `hash: md5`, `size`, `nfiles`,
// `remote`; cloud outputs carry `etag`. `nfiles` has no unit in the model and is ignored.
const hashValue = z.string().nullish();
const outSchema = z.looseObject({
  path: z.string().min(1),
  md5: hashValue,
  etag: hashValue,
  size: z.number().nonnegative().nullish(),
  meta: metaField,
});
type Out = z.infer<typeof outSchema>;

// A `.dvc` file: its own top-level `md5` (old format) is a checksum of the file, not a shard; `deps`
// (an import's source) are inputs, not data this file tracks, but they say where the data came from.
const depSchema = z.looseObject({ path: z.string().optional(), repo: z.looseObject({ url: z.string().optional() }).nullish() });
const dvcFileSchema = z.looseObject({ outs: z.array(outSchema), meta: metaField, deps: z.array(depSchema).nullish() });
const stageSchema = z.looseObject({ outs: z.array(outSchema).nullish() });
const stagesSchema = z.record(z.string(), stageSchema);
const lockSchema = z.looseObject({ stages: stagesSchema.nullish() });

export function isDvcPath(path: string): boolean {
  return DVC_FILE.test(path) || LOCK_FILE.test(path);
}

export const dvcFormat: ManifestFormat = {
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

export function parseDvc(file: string, text: string): Dataset {
  const source = readYaml(file, text);
  const value = source.value;
  if (value === null || value === undefined) throw new ManifestError(file, 1, 'the DVC file is empty');
  if (!isRecord(value)) throw new ManifestError(file, source.lineOf([]) ?? 1, 'expected a mapping with `outs` (.dvc) or `stages` (dvc.lock)');

  if ('stages' in value || (LOCK_FILE.test(file) && !('outs' in value))) return { shards: lockShards(file, value, source) };
  const dvcFile = validate(dvcFileSchema, value, file, source);
  const imported = importSource(dvcFile.deps);
  return {
    shards: dvcFile.outs.map((o, i) => {
      const shard = toShard(o, dvcFile.meta, source.lineOf(['outs', i]) ?? 1);
      return shard.source === undefined && imported ? { ...shard, source: imported } : shard;
    }),
  };
}

/** Where `dvc import` / `dvc import-url` took the data from: the repository and path, or the URL. */
function importSource(deps: z.infer<typeof dvcFileSchema>['deps']): string | undefined {
  const dep = deps?.find((d) => d.repo?.url || (d.path && /^[a-z][a-z0-9+.-]*:\/\//i.test(d.path)));
  if (!dep) return undefined;
  return dep.repo?.url ? `${dep.repo.url}${dep.path ? `:${dep.path}` : ''}` : dep.path;
}

/** Every stage's outputs; a stage's `deps` are other stages' outputs or sources, not shards of this file. */
function lockShards(file: string, value: Record<string, unknown>, source: YamlSource): Shard[] {
  const legacy = isLegacyLock(file, value);
  const stages = legacy ? validate(stagesSchema, value, file, source) : validate(lockSchema, value, file, source).stages;
  const prefix = legacy ? [] : ['stages'];
  const shards: Shard[] = [];
  for (const [stage, s] of Object.entries(stages ?? {})) {
    (s.outs ?? []).forEach((o, i) => shards.push(toShard(o, undefined, source.lineOf([...prefix, stage, 'outs', i]) ?? 1)));
  }
  return shards;
}

function toShard(out: Out, fileMeta: Meta | undefined, line: number): Shard {
  // File-level meta applies to every output; an output's own meta overrides it key by key.
  return { id: out.path, path: out.path, hash: hashOf(out), bytes: out.size ?? undefined, ...nativeFacts({ ...fileMeta, ...out.meta }), line };
}

/** `md5` (old and DVC 3 `hash: md5` files alike; a directory's ends in `.dir`), else a cloud `etag`. Empty is no hash. */
function hashOf(out: Out): string | undefined {
  if (out.md5 && out.md5.trim() !== '') return `md5:${out.md5}`;
  if (out.etag && out.etag.trim() !== '') return `etag:${out.etag}`;
  return undefined;
}
