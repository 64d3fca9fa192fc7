// Base vs head: which shards were added, removed, modified, renamed or kept (SPEC §5).
import type { Dataset, Shard, ShardSide } from '../formats/model.js';
import type { ManifestKind } from '../formats/types.js';
import { fileTail } from '../formats/mixtures/sources.js';
import { chooseUnit, sumUnits, syntheticShare, ZERO_UNITS, type AmountUnit, type Units } from '../formats/units.js';

export type ShardStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'unchanged';
/** A manifest diff is always a change: manifests the change does not touch are dataset members, not diffs. */
export type ManifestStatus = 'added' | 'deleted' | 'modified' | 'moved';

export interface ShardChange {
  status: ShardStatus;
  base?: Shard;
  head?: Shard;
  /** Fields whose value differs (for modified and renamed shards). */
  changed: string[];
  /**
   * The origin changed while the content (hash, or sizes when neither side has a hash) did not:
   * the data was labelled or its label corrected, nothing was replaced (SPEC §5a).
   */
  relabelled: boolean;
}

export interface ManifestDiff {
  /** Path at head (or at base for a deleted manifest). */
  path: string;
  basePath?: string;
  format: string;
  kind: ManifestKind;
  status: ManifestStatus;
  /** Key of the dataset this diff belongs to (see datasets.ts). */
  dataset: string;
  /** Deleted as a manifest only: the file is still there but no longer reads as one (a card without its front-matter). */
  notAManifest?: boolean;
  base?: Dataset;
  head?: Dataset;
  shards: ShardChange[];
  counts: Record<ShardStatus, number>;
  unit: AmountUnit;
  units: { base: Units; head: Units };
  share: { base: number | null; head: number | null };
}

/** What a shard holds: a change here is new data, not a new label. */
export const CONTENT_FIELDS: readonly (keyof Shard)[] = ['hash', 'rows', 'tokens', 'bytes', 'weight'];
const ORIGIN_FIELDS: readonly (keyof Shard)[] = ['origin', 'syntheticFraction'];

const COMPARED: (keyof Shard)[] = [
  'hash',
  'rows',
  'tokens',
  'bytes',
  'weight',
  'origin',
  'syntheticFraction',
  'source',
  'collected',
  'license',
  'tags',
  'categories',
  'generator',
  'verified',
];
const RECIPE_COMPARED = COMPARED.filter((k) => k !== 'source');

/**
 * Pairs shards by id, then path, then content hash. Linear in the number of shards: the id pass
 * pairs nearly all of them, and only what it leaves goes through the path and hash passes.
 */
export function matchShards(base: readonly Shard[], head: readonly Shard[], kind: ManifestKind = 'inventory'): ShardChange[] {
  const baseOf = new Int32Array(head.length).fill(-1); // head index → base index
  const taken = new Uint8Array(base.length);
  let leftBase = base.map((_, i) => i);
  let leftHead = head.map((_, j) => j);
  for (const key of [(s: Shard) => s.id, (s: Shard) => s.path, (s: Shard) => s.hash]) {
    if (leftBase.length === 0 || leftHead.length === 0) break;
    const index = new Map<string, number>();
    for (const i of leftBase) {
      const k = key(base[i]!);
      if (k !== undefined && !index.has(k)) index.set(k, i);
    }
    for (const j of leftHead) {
      const k = key(head[j]!);
      const i = k === undefined ? undefined : index.get(k);
      if (i !== undefined && !taken[i]) {
        baseOf[j] = i;
        taken[i] = 1;
      }
    }
    leftBase = leftBase.filter((i) => !taken[i]);
    leftHead = leftHead.filter((j) => baseOf[j] === -1);
  }
  if (kind === 'inventory' && leftBase.length > 0 && leftHead.length > 0) matchBySize(base, head, leftBase, leftHead, baseOf, taken);
  const merged = kind === 'recipe' && leftBase.length > 0 ? matchSources(base, head, leftBase, leftHead, baseOf, taken) : new Map<number, number>();
  const changes: ShardChange[] = head.map((h, j) =>
    baseOf[j]! >= 0
      ? compareShards(withMerged(base, baseOf[j]!, j, merged), h, kind)
      : { status: 'added', head: h, changed: NOTHING_CHANGED, relabelled: false },
  );
  for (const i of leftBase) {
    if (taken[i]) continue;
    const into = merged.get(i);
    changes.push(
      into === undefined
        ? { status: 'removed', base: base[i]!, changed: NOTHING_CHANGED, relabelled: false }
        : { status: 'renamed', base: base[i]!, head: head[into]!, changed: ['merged'], relabelled: false },
    );
  }
  return changes;
}

/**
 * Shards that state no content hash (a card's configs, a catalog's entries) keep their sizes when
 * renamed: a removed and an added shard whose sizes are the same, and no other's, are one shard.
 */
function matchBySize(base: readonly Shard[], head: readonly Shard[], leftBase: number[], leftHead: number[], baseOf: Int32Array, taken: Uint8Array): void {
  const sizeOf = (s: Shard) => (s.hash === undefined && (s.rows ?? s.tokens ?? s.bytes) !== undefined ? `${s.rows}|${s.tokens}|${s.bytes}` : undefined);
  const unique = (items: number[], shards: readonly Shard[]) => {
    const by = new Map<string, number | null>();
    for (const i of items) {
      const k = sizeOf(shards[i]!);
      if (k !== undefined) by.set(k, by.has(k) ? null : i);
    }
    return by;
  };
  const bases = unique(leftBase, base);
  for (const [k, j] of unique(leftHead, head)) {
    const i = bases.get(k);
    if (i === undefined || i === null || j === null || taken[i]) continue;
    baseOf[j] = i;
    taken[i] = 1;
  }
}

/** A base source together with the sources merged into the same head source: compared as one. */
function withMerged(base: readonly Shard[], i: number, j: number, merged: ReadonlyMap<number, number>): Shard {
  const others = [...merged].filter(([, into]) => into === j).map(([from]) => base[from]!);
  if (others.length === 0) return base[i]!;
  const sum = (k: 'weight' | 'tokens') => (base[i]![k] === undefined ? undefined : others.reduce((n, s) => n + (s[k] ?? 0), base[i]![k]!));
  return { ...base[i]!, weight: sum('weight'), tokens: sum('tokens') };
}

/**
 * A recipe's sources that no id matched (SPEC §5a: a source is its label or dataset name, not its
 * path): a name that is the tail of the other (a store or mount prefix added or dropped), then the
 * files a source draws from. A source whose files went mostly to one source at head is that source,
 * renamed or relabelled; when that one already has its base, the source was merged into it.
 * Returns base index → head index for the merged ones; pairs the others in `baseOf`.
 */
function matchSources(
  base: readonly Shard[],
  head: readonly Shard[],
  leftBase: number[],
  leftHead: number[],
  baseOf: Int32Array,
  taken: Uint8Array,
): Map<number, number> {
  const segments = (s: Shard) => s.id.toLowerCase().split('/').filter(Boolean);
  const isTail = (a: string[], b: string[]) => a.length >= 2 && a.length <= b.length && a.every((x, k) => x === b[b.length - a.length + k]);
  for (const j of leftHead) {
    const h = segments(head[j]!);
    const candidates = leftBase.filter((i) => !taken[i] && (isTail(segments(base[i]!), h) || isTail(h, segments(base[i]!))));
    if (candidates.length === 1) {
      baseOf[j] = candidates[0]!;
      taken[candidates[0]!] = 1;
    }
  }
  const merged = new Map<number, number>();
  const headOfFile = new Map<string, number>();
  head.forEach((h, j) => h.files?.forEach((f) => headOfFile.set(fileTail(f), j)));
  if (headOfFile.size === 0) return merged;
  for (const i of leftBase) {
    const files = base[i]!.files;
    if (taken[i] || !files?.length) continue;
    const votes = new Map<number, number>();
    for (const f of files) {
      const j = headOfFile.get(fileTail(f));
      if (j !== undefined) votes.set(j, (votes.get(j) ?? 0) + 1);
    }
    const [best, count] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
    if (best === undefined || count * 2 < files.length) continue;
    if (baseOf[best] === -1) {
      baseOf[best] = i;
      taken[i] = 1;
    } else merged.set(i, best);
  }
  return merged;
}

const NOTHING_CHANGED: string[] = [];

/**
 * A recipe's source is its label or dataset name (SPEC §5a): the path of its first file may be
 * rewritten (a tokenizer folder, a bucket) without the source changing at all.
 */
export function compareShards(base: Shard, head: Shard, kind: ManifestKind = 'inventory'): ShardChange {
  const moved = base.id !== head.id || (kind === 'inventory' && base.path !== head.path);
  // Most shards of a large manifest are unchanged: find that out without allocating.
  // A recipe's `source` is its label, the source's identity: a label added or corrected is no new data.
  const compared = kind === 'recipe' ? RECIPE_COMPARED : COMPARED;
  let first = 0;
  while (first < compared.length && sameValue(base[compared[first]!], head[compared[first]!])) first++;
  if (first === compared.length) {
    return { status: moved ? 'renamed' : 'unchanged', base, head, changed: moved ? ['path'] : NOTHING_CHANGED, relabelled: false };
  }
  const changed = compared.slice(first).filter((k) => !sameValue(base[k], head[k]));
  const relabelled = changed.some((k) => ORIGIN_FIELDS.includes(k)) && !changed.some((k) => CONTENT_FIELDS.includes(k));
  return { status: 'modified', base, head, changed: moved ? ['path', ...changed] : changed, relabelled };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // Tags: arrays of strings, compared without serialising (this runs once per shard).
  if (Array.isArray(a) && Array.isArray(b) && a.every((x) => typeof x !== 'object') && b.every((x) => typeof x !== 'object')) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffManifest(args: Pick<ManifestDiff, 'path' | 'basePath' | 'format' | 'kind' | 'status' | 'base' | 'head' | 'dataset'>): ManifestDiff {
  // Tallied shards are the unchanged ones, tallied once for both sides: a one-sided tally would lose shards.
  if ((args.base?.tally || args.head?.tally) && args.base?.tally !== args.head?.tally) {
    throw new Error(`${args.path}: shards tallied on one side only`);
  }
  const shards = matchShards(args.base?.shards ?? [], args.head?.shards ?? [], args.kind);
  const diff = {
    ...args,
    shards,
    counts: countStatuses(shards, args.head?.tally?.count),
    unit: 'shards' as AmountUnit,
    units: { base: ZERO_UNITS, head: ZERO_UNITS },
    share: { base: null, head: null },
  };
  measureIn(diff, chooseUnit([args.base ?? NO_SHARDS, args.head ?? NO_SHARDS]));
  return diff;
}

const NO_SHARDS: ShardSide = { shards: [] };

/** Sets a diff's amounts in `unit` (its dataset's unit, so that manifests of one dataset compare). */
export function measureIn(m: Pick<ManifestDiff, 'base' | 'head' | 'unit' | 'units' | 'share'>, unit: AmountUnit): void {
  m.unit = unit;
  m.units = { base: sumUnits(m.base ?? NO_SHARDS, unit), head: sumUnits(m.head ?? NO_SHARDS, unit) };
  m.share = { base: m.base ? syntheticShare(m.units.base) : null, head: m.head ? syntheticShare(m.units.head) : null };
}

/**
 * Shards that leave one manifest and appear in another (a manifest split or merged) are moves,
 * not a removal plus an addition. Matched by content hash, then by path.
 */
export function matchAcrossManifests(manifests: readonly ManifestDiff[]): void {
  for (const key of [(s: Shard) => s.hash, (s: Shard) => s.path]) {
    const removed = new Map<string, { m: ManifestDiff; c: ShardChange }>();
    for (const m of manifests) {
      for (const c of m.shards) {
        const k = c.status === 'removed' ? key(c.base!) : undefined;
        if (k !== undefined && !removed.has(k)) removed.set(k, { m, c });
      }
    }
    if (removed.size === 0) continue;
    for (const m of manifests) {
      m.shards = m.shards.map((c) => {
        const k = c.status === 'added' ? key(c.head!) : undefined;
        const from = k === undefined ? undefined : removed.get(k);
        if (!from || from.m === m) return c;
        removed.delete(k!);
        from.m.shards = from.m.shards.filter((x) => x !== from.c);
        const moved = compareShards(from.c.base!, c.head!, m.kind);
        return moved.status === 'unchanged' ? { ...moved, status: 'renamed', changed: ['manifest'] } : moved;
      });
    }
  }
  for (const m of manifests) m.counts = countStatuses(m.shards, m.head?.tally?.count);
}

/** Shards by status; `tallied` unchanged shards are not in the list. */
export function countStatuses(shards: ShardChange[], tallied = 0): Record<ShardStatus, number> {
  const counts: Record<ShardStatus, number> = { added: 0, removed: 0, modified: 0, renamed: 0, unchanged: tallied };
  for (const c of shards) counts[c.status]++;
  return counts;
}
