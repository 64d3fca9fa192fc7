// Reads one manifest file into the model, with the checks every format shares.
import { detectAnyFormat, detectFormat, FORMATS } from './formats.js';
import { ManifestError } from './manifest-error.js';
import type { ManifestFile } from './model.js';

/**
 * Reads one manifest file. Found automatically, a file no format confirms is not a manifest
 * (undefined); selected by an explicit glob, it is an error that lists the formats tried.
 */
export function readManifest(path: string, raw: string, explicit: boolean): ManifestFile | undefined {
  if (raw.startsWith('version https://git-lfs.github.com/spec/')) {
    throw new ManifestError(path, 1, 'this is a Git LFS pointer, not the manifest: fetch it from LFS, or keep manifests out of LFS');
  }
  if (raw.includes('\0')) throw new ManifestError(path, undefined, 'binary content, not a text manifest');
  const text = (raw.startsWith('\uFEFF') ? raw.slice(1) : raw).replace(/\r\n/g, '\n');
  const format = explicit ? detectAnyFormat(path, text) : detectFormat(path, text);
  if (!format) {
    if (!explicit) return undefined;
    throw new ManifestError(path, undefined, `no manifest format recognises this file (tried: ${FORMATS.map((f) => f.name).join(', ')})`);
  }
  const dataset = format.parse(path, text);
  const seen = new Map<string, number>();
  for (const shard of dataset.shards) {
    const first = seen.get(shard.id);
    if (first !== undefined) {
      throw new ManifestError(path, shard.line, `duplicate shard id "${shard.id}" (first at line ${first})`);
    }
    seen.set(shard.id, shard.line);
  }
  return { path, format: format.name, dataset };
}
