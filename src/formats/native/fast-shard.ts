// A hand-written check of the common native shard shape, for manifests with millions of shards:
// it accepts only what the zod schema accepts, and says "not sure" (undefined) for anything
// else, which then goes through zod for the exact verdict and message. It sees entries after
// keys.ts has tidied them (blank values dropped, origin in lower case), as zod does.
import { isRecord } from '../../text/guards.js';
import type { NativeShard } from './schema.js';
import { isDate } from './schema.js';
import { ORIGINS } from '../model.js';

const ORIGIN_SET: ReadonlySet<string> = new Set(ORIGINS);

const optString = (v: unknown, nonEmpty = false) => v === undefined || (typeof v === 'string' && (!nonEmpty || v.length > 0));
const optCount = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const optVerified = (v: unknown) => v === undefined || typeof v === 'boolean' || (typeof v === 'string' && v.length > 0);
const optStrings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

function optGenerator(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  return (
    optString(v.model) &&
    (v.depth === undefined || (Number.isInteger(v.depth) && (v.depth as number) >= 0)) &&
    optStrings(v.trained_on) &&
    optVerified(v.verified) &&
    (v.sampling === undefined || isRecord(v.sampling))
  );
}

function optCategories(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isRecord(v)) return false;
  for (const k in v) if (!optCount(v[k]) || v[k] === undefined) return false;
  return true;
}

/** The shard as zod would return it, or undefined when only zod can tell. */
export function fastShard(v: unknown): NativeShard | undefined {
  if (!isRecord(v)) return undefined;
  const id = v.id;
  if (!(id === undefined || (typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id)))) return undefined;
  if (!optString(v.path, true) || (id === undefined && v.path === undefined)) return undefined;
  if (!optString(v.sha256, true) || !optString(v.md5, true) || !optString(v.etag, true)) return undefined;
  if (!optCount(v.rows) || !optCount(v.tokens) || !optCount(v.bytes) || !optCount(v.weight)) return undefined;
  if (v.origin !== undefined && !ORIGIN_SET.has(v.origin as string)) return undefined;
  const f = v.synthetic_fraction;
  if (!(f === undefined || (typeof f === 'number' && f >= 0 && f <= 1))) return undefined;
  if (!optString(v.source) || !optString(v.license) || !optString(v.licence)) return undefined;
  if (!(v.collected === undefined || (typeof v.collected === 'string' && isDate(v.collected)))) return undefined;
  if (!optStrings(v.tags) || !optCategories(v.categories) || !optGenerator(v.generator) || !optVerified(v.verified)) return undefined;
  return v as NativeShard;
}
