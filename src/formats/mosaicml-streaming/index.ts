// Reads MosaicML Streaming indexes (SPEC §4): the `index.json` beside MDS/CSV/JSONL shards, one
// shard per `shards[]` entry. The index says nothing about provenance: origin is left to the config map.
// Only a file that is not JSON, or has no `shards` list, is invalid: an unreadable count is unknown, with a note.
import { isRecord } from '../../text/guards.js';
import type { ManifestFormat } from '../types.js';
import { SourceError } from '../../text/source-error.js';
import type { Dataset, ReadNote, Shard } from '../model.js';

const INDEX_FILE = /(^|\/)index\.json$/;

export const mosaicmlIndexFormat: ManifestFormat = {
  title: 'MosaicML Streaming',
  kind: 'inventory',
  provenanceFields: ['hash'],
  name: 'mosaicml-streaming',
  candidate: (path) => INDEX_FILE.test(path),
  detect: (_path, text) => text.includes('"shards"') && isStreamingIndex(parseOrUndefined(text)),
  parse: parseMosaicmlIndex,
};

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A `shards` list whose entries name their `raw_data` file; an empty index still has its `version`. */
function isStreamingIndex(v: unknown): boolean {
  if (!isRecord(v) || !Array.isArray(v.shards)) return false;
  if (v.shards.length === 0) return typeof v.version === 'number';
  return v.shards.every((s) => isRecord(s) && isRecord(s.raw_data) && typeof s.raw_data.basename === 'string');
}

export function parseMosaicmlIndex(file: string, text: string): Dataset {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = scanJson(text).error;
    throw new SourceError(file, at === undefined ? undefined : lineAt(text, [at])[0], `invalid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(value) || !Array.isArray(value.shards)) throw new SourceError(file, 1, "shards: expected the list of the index's shards");
  // The writer puts the whole index on one line, so most lines are 1; a hand-formatted index gets real lines.
  const lines = lineAt(text, scanJson(text).shardStarts);
  const notes: ReadNote[] = [];
  const unknown = (field: string, i: number, detail: string, shard?: string): undefined => {
    notes.push({ field, severity: 'info', line: lines[i] ?? 1, ...(shard !== undefined ? { shard } : {}), detail });
    return undefined;
  };
  const shards = value.shards.flatMap((s: unknown, i): Shard[] => {
    // `raw_data` is the uncompressed shard file (`zip_data` its compressed copy): its name is the shard's
    // identity and its hashes, one per algorithm the writer was asked for, are often empty.
    const entry = isRecord(s) ? s : {};
    const raw = entry.raw_data;
    if (!isRecord(raw) || typeof raw.basename !== 'string' || raw.basename === '') {
      return unknown('raw_data.basename', i, `shards[${i}] has no raw_data.basename to name its file: it is not read`) ?? [];
    }
    const id = raw.basename;
    const notUnderstood = (field: string, v: unknown, expected: string) =>
      unknown(field, i, `${field} is ${JSON.stringify(v)}, not ${expected}: not understood, treated as unknown`, id);
    const count = (field: string, v: unknown) =>
      v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0) ? (v ?? undefined) : notUnderstood(field, v, 'a count');
    const hashes =
      raw.hashes === undefined || raw.hashes === null || isRecord(raw.hashes)
        ? (raw.hashes ?? undefined)
        : notUnderstood('raw_data.hashes', raw.hashes, 'a mapping of algorithm to digest');
    const line = lines[i] ?? 1;
    return [{ id, path: id, hash: hashOf(hashes), rows: count('samples', entry.samples), bytes: count('raw_data.bytes', raw.bytes), tags: [], line }];
  });
  return { shards, ...(notes.length > 0 ? { notes } : {}) };
}

const PREFERRED = ['sha256', 'md5'];

/** sha256, else md5, else another algorithm (first by name, so the choice is stable) as `<algo>:<hex>`; a digest that is not text is none. */
function hashOf(hashes: Record<string, unknown> | undefined): string | undefined {
  const known = Object.entries(hashes ?? {})
    .filter((e): e is [string, string] => e[0] !== '' && typeof e[1] === 'string' && e[1].trim() !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const [algo, hex] = known.find(([a]) => a === PREFERRED[0]) ?? known.find(([a]) => a === PREFERRED[1]) ?? known[0] ?? [];
  return algo === undefined ? undefined : `${algo}:${hex}`;
}

/** 1-based lines of ascending offsets, in one pass. */
function lineAt(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const off of offsets) {
    for (; pos < off && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++;
    lines.push(line);
  }
  return lines;
}

const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * One linear, non-recursive pass over JSON text: where each top-level `shards[]` entry starts (for
 * lines, without a second, slow parse) and where the first syntax error is (Node's messages often omit it).
 */
function scanJson(text: string): { shardStarts: number[]; error?: number } {
  const n = text.length;
  const stack: { open: '{' | '['; key?: string }[] = [];
  let shardStarts: number[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r')) i++;
  };
  /** At a quote: the raw string content, or undefined with `i` at the fault. */
  const readString = (): string | undefined => {
    const start = ++i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return text.slice(start, i++);
      if (c < 0x20) return undefined;
      if (c === 0x5c) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) return undefined;
        i = ESCAPE.lastIndex;
      } else i++;
    }
    return undefined;
  };
  for (;;) {
    skipSpace();
    const top = stack[stack.length - 1];
    if (state === 'value') {
      if (stack.length === 2 && top!.open === '[' && stack[0]!.key === 'shards') shardStarts.push(i);
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push({ open: c });
        i++;
        skipSpace();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          state = 'after';
        } else state = c === '{' ? 'key' : 'value';
      } else if (c === '"') {
        if (readString() === undefined) return { shardStarts, error: i };
        state = 'after';
      } else {
        SCALAR.lastIndex = i;
        if (!SCALAR.test(text)) return { shardStarts, error: i };
        i = SCALAR.lastIndex;
        state = 'after';
      }
    } else if (state === 'key') {
      if (text[i] !== '"') return { shardStarts, error: i };
      const raw = readString();
      if (raw === undefined) return { shardStarts, error: i };
      skipSpace();
      if (text[i] !== ':') return { shardStarts, error: i };
      i++;
      if (stack.length === 1) {
        top!.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top!.key === 'shards') shardStarts = []; // a repeated key wins, as in JSON.parse
      }
      state = 'value';
    } else {
      if (!top) return i < n ? { shardStarts, error: i } : { shardStarts };
      if (text[i] === ',') {
        i++;
        state = top.open === '{' ? 'key' : 'value';
      } else if (text[i] === (top.open === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else return { shardStarts, error: i };
    }
  }
}
