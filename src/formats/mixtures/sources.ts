// Shared by the mixture formats (recipes, SPEC §5a): a mixture lists sources with weights, and
// each source is one shard whose id is its label or its dataset name, never the character string
// of its path, so that rewriting paths changes nothing.
import type { Shard } from '../model.js';

/** A URL or bucket prefix (`s3://ai2-llm`, `https://olmo-data.org`, `hf://datasets`): where data is kept, not what it is. */
const STORE_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i;
/** A tokenizer named inside a folder name: `{TOKENIZER}`, `dolma2-tokenizer`, `v3_small_dolma2-tokenizer`, `tokenizer.json_bos`. */
const TOKENIZER_IN_NAME = /\{tokenizer\}|[a-z0-9.-]*tokeni[sz]er[\w.-]*/gi;
const TOKENIZER = '{tokenizer}';
/** Folders named after a tokenizer model: `gpt-neox-20b-pii-special`, `gpt2`, `qwen`. */
const TOKENIZER_FOLDER = /^([\w.-]*gpt-neox[\w.-]*|gpt-?2|cl100k_base|o200k_base|(llama|qwen|mistral)[\d.]*)$/i;
/** Publishers whose folder holds a tokenizer folder (`allenai/dolma2-tokenizer`). */
const TOKENIZER_PUBLISHER = /^(allenai|eleutherai|meta-llama|qwen|mistralai|openai|openai-community|huggingfacetb|google|microsoft|deepseek-ai)$/i;
/** A variable standing for a root folder: `${DATA_PATH}`, `$DATA`, `{ROOT}`. */
const PLACEHOLDER = /^(\$\{[^}]*\}|\$\w+|\{[^}]*\})$/;
const DATA_EXTENSIONS = /(\.(npy|bin|idx|jsonl?|parquet|arrow|tar|txt|mds|ds|gz|zst|bz2|xz))+$/i;
/** One file among many of a source: `part-12-00000`, `000001`, `train-00000-of-00010`, `shard_3`. */
const NUMBERED_FILE = /^((part|shard|chunk|split|file|data|train|val|valid|validation|test)[-_]?)?\d+([-_]\d+)*(-of-\d+)?$/i;

/**
 * The dataset a data path belongs to: its folders without the store prefix (bucket or URL), the
 * tokenizer folder or placeholder, root-folder variables, numbered sub-folders and the numbered
 * file, e.g. `s3://ai2-llm/preprocessed/pes2o/allenai/dolma2-tokenizer/part-03-00000.npy` and
 * `https://olmo-data.org/preprocessed/pes2o/{TOKENIZER}/part-12-00000.npy` are both
 * `preprocessed/pes2o`. A path that holds nothing else is its own name.
 */
export function sourceName(path: string): string {
  const segments = path.trim().replace(STORE_PREFIX, '').split('/');
  const last = segments.length - 1;
  const kept: string[] = [];
  segments.forEach((segment, i) => {
    let s = segment.replace(TOKENIZER_IN_NAME, TOKENIZER);
    if (i === last && DATA_EXTENSIONS.test(s)) {
      s = s.replace(DATA_EXTENSIONS, '');
      if (NUMBERED_FILE.test(s)) return;
    }
    if (s === TOKENIZER || TOKENIZER_FOLDER.test(s)) {
      if (kept.length > 0 && TOKENIZER_PUBLISHER.test(kept[kept.length - 1]!)) kept.pop();
      return;
    }
    if (s === '' || s === '.' || /^\d+$/.test(s) || PLACEHOLDER.test(s)) return;
    kept.push(s);
  });
  return kept.length > 0 ? kept.join('/') : path.trim();
}

/**
 * A data file's path without what says where it is kept rather than what it is: the store prefix,
 * tokenizer folders and placeholders, root variables; lower-case. Two paths of one file under
 * different stores or mounts end alike (see `sameFile`).
 */
export function fileKey(path: string): string {
  const kept: string[] = [];
  for (const segment of path.trim().replace(STORE_PREFIX, '').toLowerCase().split('/')) {
    const s = segment.replace(TOKENIZER_IN_NAME, TOKENIZER);
    if (s === TOKENIZER || TOKENIZER_FOLDER.test(s)) {
      if (kept.length > 0 && TOKENIZER_PUBLISHER.test(kept[kept.length - 1]!)) kept.pop();
      continue;
    }
    if (s !== '' && s !== '.' && !PLACEHOLDER.test(s)) kept.push(s);
  }
  return kept.join('/');
}

/** The part of a file key that names the same file wherever it is kept: its last folders and its name. */
export function fileTail(key: string): string {
  return key.split('/').slice(-4).join('/');
}

/**
 * Sources in the order a mixture first names them. An entry that names a source already seen adds
 * its weight to it; the shard keeps the first entry's path and line.
 */
export class MixtureSources {
  private readonly byId = new Map<string, Shard>();

  add(id: string, path: string, weight: number, line: number, extra: Partial<Shard> = {}): void {
    const seen = this.byId.get(id);
    if (seen) {
      seen.weight = (seen.weight ?? 0) + weight;
      if (extra.tokens !== undefined) seen.tokens = (seen.tokens ?? 0) + extra.tokens;
      if (extra.files) seen.files = [...(seen.files ?? []), ...extra.files];
    } else this.byId.set(id, { id, path, weight, tags: [], line, ...extra });
  }

  get size(): number {
    return this.byId.size;
  }

  shards(): Shard[] {
    return [...this.byId.values()];
  }
}

/** Weights as fractions of their total, so mixtures stated in any scale compare. */
export function normalise(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? weights.map((w) => w / total) : weights.map(() => 0);
}
