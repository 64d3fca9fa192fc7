// Datasets measured (SPEC §5a): the manifests the change touches, grouped by the datasets they
// belong to. Shares, real totals and categories are the dataset's, over every manifest it holds at
// base and head, touched by the change or not.
import type { DatasetKey, ManifestMember } from '../datasets/keys.js';
import { diffManifest, matchAcrossManifests, measureIn, type ManifestDiff } from './shards.js';
import type { ManifestKind } from '../formats/types.js';
import { UNITS, type ShardSide } from '../formats/model.js';
import { mergeTallies, shardCount } from '../formats/tally.js';
import { chooseUnit, sumUnits, syntheticShare, type AmountUnit, type Units } from '../formats/units.js';

export interface DatasetDiff {
  /** Identity: `policy:<name>`, `name:<dataset>` or `file:<path>`. */
  key: string;
  name: string;
  /** The dataset's name on the base, when the change renamed it. */
  previousName?: string;
  /** `added`: first appears in this change; `deleted`: none of its manifests is left at head. */
  status: 'added' | 'deleted' | 'modified';
  /** A recipe when every manifest of it is one (mixtures); else an inventory. */
  kind: ManifestKind;
  /** The manifests the change touches. */
  manifests: ManifestDiff[];
  /** Every manifest of the dataset at each side, touched or not. */
  members: { base: string[]; head: string[] };
  /** Every shard of the dataset at each side, kept or tallied. */
  data: { base: ShardSide; head: ShardSide };
  unit: AmountUnit;
  units: { base: Units; head: Units };
  share: { base: number | null; head: number | null };
  /** The latest `audit.last` any of its manifests records at head. */
  lastAudit?: string;
}

/** A touched manifest, read at each side, with the dataset each side belongs to. */
export interface TouchedManifest {
  diff: ManifestDiff;
  baseKey?: DatasetKey;
  headKey?: DatasetKey;
}

/**
 * Groups the change into datasets. A dataset renamed by the change (its manifests all carry a new
 * name, or a manifest of its own moved to a new path) is one dataset, not a deletion and a new one.
 */
export function assembleDatasets(touched: readonly TouchedManifest[], members: ReadonlyMap<string, ManifestMember[]>): DatasetDiff[] {
  const names = new Map<string, string>();
  const atBase = new Set<string>();
  const atHead = new Set<string>();
  for (const t of touched) {
    if (t.baseKey && t.diff.base) {
      atBase.add(t.baseKey.key);
      names.set(t.baseKey.key, t.baseKey.name);
    }
    if (t.headKey && t.diff.head) {
      atHead.add(t.headKey.key);
      names.set(t.headKey.key, t.headKey.name);
    }
  }
  for (const key of members.keys()) {
    atBase.add(key);
    atHead.add(key);
  }
  const renamedTo = pairRenamed(touched, atBase, atHead);
  const final = (key: string) => renamedTo.get(key) ?? key;

  const byKey = new Map<string, { diffs: ManifestDiff[]; members: ManifestMember[]; previousName?: string }>();
  const group = (key: string) => {
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { diffs: [], members: [] }));
    return g;
  };
  for (const [key, list] of members) group(key).members.push(...list);
  // A dataset renamed from one other keeps that name as its previous one (not when several joined).
  for (const [from, to] of renamedTo) {
    if ([...renamedTo.values()].filter((t) => t === to).length === 1 && atBase.has(from)) group(to).previousName = names.get(from);
  }
  for (const t of touched) {
    const b = t.baseKey && t.diff.base ? final(t.baseKey.key) : undefined;
    const h = t.headKey && t.diff.head ? final(t.headKey.key) : undefined;
    if (b === undefined || h === undefined || b === h) {
      const key = (h ?? b)!;
      t.diff.dataset = key;
      group(key).diffs.push(t.diff);
      continue;
    }
    // The manifest leaves one dataset for another: a loss for the first, new data for the second.
    const { format, kind } = t.diff;
    group(b).diffs.push(diffManifest({ path: t.diff.basePath ?? t.diff.path, format, kind, status: 'deleted', base: t.diff.base, dataset: b }));
    group(h).diffs.push(diffManifest({ path: t.diff.path, format, kind, status: 'added', head: t.diff.head, dataset: h }));
  }

  const datasets: DatasetDiff[] = [];
  for (const [key, g] of byKey) {
    if (g.diffs.length === 0) continue; // only untouched members: not part of this change
    datasets.push(measureDataset(key, names.get(key) ?? key.replace(/^\w+:/, ''), g));
  }
  return datasets.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Keys present only at base joined with keys present only at head when the manifests link them: the
 * same file under a new dataset name or path, or shards moved by content hash (outputs of four
 * `.dvc` files moved into one `dvc.lock`). Linked keys form one dataset, under a head key's name.
 */
function pairRenamed(touched: readonly TouchedManifest[], atBase: Set<string>, atHead: Set<string>): Map<string, string> {
  const baseOnly = (k: string | undefined): k is string => k !== undefined && atBase.has(k) && !atHead.has(k);
  const headOnly = (k: string | undefined): k is string => k !== undefined && atHead.has(k) && !atBase.has(k);
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    const p = parent.get(k) ?? k;
    if (p === k) return k;
    const root = find(p);
    parent.set(k, root);
    return root;
  };
  const linked = new Set<string>();
  const link = (a: string, b: string) => {
    linked.add(a).add(b);
    parent.set(find(a), find(b));
  };
  const hashes = new Map<string, string>();
  for (const t of touched) {
    const from = t.baseKey?.key;
    const to = t.headKey?.key;
    if (t.diff.base && t.diff.head && baseOnly(from) && headOnly(to)) link(from, to);
    if (t.diff.base && baseOnly(from)) for (const s of t.diff.base.shards) if (s.hash) hashes.set(s.hash, from);
  }
  for (const t of touched) {
    const to = t.headKey?.key;
    if (!t.diff.head || !headOnly(to)) continue;
    for (const s of t.diff.head.shards) {
      const from = s.hash ? hashes.get(s.hash) : undefined;
      if (from) link(from, to);
    }
  }
  // Each group that holds keys of both sides becomes the dataset of its first head key.
  const groups = new Map<string, string[]>();
  for (const k of linked) groups.set(find(k), [...(groups.get(find(k)) ?? []), k]);
  const pairs = new Map<string, string>();
  for (const keys of groups.values()) {
    const heads = keys.filter((k) => headOnly(k)).sort();
    const bases = keys.filter((k) => baseOnly(k));
    if (heads.length === 0 || bases.length === 0) continue;
    for (const k of [...bases, ...heads.slice(1)]) pairs.set(k, heads[0]!);
  }
  return pairs;
}

function measureDataset(key: string, name: string, g: { diffs: ManifestDiff[]; members: ManifestMember[]; previousName?: string }): DatasetDiff {
  const untouched = g.members.map((m) => m.data);
  const join = (sides: readonly ShardSide[]): ShardSide => ({ shards: sides.flatMap((s) => s.shards), tally: mergeTallies(sides.map((s) => s.tally)) });
  const base = join([...g.diffs.flatMap((d) => (d.base ? [d.base] : [])), ...untouched]);
  const head = join([...g.diffs.flatMap((d) => (d.head ? [d.head] : [])), ...untouched]);
  // A dataset that held no data on the base (a card with a title only, say) is new in this change.
  const hasBase = shardCount(base) > 0;
  const hasHead = g.members.length > 0 || g.diffs.some((d) => d.head);
  // Shards that move between manifests of one dataset are renames, not a removal and an addition.
  matchAcrossManifests(g.diffs);
  const kinds = [...g.diffs.map((d) => d.kind), ...g.members.map((m) => m.kind)];
  const kind = kinds.every((k) => k === 'recipe') ? 'recipe' : 'inventory';
  // A recipe samples its sources by tokens: they are its measure when both sides state them.
  const unit = chooseUnit(hasBase ? [base, head] : [head], kind === 'recipe' ? ['tokens', 'weight', 'rows', 'bytes'] : UNITS);
  for (const d of g.diffs) measureIn(d, unit);
  const units = { base: sumUnits(base, unit), head: sumUnits(head, unit) };
  const paths = (side: 'base' | 'head') =>
    [...g.diffs.filter((d) => d[side]).map((d) => (side === 'base' ? (d.basePath ?? d.path) : d.path)), ...g.members.map((m) => m.path)].sort();
  const audits = [...g.diffs.map((d) => d.head?.audit?.last), ...g.members.map((m) => m.data.audit?.last)].filter((a): a is string => !!a);
  return {
    key,
    name,
    ...(g.previousName && g.previousName !== name ? { previousName: g.previousName } : {}),
    status: !hasBase ? 'added' : !hasHead ? 'deleted' : 'modified',
    kind,
    manifests: g.diffs,
    members: { base: paths('base'), head: paths('head') },
    data: { base: hasBase ? base : { shards: [] }, head: hasHead ? head : { shards: [] } },
    unit,
    units,
    share: { base: hasBase ? syntheticShare(units.base) : null, head: hasHead ? syntheticShare(units.head) : null },
    ...(audits.length ? { lastAudit: audits.sort().at(-1) } : {}),
  };
}
