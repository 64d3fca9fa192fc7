// The engine: revisions → manifests at both sides → diff → rules → risk and checklist.
import { makeConfig, type Config, type Waiver } from './config.js';
import { collectChanges, mb, type ChangeSet } from './collect.js';
import type { DatasetDiff } from './datasets.js';
import { Repo, type Revisions } from './git.js';
import { buildChecklist, type ChecklistItem } from './report/checklist.js';
import { judge } from './rules/index.js';
import { parsePolicy, PolicyError } from './policy.js';
import type { Finding } from './rules/types.js';
import { maxRisk, reaches, type Risk } from './severity.js';
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
  /** Waivers that matched nothing in this change. */
  unusedWaivers: Waiver[];
  policy?: PolicyInfo;
  /** Head synthetic share over the change's datasets, when they share a unit. */
  syntheticShare: number | null;
  /** Head manifests that could not be read, not inherited from the base nor waived: the run could not do its job. */
  unreadable: Finding[];
}

/** Whether the check fails, and the one line that says why. */
export interface Verdict {
  fails: boolean;
  /** The accept label turned a failing check into a passing one. */
  accepted: boolean;
  summary: string;
}

/**
 * The check's result: it fails when the risk reaches fail-on, or when a manifest could not be read
 * (whatever fail-on says: input that was not understood never passes silently). A maintainer's
 * accept label passes it, and says so.
 */
export function decide(a: Analysis, acceptedBy?: string): Verdict {
  const failOn = a.config.failOn;
  const unreadable = a.unreadable.map((f) => `${f.manifest}${f.line ? `:${f.line}` : ''}`);
  const blocked = reaches(a.risk, failOn) || unreadable.length > 0;
  const why = unreadable.length > 0 && !reaches(a.risk, failOn)
    ? `${unreadable.length} manifest(s) could not be read (manifest-invalid): ${unreadable.join(', ')}`
    : `collapse risk is ${a.risk} (fail-on: ${failOn})${unreadable.length ? `; ${unreadable.length} manifest(s) could not be read: ${unreadable.join(', ')}` : ''}`;
  if (blocked && acceptedBy) return { fails: false, accepted: true, summary: `${why}, accepted by the label "${acceptedBy}"` };
  return { fails: blocked, accepted: false, summary: why };
}

/** A policy file is a few lines; anything near this size is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;

export async function analyse(opts: AnalyseOptions): Promise<Analysis> {
  const repo = new Repo(opts.repoDir);
  const revisions = await repo.resolve(opts.base, opts.head, opts.remote ?? null);
  const { config, policy } = await loadConfig(repo, revisions, opts);
  const change = await collectChanges(repo, revisions, config);
  const { findings, expiredWaivers, unusedWaivers } = judge(change, config);
  const active = findings.filter((f) => !f.inherited && !f.waived);
  const unreadableFiles = new Set(change.problems.filter((p) => p.side === 'head').map((p) => p.file));
  return {
    revisions,
    change,
    findings,
    risk: maxRisk(active.map((f) => f.severity)),
    checklist: buildChecklist(change, findings, config),
    config,
    expiredWaivers,
    unusedWaivers,
    policy,
    syntheticShare: headShare(change.datasets),
    unreadable: active.filter((f) => f.rule === 'manifest-invalid' && f.severity !== 'info' && unreadableFiles.has(f.manifest) && !f.waivedShards),
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


/**
 * The synthetic share of what the change's datasets hold at head, in a size unit every shard of
 * them has (weights do not add up across mixtures, so several recipes have no common share).
 */
function headShare(datasets: readonly DatasetDiff[]): number | null {
  const heads = datasets.filter((d) => d.status !== 'deleted');
  if (heads.length === 1) return heads[0]!.share.head;
  const unit = chooseUnit(heads.map((d) => d.shards.head), ['tokens', 'rows', 'bytes']);
  if (unit === 'shards') return null;
  const total = { ...ZERO_UNITS };
  for (const d of heads) addUnits(total, sumUnits(d.shards.head, unit));
  return syntheticShare(total);
}
