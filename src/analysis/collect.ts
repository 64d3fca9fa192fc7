// What the change touches (SPEC §5, §5a): the manifests whose blob differs between base and head,
// read at both sides, then the untouched manifests of the same datasets, read once.
import type { Settings } from './settings.js';
import { datasetKeyOf, type ManifestMember } from '../datasets/keys.js';
import type { ChangeSet, ManifestProblem } from '../diff/change.js';
import { assembleDatasets, type TouchedManifest } from '../diff/datasets.js';
import { diffManifest } from '../diff/shards.js';
import { matchesAny } from '../text/glob.js';
import { decode, type BlobText, type Repo, type Revisions, type TreeEntry } from '../git.js';
import { fillProvenance } from '../formats/fill-provenance.js';
import { formatNamed, isCandidate } from '../formats/index.js';
import { SourceError } from '../text/source-error.js';
import type { ManifestFile, ShardSide } from '../formats/model.js';
import type { ReadOptions } from '../formats/types.js';
import { isNativeManifestPath, nativeDatasetName } from '../formats/native/index.js';
import { readManifest } from '../formats/read-manifest.js';
import { canReadTallied, PairRead, readNativeTallied, type TallyOptions } from '../formats/native/tallied.js';
import { isPlainShard } from '../rules/plain-shards.js';

/** A selection (`manifests`, a `datasets:` entry) that matches no file: a mistake, never an empty pass. */
export class SelectionError extends Error {
  override name = 'SelectionError';
}

const REGULAR_FILE = /^100(644|755)$/;

export async function collectChanges(repo: Repo, rev: Revisions, settings: Settings, options: ReadOptions = {}): Promise<ChangeSet> {
  const explicit = settings.manifests.length > 0;
  const [baseFiles, headFiles] = await Promise.all([repo.listFiles(rev.base), repo.listFiles(rev.head)]);
  checkSelections(settings, baseFiles, headFiles);
  const selected = (e: TreeEntry) => (explicit ? matchesAny(e.path, settings.manifests) : isCandidate(e.path));
  const base = new Map(baseFiles.filter(selected).map((e) => [e.path, e]));
  const head = new Map(headFiles.filter(selected).map((e) => [e.path, e]));
  const reader = new ManifestReader(repo, settings, explicit, options);
  const keyOf = (path: string, file: ManifestFile) => datasetKeyOf(path, file, settings.datasets);

  // Manifest files moved between the revisions are diffed against their old path. So is a new file
  // that took the old content of a path now rewritten with something else: that path holds new data.
  const onlyHead = new Set([...head.keys()].filter((p) => !base.has(p)));
  const movedFrom = new Map<string, string>();
  if (onlyHead.size > 0 && base.size > 0) {
    for (const [from, to] of await movesOrNone(repo, rev, [...new Set([...base.keys(), ...head.keys()])])) {
      if (base.has(from) && onlyHead.has(to)) movedFrom.set(to, from);
    }
  }
  const movedAway = new Set(movedFrom.values());

  // Every touched blob is read through one git process; the base is read even when the head
  // cannot be, so that a problem it already had is inherited.
  const pairs: { path: string; basePath?: string; h?: TreeEntry; b?: TreeEntry }[] = [];
  for (const [path, h] of head) {
    // A path whose old content moved elsewhere holds new content: it has no base of its own.
    const basePath = movedAway.has(path) ? undefined : base.has(path) ? path : movedFrom.get(path);
    const b = basePath ? base.get(basePath) : undefined;
    if (b && basePath === path && sameBlob(b, h)) continue; // untouched: a dataset member at most
    pairs.push({ path, basePath, h, b });
  }
  for (const [path, b] of base) if (!head.has(path) && !movedAway.has(path)) pairs.push({ path, basePath: path, b });
  // Large native manifests changed in place: their unchanged shards are read once and tallied.
  const tallied = (p: (typeof pairs)[number]) => reader.tallies && !!p.b && !!p.h && canReadTallied(p.path) && canReadTallied(p.basePath!);
  const read = await reader.readPairs(
    pairs.filter(tallied).map((p) => ({ base: p.b!, head: p.h!, sameDataset: (b, h) => sameDataset(keyOf(p.basePath!, b).key, keyOf(p.path, h).key) })),
  );
  for (const [k, file] of await reader.readAll(
    pairs
      .filter((p) => !tallied(p))
      .flatMap((p) => [...(p.h ? [{ entry: p.h, side: 'head' as const }] : []), ...(p.b ? [{ entry: p.b, side: 'base' as const }] : [])]),
  )) {
    read.set(k, file);
  }

  const touched: TouchedManifest[] = [];
  const deleted = (path: string, file: ManifestFile): TouchedManifest => ({
    diff: diffManifest({ path, format: file.format, kind: kindOf(file), status: 'deleted', base: file.dataset, dataset: '' }),
    baseKey: keyOf(path, file),
  });
  for (const { path, basePath, h, b } of pairs) {
    const baseFile = b && read.get(`base\0${b.path}`);
    if (!h) {
      if (baseFile) touched.push(deleted(path, baseFile));
      continue;
    }
    const headFile = read.get(`head\0${path}`);
    if (!headFile) {
      // Unreadable at head: reported. No longer a manifest at all (a README without its card): its data leaves.
      if (baseFile && !reader.failed(path, 'head')) {
        const gone = deleted(basePath!, baseFile);
        gone.diff.notAManifest = true;
        touched.push(gone);
      }
      continue;
    }
    touched.push({
      diff: diffManifest({
        path,
        basePath: basePath !== path ? basePath : undefined,
        format: headFile.format,
        kind: kindOf(headFile),
        status: !b ? 'added' : basePath !== path ? 'moved' : 'modified',
        base: baseFile?.dataset,
        head: headFile.dataset,
        dataset: '',
      }),
      baseKey: baseFile && keyOf(basePath!, baseFile),
      headKey: keyOf(path, headFile),
    });
  }
  pairMovedRecipes(touched);
  // A dataset that is one file follows the file: moved, it is the same dataset.
  for (const t of touched) if (t.baseKey?.key.startsWith('file:') && t.headKey?.key.startsWith('file:')) t.baseKey = t.headKey;

  const atBase = new Map<string, ShardSide>();
  for (const { b } of pairs) {
    const file = b && read.get(`base\0${b.path}`);
    if (file) atBase.set(b.sha, file.dataset);
  }
  const members = await readMembers(
    atBase,
    reader,
    touched,
    [...head.values()].filter((h) => base.has(h.path) && sameBlob(base.get(h.path)!, h)),
    settings,
    explicit,
  );
  const datasets = assembleDatasets(touched, members);
  const manifests = datasets.flatMap((d) => d.manifests).sort((a, b) => a.path.localeCompare(b.path));
  return { manifests, datasets, problems: reader.problems.sort((a, b) => a.file.localeCompare(b.file)), atBase };
}

/**
 * Manifest files at another commit (a dataset's history), read as the change's are, keyed by blob
 * id. A file that cannot be read there is undefined: it is history, not a problem of this change.
 */
export async function readSnapshots(repo: Repo, settings: Settings, entries: readonly TreeEntry[]): Promise<Map<string, ShardSide | undefined>> {
  const reader = new ManifestReader(repo, settings, settings.manifests.length > 0, {});
  const sides = new Map<string, ShardSide | undefined>();
  const regular = entries.filter((e) => REGULAR_FILE.test(e.mode) && e.size <= settings.limits['max-manifest-bytes']);
  await repo.readBlobs(
    regular.map((e) => e.sha),
    (i, bytes) => {
      const e = regular[i]!;
      const file = reader.readUntouched(e, bytes) ?? reader.parse(e, decode(bytes), ['base']);
      sides.set(e.sha, file?.dataset);
    },
  );
  return sides;
}

/**
 * Where manifests moved, as git sees it. Rename detection compares blobs; a clone that lacks some
 * (a partial clone) makes it fail, and then moves are simply not detected: every manifest is still
 * read at its own path.
 */
async function movesOrNone(repo: Repo, rev: Revisions, paths: string[]): Promise<Map<string, string>> {
  try {
    return await repo.moves(rev.base, rev.head, paths);
  } catch {
    return new Map();
  }
}

/** A dataset that is one file follows the file (see below), so two file keys are one dataset. */
function sameDataset(baseKey: string, headKey: string): boolean {
  return baseKey === headKey || (baseKey.startsWith('file:') && headKey.startsWith('file:'));
}

function sameBlob(a: TreeEntry, b: TreeEntry): boolean {
  return a.sha === b.sha && a.mode === b.mode;
}

function kindOf(file: ManifestFile): 'recipe' | 'inventory' {
  return formatNamed(file.format)?.kind ?? 'inventory';
}

/** Every glob the user chose must match a file at base or head: a typo must not pass as "nothing to review". */
function checkSelections(settings: Settings, baseFiles: TreeEntry[], headFiles: TreeEntry[]): void {
  const paths = [...baseFiles, ...headFiles].map((e) => e.path);
  const unmatched = (globs: readonly string[]) => globs.filter((g) => !paths.some((p) => matchesAny(p, [g])));
  const missing = unmatched(settings.manifests);
  if (missing.length > 0) {
    throw new SelectionError(`the manifests selection ${missing.map((g) => `"${g}"`).join(', ')} matches no file at base or head: check the glob`);
  }
  for (const d of settings.datasets) {
    const none = unmatched(d.manifests);
    if (none.length > 0) {
      throw new SelectionError(
        `the dataset "${d.name}" in the policy file${d.line ? ` (line ${d.line})` : ''} lists ${none.map((g) => `"${g}"`).join(', ')}, ` +
          'which matches no file at base or head',
      );
    }
  }
}

/**
 * A recipe deleted at one path and a recipe of the same format and file name added at another is
 * the recipe moved (and maybe edited), even when it changed too much for git to call it a rename.
 */
function pairMovedRecipes(touched: TouchedManifest[]): void {
  const fileName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const byName = (status: 'added' | 'deleted') => {
    const map = new Map<string, TouchedManifest[]>();
    for (const t of touched) {
      if (t.diff.status !== status || t.diff.kind !== 'recipe') continue;
      const k = `${t.diff.format}\0${fileName(t.diff.path)}`;
      map.set(k, [...(map.get(k) ?? []), t]);
    }
    return map;
  };
  const added = byName('added');
  for (const [k, gone] of byName('deleted')) {
    const came = added.get(k);
    if (gone.length !== 1 || came?.length !== 1) continue;
    const [from, to] = [gone[0]!, came[0]!];
    const { format, kind } = to.diff;
    to.diff = diffManifest({
      path: to.diff.path,
      basePath: from.diff.path,
      format,
      kind,
      status: 'moved',
      base: from.diff.base,
      head: to.diff.head,
      dataset: '',
    });
    to.baseKey = from.baseKey;
    touched.splice(touched.indexOf(from), 1);
  }
}

/**
 * The untouched manifests of the datasets the change touches. A policy dataset's members are known
 * by path; a `dataset:` name needs the file, so untouched native manifests are scanned for it (one
 * git process for all of them) and only those of a touched dataset are read in full.
 */
async function readMembers(
  atBase: Map<string, ShardSide>,
  reader: ManifestReader,
  touched: readonly TouchedManifest[],
  untouched: readonly TreeEntry[],
  settings: Settings,
  explicit: boolean,
): Promise<Map<string, ManifestMember[]>> {
  const keys = new Set(touched.flatMap((t) => [t.baseKey?.key, t.headKey?.key]).filter((k): k is string => k !== undefined));
  const byName = [...keys].some((k) => k.startsWith('name:'));
  const wanted = untouched.filter((e) => {
    const entry = settings.datasets.find((d) => matchesAny(e.path, d.manifests));
    if (entry) return keys.has(`policy:${entry.name}`);
    return byName && (explicit || isNativeManifestPath(e.path));
  });
  const members = new Map<string, ManifestMember[]>();
  const regular = wanted.filter((e) => REGULAR_FILE.test(e.mode));
  await reader.repo.readBlobs(
    regular.map((e) => e.sha),
    (i, bytes) => {
      const e = regular[i]!;
      const policyMember = settings.datasets.some((d) => matchesAny(e.path, d.manifests));
      // A JSON Lines manifest names its dataset on its first line: only that is decoded to find it.
      const jsonLines = /\.jsonl$/i.test(e.path);
      let blob = jsonLines ? undefined : decode(bytes);
      if (!policyMember) {
        const text = blob?.text ?? bytes.toString('utf8', 0, bytes.indexOf(10) < 0 ? bytes.length : bytes.indexOf(10));
        const name = nativeDatasetName(e.path, text);
        if (name === undefined || (name !== null && !keys.has(`name:${name.trim()}`))) return;
      }
      const file = reader.readUntouched(e, bytes) ?? reader.parse(e, (blob ??= decode(bytes)), ['base', 'head']);
      if (!file) return;
      const { key } = datasetKeyOf(e.path, file, settings.datasets);
      if (!keys.has(key)) return;
      members.set(key, [...(members.get(key) ?? []), { path: e.path, format: file.format, kind: kindOf(file), data: file.dataset }]);
      atBase.set(e.sha, file.dataset);
    },
  );
  return members;
}

/** Reads manifests with the checks every read shares; a problem is recorded, never thrown. */
class ManifestReader {
  readonly problems: ManifestProblem[] = [];

  /** How large native manifests are read with their unchanged shards tallied; undefined when every file is read whole. */
  readonly tallies: TallyOptions | undefined;

  constructor(
    readonly repo: Repo,
    private readonly settings: Settings,
    private readonly explicit: boolean,
    private readonly options: ReadOptions,
  ) {
    const plain = {
      requiredProvenance: settings['required-provenance'],
      contaminationCutoff: settings.thresholds['contamination-cutoff'] as string,
      recursionDepth: settings.thresholds['recursion-depth'] as number,
    };
    this.tallies = options.fastPaths === false ? undefined : { limits: settings.limits, provenance: settings.provenance, plain: (s) => isPlainShard(s, plain) };
  }

  /**
   * Both versions of manifests changed in place, read with their unchanged shards tallied; a pair
   * the tallied read cannot take (or whose dataset changes, which makes its shards move) is read
   * whole. Keyed as readAll's.
   */
  async readPairs(
    pairs: readonly { base: TreeEntry; head: TreeEntry; sameDataset: (base: ManifestFile, head: ManifestFile) => boolean }[],
  ): Promise<Map<string, ManifestFile | undefined>> {
    const files = new Map<string, ManifestFile | undefined>();
    const whole: { entry: TreeEntry; side: 'base' | 'head' }[] = [];
    const readable: { pair: (typeof pairs)[number]; read: PairRead }[] = [];
    for (const pair of pairs) {
      const read =
        this.tallies && !this.refuse(pair.base) && !this.refuse(pair.head) ? PairRead.start(pair.base.path, pair.head.path, this.tallies) : undefined;
      if (read) readable.push({ pair, read });
      else whole.push({ entry: pair.head, side: 'head' }, { entry: pair.base, side: 'base' });
    }
    // Each base, then its head, as they arrive, from two git processes: git inflates a head while
    // its base is read. A pair the tallied read gives up on is read again, whole.
    if (readable.length > 0) {
      const bases = this.repo.blobReader(readable.map((r) => r.pair.base.sha));
      const heads = this.repo.blobReader(readable.map((r) => r.pair.head.sha));
      try {
        for (const { pair, read } of readable) {
          await bases.next((size, stored) => ({ ...read.baseSink(size, stored), end: () => read.endBase() }));
          await heads.next((size) => ({ ...read.headSink(size), end: () => undefined }));
          const both = read.end();
          if (both && (!both.base.dataset.tally || pair.sameDataset(both.base, both.head))) {
            files.set(`base\0${pair.base.path}`, both.base);
            files.set(`head\0${pair.head.path}`, both.head);
          } else whole.push({ entry: pair.head, side: 'head' }, { entry: pair.base, side: 'base' });
        }
      } catch (e) {
        bases.abort();
        heads.abort();
        throw e;
      }
      await Promise.all([bases.close(), heads.close()]);
    }
    for (const [k, file] of await this.readAll(whole)) files.set(k, file);
    return files;
  }

  /** An untouched native manifest read with its plain shards tallied, or undefined to read it whole. */
  readUntouched(e: TreeEntry, bytes: Buffer): ManifestFile | undefined {
    if (!this.tallies || this.refuse(e) || !canReadTallied(e.path)) return undefined;
    return readNativeTallied({ path: e.path, bytes }, this.tallies);
  }

  /** Reads each entry at its side, keyed `side\0path`; an entry that cannot be a manifest is not fetched. */
  async readAll(reads: readonly { entry: TreeEntry; side: 'base' | 'head' }[]): Promise<Map<string, ManifestFile | undefined>> {
    const files = new Map<string, ManifestFile | undefined>();
    const fetched = reads.filter(({ entry, side }) => {
      const refused = this.refuse(entry);
      if (refused) this.problems.push({ file: entry.path, detail: refused, side });
      return !refused;
    });
    await this.repo.readTexts(
      fetched.map((r) => r.entry.sha),
      (i, blob) => {
        const { entry, side } = fetched[i]!;
        files.set(`${side}\0${entry.path}`, this.parse(entry, blob, [side]));
      },
    );
    return files;
  }

  parse(e: TreeEntry, blob: BlobText, sides: ('base' | 'head')[]): ManifestFile | undefined {
    const refused = this.refuse(e);
    try {
      if (refused) throw new SourceError(e.path, undefined, refused);
      const file = readManifest(e.path, blob.text, this.explicit, this.settings.limits, blob.validUtf8, this.options);
      if (!file) return undefined;
      const filled = fillProvenance(file.dataset, file.path, this.settings.provenance);
      return { ...file, dataset: formatNamed(file.format)?.fillDefaults?.(filled) ?? filled };
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      // Every problem of the file at once, each at its line: one finding each.
      for (const side of sides) for (const i of err.issues) this.problems.push({ file: err.file, line: i.line, detail: i.detail, side });
      return undefined;
    }
  }

  failed(path: string, side: 'base' | 'head'): boolean {
    return this.problems.some((p) => p.file === path && p.side === side);
  }

  /** Why a tree entry cannot be read as a manifest at all, before its content is fetched. */
  private refuse(e: TreeEntry): string | undefined {
    if (!REGULAR_FILE.test(e.mode)) {
      const kind = e.mode === '120000' ? 'a symbolic link' : e.mode === '160000' ? 'a submodule' : `not a regular file (mode ${e.mode})`;
      return `the manifest is ${kind}; commit the manifest itself`;
    }
    const max = this.settings.limits['max-manifest-bytes'];
    if (e.size > max) return `${mb(e.size)}, above the limit of ${mb(max)} (limits.max-manifest-bytes): split the manifest or raise the limit`;
    return undefined;
  }
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
