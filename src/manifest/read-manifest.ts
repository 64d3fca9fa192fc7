// Reads one manifest file into the model, with the checks every format shares.
import { FORMATS, type ManifestFormat } from './formats.js';
import { ManifestError } from './manifest-error.js';
import type { ManifestFile } from './model.js';

export function formatFor(path: string, explicit: boolean): ManifestFormat | undefined {
  return FORMATS.find((f) => f.recognises(path)) ?? (explicit ? FORMATS.find((f) => f.accepts(path)) : undefined);
}

export function readManifest(path: string, text: string, explicit: boolean): ManifestFile {
  const format = formatFor(path, explicit);
  if (!format) {
    throw new ManifestError(path, undefined, `no manifest format reads this file (tried: ${FORMATS.map((f) => f.name).join(', ')})`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.startsWith('version https://git-lfs.github.com/spec/')) {
    throw new ManifestError(path, 1, 'this is a Git LFS pointer, not the manifest; keep manifests out of LFS');
  }
  if (text.includes('\0')) throw new ManifestError(path, undefined, 'binary content, not a text manifest');
  const dataset = format.parse(path, text.replace(/\r\n/g, '\n'));
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
