// The engine: revisions → manifests at both sides → diff → rules → risk and checklist.
import { makeConfig, type Config, type Waiver } from './config.js';
import { diffManifest, matchAcrossManifests, type ManifestDiff } from './diff.js';
import { matchesAny } from './glob.js';
import { Repo, type Revisions, type TreeEntry } from './git.js';
import { ManifestError } from './manifest/manifest-error.js';
import type { ManifestFile } from './manifest/model.js';
import { readManifest } from './manifest/read-manifest.js';
import { formatNamed, isCandidate } from './manifest/formats.js';
import { buildChecklist, type ChecklistItem } from './report/checklist.js';
import { judge } from './rules/index.js';
import { fillProvenance } from './manifest/fill-provenance.js';
import { parsePolicy, PolicyError } from './policy.js';
import type { ChangeSet, Finding, ManifestProblem } from './rules/types.js';
import { maxRisk, type Risk } from './severity.js';
import { sumUnits, syntheticShare, addUnits, chooseUnit, ZERO_UNITS } from './units.js';

export interface AnalyseOptions {
  repoDir: string;
  base: string;
  head: string;
  /** Settings that win over the policy file (action inputs, CLI flags). */
  config?: Partial<Config>;
  /** The policy file: a path read from the head revision (a missing file means defaults)… */
  policyPath?: string;
  /** …or its text, read from elsewhere (the CLI's --config). */
  policy?: { file: string; text: string };
  /** Remote to fetch missing commits from; undefined never fetches. */
  remote?: string;
}

export interface PolicyInfo {
  file: string;
  /** The change itself edits the policy file: reviewers should read that edit. */
  changedByThisChange: boolean;
}

export interface Analysis {
  revisions: Revisions;
  change: ChangeSet;
  findings: Finding[];
  /** Highest severity among active (not inherited, not waived) findings. */
  risk: Risk;
  checklist: ChecklistItem[];
  config: Config;
  expiredWaivers: Waiver[];
  policy?: PolicyInfo;
  /** Head synthetic share over all manifests, when they share a unit. */
  syntheticShare: number | null;
}

const REGULAR_FILE = /^100(644|755)$/;
/** A policy file is a few lines; anything near this size is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;

export async function analyse(opts: AnalyseOptions): Promise<Analysis> {
  const repo = new Repo(opts.repoDir);
  const revisions = await repo.resolve(opts.base, opts.head, opts.remote ?? null);
  const { config, policy } = await loadConfig(repo, revisions, opts);
  const change = await collectChanges(repo, revisions, config);
  const { findings, expiredWaivers } = judge(change, config);
  const active = findings.filter((f) => !f.inherited && !f.waived);
  return {
    revisions,
    change,
    findings,
    risk: maxRisk(active.map((f) => f.severity)),
    checklist: buildChecklist(change, findings, config),
    config,
    expiredWaivers,
    policy,
    syntheticShare: overallShare(change.manifests),
  };
}

/** Defaults, then the policy file, then explicit settings. */
async function loadConfig(repo: Repo, rev: Revisions, opts: AnalyseOptions): Promise<{ config: Config; policy?: PolicyInfo }> {
  const overrides = Object.fromEntries(Object.entries(opts.config ?? {}).filter(([, v]) => v !== undefined)) as Partial<Config>;
  if (opts.policy) {
    return { config: { ...parsePolicy(opts.policy.file, opts.policy.text), ...overrides }, policy: { file: opts.policy.file, changedByThisChange: false } };
  }
  if (!opts.policyPath) return { config: makeConfig(overrides) };
  const path = opts.policyPath.replace(/^\.\//, '');
  const [atHead, atBase] = await Promise.all([repo.blobAt(rev.head, path), repo.blobAt(rev.base, path)]);
  if (!atHead) return { config: makeConfig(overrides) };
  if (atHead.size > MAX_POLICY_BYTES) throw new PolicyError(`policy file ${path}: ${mb(atHead.size)}, above the ${mb(MAX_POLICY_BYTES)} a policy file may have`);
  const config = { ...parsePolicy(path, await repo.readBlob(atHead.sha)), ...overrides };
  return { config, policy: { file: path, changedByThisChange: atHead.sha !== atBase?.sha } };
}

async function collectChanges(repo: Repo, rev: Revisions, config: Config): Promise<ChangeSet> {
  const explicit = config.manifests.length > 0;
  const selected = (e: TreeEntry) => (explicit ? matchesAny(e.path, config.manifests) : isCandidate(e.path));
  const [baseFiles, headFiles] = await Promise.all([repo.listFiles(rev.base), repo.listFiles(rev.head)]);
  const base = new Map(baseFiles.filter(selected).map((e) => [e.path, e]));
  const head = new Map(headFiles.filter(selected).map((e) => [e.path, e]));
  const problems: ManifestProblem[] = [];

  const read = async (e: TreeEntry, side: 'base' | 'head'): Promise<ManifestFile | undefined> => {
    try {
      if (!REGULAR_FILE.test(e.mode)) {
        const kind = e.mode === '120000' ? 'a symbolic link' : e.mode === '160000' ? 'a submodule' : `not a regular file (mode ${e.mode})`;
        throw new ManifestError(e.path, undefined, `the manifest is ${kind}; commit the manifest itself`);
      }
      const max = config.limits['max-manifest-bytes'];
      if (e.size > max) {
        throw new ManifestError(e.path, undefined, `${mb(e.size)}, above the limit of ${mb(max)} (limits.max-manifest-bytes): split the manifest or raise the limit`);
      }
      const file = readManifest(e.path, await repo.readBlob(e.sha, e.size), explicit, config.limits);
      if (!file) return undefined;
      const filled = fillProvenance(file.dataset, file.path, config.provenance);
      return { ...file, dataset: formatNamed(file.format)?.fillDefaults?.(filled) ?? filled };
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      problems.push({ file: err.file, line: err.line, detail: err.detail, side });
      return undefined;
    }
  };

  // Manifest files moved between the revisions are diffed against their old path.
  const onlyBase = [...base.keys()].filter((p) => !head.has(p));
  const onlyHead = new Set([...head.keys()].filter((p) => !base.has(p)));
  const movedFrom = new Map<string, string>();
  if (onlyBase.length > 0 && onlyHead.size > 0) {
    for (const [from, to] of await repo.renames(rev.base, rev.head)) {
      if (base.has(from) && onlyHead.has(to)) movedFrom.set(to, from);
    }
  }
  const movedAway = new Set(movedFrom.values());

  const manifests: ManifestDiff[] = [];
  const notAtHead = new Set<string>();
  for (const [path, h] of head) {
    const basePath = base.has(path) ? path : movedFrom.get(path);
    const b = basePath ? base.get(basePath) : undefined;
    // A manifest the change does not touch is not read at all: the cost follows the change.
    if (b && basePath === path && b.sha === h.sha && b.mode === h.mode) continue;
    const headFile = await read(h, 'head');
    if (!headFile) {
      // Unreadable at head: reported. No longer a manifest (a README without its card): deleted.
      if (b && !problems.some((p) => p.file === path && p.side === 'head')) notAtHead.add(basePath!);
      continue;
    }
    const baseFile = !b ? undefined : b.sha === h.sha && b.mode === h.mode ? headFile : await read(b, 'base');
    const status = !b ? 'added' : basePath !== path ? 'moved' : 'modified';
    manifests.push(diffManifest({
      path, basePath: basePath !== path ? basePath : undefined, format: headFile.format, status,
      base: baseFile?.dataset, head: headFile.dataset,
    }));
  }
  for (const [path, b] of base) {
    if ((head.has(path) || movedAway.has(path)) && !notAtHead.has(path)) continue;
    const baseFile = await read(b, 'base');
    if (baseFile) manifests.push(diffManifest({ path, format: baseFile.format, status: 'deleted', base: baseFile.dataset }));
  }
  matchAcrossManifests(manifests);
  manifests.sort((a, b) => a.path.localeCompare(b.path));
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { manifests, problems };
}

/** Head share across manifests, in a size unit every head shard has (weights do not add up across mixtures). */
function overallShare(manifests: ManifestDiff[]): number | null {
  const heads = manifests.filter((m) => m.head).map((m) => m.head!.shards);
  if (heads.length === 1) return manifests.find((m) => m.head)!.share.head;
  const unit = chooseUnit(heads, ['tokens', 'rows', 'bytes']);
  if (unit === 'shards') return null;
  const total = { ...ZERO_UNITS };
  for (const shards of heads) addUnits(total, sumUnits(shards, unit));
  return syntheticShare(total);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
