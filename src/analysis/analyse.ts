// The engine: settings → revisions → manifests at both sides → datasets and diffs → rules → the
// findings judged, the risk, the checklist and the verdict. The action and the CLI only read it.
import { collectChanges } from './collect.js';
import type { ChangeSet } from '../diff/change.js';
import type { DatasetDiff } from '../diff/datasets.js';
import { Repo, type Revisions } from '../git.js';
import { buildChecklist, type ChecklistItem } from './checklist.js';
import { judge } from './judge.js';
import { policySource, resolveSettings, SettingsError, type Settings, type SettingsSource } from './settings.js';
import type { Finding, Waiver } from '../rules/types.js';
import { maxRisk, reaches, type Risk } from '../rules/severity.js';
import { sumUnits, syntheticShare, addUnits, chooseUnit, ZERO_UNITS } from '../formats/units.js';
import { mb } from './collect.js';
import { datasetTrends, type DatasetTrend } from './trend.js';

export interface AnalyseOptions {
  repoDir: string;
  base: string;
  head: string;
  /** Settings given by the action's inputs or the CLI's flags: they win over the policy file. */
  settings?: SettingsSource;
  /** The policy file: a path read from the head revision (a missing file means defaults)… */
  policyPath?: string;
  /** …or its text, read from elsewhere (the CLI's --config). */
  policy?: { file: string; text: string };
  /** Remote to fetch missing commits from; undefined never fetches. */
  remote?: string;
  /** The label on the pull request that accepts its risk, when it carries it. */
  acceptedBy?: string;
  /** "Today", `YYYY-MM-DD`, for audit ages and waiver expiry (default: the clock's). */
  today?: string;
  /** The hand-written readers for large manifests (default on); off reads everything the plain way. */
  fastPaths?: boolean;
}

export interface PolicyInfo {
  file: string;
  /** The change itself edits the policy file: reviewers should read that edit. */
  changedByThisChange: boolean;
}

/** Whether the check fails, and the one line that says why. */
export interface Verdict {
  fails: boolean;
  /** The accept label turned a failing check into a passing one. */
  accepted: boolean;
  acceptedBy?: string;
  summary: string;
}

export interface Analysis {
  revisions: Revisions;
  change: ChangeSet;
  findings: Finding[];
  /** Findings neither inherited nor waived. */
  active: Finding[];
  /** Active findings at or above fail-on. */
  blocking: Finding[];
  /** Head manifests that could not be read, not inherited nor waived: the run could not do its job. */
  unreadable: Finding[];
  /** Highest severity among active findings. */
  risk: Risk;
  verdict: Verdict;
  checklist: ChecklistItem[];
  settings: Settings;
  today: string;
  expiredWaivers: Waiver[];
  /** Waivers that matched nothing in this change. */
  unusedWaivers: Waiver[];
  policy?: PolicyInfo;
  /** Head synthetic share over the change's datasets, when they share a unit. */
  syntheticShare: number | null;
  /** The synthetic share of the most changed datasets over the base branch's history, then at head. */
  trends: DatasetTrend[];
}

/** A policy file is a few lines; anything near this size is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;

export async function analyse(opts: AnalyseOptions): Promise<Analysis> {
  const repo = new Repo(opts.repoDir);
  const revisions = await repo.resolve(opts.base, opts.head, opts.remote ?? null);
  const { settings, policy } = await loadSettings(repo, revisions, opts);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const change = await collectChanges(repo, revisions, settings, { fastPaths: opts.fastPaths ?? true });
  const { findings, expiredWaivers, unusedWaivers } = judge(change, settings, today);
  const trends = await datasetTrends(repo, revisions, change, settings);
  const active = findings.filter((f) => !f.inherited && !f.waived);
  const unreadableFiles = new Set(change.problems.filter((p) => p.side === 'head').map((p) => p.file));
  // One per manifest (its first problem): a manifest with many errors is still one manifest not read.
  const unreadable = active.filter(
    (f, i) =>
      f.rule === 'manifest-invalid' &&
      f.severity !== 'info' &&
      unreadableFiles.has(f.manifest) &&
      !f.waivedShards &&
      active.findIndex((g) => g.rule === 'manifest-invalid' && g.severity !== 'info' && g.manifest === f.manifest) === i,
  );
  const risk = maxRisk(active.map((f) => f.severity));
  return {
    revisions,
    change,
    findings,
    active,
    blocking: active.filter((f) => reaches(f.severity, settings['fail-on'])),
    unreadable,
    risk,
    verdict: decide(risk, settings['fail-on'], unreadable, opts.acceptedBy),
    checklist: buildChecklist(change, findings, settings, today),
    settings,
    today,
    expiredWaivers,
    unusedWaivers,
    policy,
    syntheticShare: headShare(change.datasets),
    trends,
  };
}

/**
 * The check fails when the risk reaches fail-on, or when a manifest could not be read (whatever
 * fail-on says: input that was not understood never passes silently). A maintainer's accept label
 * passes it, and says so.
 */
function decide(risk: Risk, failOn: Settings['fail-on'], unreadable: readonly Finding[], acceptedBy: string | undefined): Verdict {
  const files = unreadable.map((f) => `${f.manifest}${f.line ? `:${f.line}` : ''}`);
  const blocked = reaches(risk, failOn) || files.length > 0;
  const why =
    files.length > 0 && !reaches(risk, failOn)
      ? `${files.length} manifest(s) could not be read (manifest-invalid): ${files.join(', ')}`
      : `collapse risk is ${risk} (fail-on: ${failOn})${files.length ? `; ${files.length} manifest(s) could not be read: ${files.join(', ')}` : ''}`;
  if (blocked && acceptedBy) return { fails: false, accepted: true, acceptedBy, summary: `${why}, accepted by the label "${acceptedBy}"` };
  return { fails: blocked, accepted: false, summary: why };
}

/** The policy file (from the head revision, or the CLI's --config), then the inputs or flags. */
async function loadSettings(repo: Repo, rev: Revisions, opts: AnalyseOptions): Promise<{ settings: Settings; policy?: PolicyInfo }> {
  const given = opts.settings ? [opts.settings] : [];
  if (opts.policy) {
    return {
      settings: resolveSettings([policySource(opts.policy.file, opts.policy.text), ...given]),
      policy: { file: opts.policy.file, changedByThisChange: false },
    };
  }
  if (!opts.policyPath) return { settings: resolveSettings(given) };
  const path = opts.policyPath.replace(/^\.\//, '');
  const [atHead, atBase] = await Promise.all([repo.blobAt(rev.head, path), repo.blobAt(rev.base, path)]);
  if (!atHead) return { settings: resolveSettings(given) };
  if (atHead.size > MAX_POLICY_BYTES)
    throw new SettingsError(`policy file ${path}: ${mb(atHead.size)}, above the ${mb(MAX_POLICY_BYTES)} a policy file may have`);
  const settings = resolveSettings([policySource(path, await repo.readBlob(atHead.sha)), ...given]);
  return { settings, policy: { file: path, changedByThisChange: atHead.sha !== atBase?.sha } };
}

/**
 * The synthetic share of what the change's datasets hold at head, in a size unit every shard of
 * them has (weights do not add up across mixtures, so several recipes have no common share).
 */
function headShare(datasets: readonly DatasetDiff[]): number | null {
  const heads = datasets.filter((d) => d.status !== 'deleted');
  if (heads.length === 1) return heads[0]!.share.head;
  const unit = chooseUnit(
    heads.map((d) => d.data.head),
    ['tokens', 'rows', 'bytes'],
  );
  if (unit === 'shards') return null;
  const total = { ...ZERO_UNITS };
  for (const d of heads) addUnits(total, sumUnits(d.data.head, unit));
  return syntheticShare(total);
}
