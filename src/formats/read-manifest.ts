// Reads one manifest file into the model, with the checks every format shares.
import { detectAnyFormat, detectFormat, FORMATS } from './index.js';
import type { ReadOptions } from './types.js';
import { IssueList, SourceError } from '../text/source-error.js';
import type { ManifestFile } from './model.js';

/** Bounds on what one manifest may hold, so hostile input costs bounded time and memory. */
export interface Limits {
  'max-manifest-bytes': number;
  'max-shards': number;
  'max-id-length': number;
}

/**
 * Reads one manifest file. Found automatically, a file no format confirms is not a manifest
 * (undefined); selected by an explicit glob, it is an error that lists the formats tried.
 */
export function readManifest(
  path: string,
  raw: string,
  explicit: boolean,
  limits: Limits,
  validUtf8 = true,
  options: ReadOptions = {},
): ManifestFile | undefined {
  if (raw.startsWith('version https://git-lfs.github.com/spec/')) {
    throw new SourceError(path, 1, 'this is a Git LFS pointer, not the manifest: fetch it from LFS, or keep manifests out of LFS');
  }
  if (raw.includes('\0')) throw new SourceError(path, undefined, 'binary content, not a text manifest');
  // U+FFFD is a valid character (a card may quote a sample that holds it): only bytes that are not
  // UTF-8 make a file unreadable; the first replacement character shows where they are.
  if (!validUtf8) throw new SourceError(path, lineAt(raw, raw.indexOf('\uFFFD')), 'not valid UTF-8 text (save the manifest as UTF-8)');
  const unmarked = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n/g, '\n') : unmarked;
  let dataset;
  let format;
  try {
    format = explicit ? detectAnyFormat(path, text) : detectFormat(path, text);
    if (!format) {
      if (!explicit) return undefined;
      throw new SourceError(path, undefined, `no manifest format recognises this file (tried: ${FORMATS.map((f) => f.name).join(', ')})`);
    }
    dataset = format.parse(path, text, options);
  } catch (e) {
    // Whatever the content, the outcome is a finding that names the file, never a crash.
    if (e instanceof SourceError) throw e;
    throw new SourceError(path, undefined, `could not be read: ${(e as Error)?.message ?? String(e)}`);
  }
  checkLimits(path, dataset.shards, limits);
  const seen = new Map<string, number>();
  const duplicates = new IssueList(path);
  for (const shard of dataset.shards) {
    const first = seen.get(shard.id);
    if (first === undefined) {
      seen.set(shard.id, shard.line);
      continue;
    }
    // Our own format is strict (every duplicate reported at once); another tool's file that lists an entry twice is read, and said so.
    if (format.name === 'native') {
      duplicates.add({ line: shard.line, detail: `duplicate shard id "${shard.id}" (first at line ${first})` });
      continue;
    }
    const id = shard.id;
    let n = 2;
    while (seen.has(`${id} #${n}`)) n++;
    shard.id = `${id} #${n}`;
    seen.set(shard.id, shard.line);
    (dataset.notes ??= []).push({
      field: id,
      line: shard.line,
      shard: shard.id,
      severity: 'info',
      detail: `"${id}" is listed again (first at line ${first}); this entry is read as "${shard.id}"`,
    });
  }
  duplicates.throwIfAny();
  return { path, format: format.name, dataset };
}

function checkLimits(path: string, shards: readonly { id: string; line: number }[], limits: Limits): void {
  if (shards.length > limits['max-shards']) {
    throw new SourceError(
      path,
      shards[limits['max-shards']]!.line,
      `${shards.length.toLocaleString('en-US')} shards, above the limit of ${limits['max-shards'].toLocaleString('en-US')} (limits.max-shards): ` +
        'split the manifest or raise the limit',
    );
  }
  const long = shards.find((s) => s.id.length > limits['max-id-length']);
  if (long) {
    throw new SourceError(
      path,
      long.line,
      `a shard id of ${long.id.length.toLocaleString('en-US')} characters, above the limit of ${limits['max-id-length']} (limits.max-id-length)`,
    );
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
