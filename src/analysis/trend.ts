// Each changed dataset's synthetic share over the last commits of the base branch that touched it,
// then this change's head: the drift that one PR at a time never shows. Manifests are read as the
// change's are (a blob once, however many commits hold it, and no more bytes than the analysis
// read); the base and head points are the change's own numbers.
import type { Repo, Revisions, TreeEntry } from '../git.js';
import type { ChangeSet } from '../diff/change.js';
import type { DatasetDiff } from '../diff/datasets.js';
import type { ShardSide } from '../formats/model.js';
import { addUnits, sumUnits, syntheticShare, ZERO_UNITS, type AmountUnit } from '../formats/units.js';
import { readSnapshots } from './collect.js';
import type { Settings } from './settings.js';

export interface TrendPoint {
  /** The commit, or undefined for this change's head. */
  commit?: string;
  /** Commit date, `YYYY-MM-DD`. */
  date?: string;
  share: number;
}

export interface DatasetTrend {
  dataset: string;
  unit: AmountUnit;
  /** Oldest first; the last point is this change's head. */
  points: TrendPoint[];
}

/** At most this many datasets get a trend: the comment shows a chart for each. */
export const MAX_TREND_DATASETS = 3;
/**
 * History read for the trends stays under what the changed datasets weigh at the base (or this,
 * if more): a trend costs at most about as much as the analysis. Older commits past it are left out.
 */
const MIN_TREND_BYTES = 16 * 1024 * 1024;

export async function datasetTrends(repo: Repo, rev: Revisions, change: ChangeSet, settings: Settings): Promise<DatasetTrend[]> {
  const depth = settings['trend-commits'];
  if (depth === 0) return [];
  // The datasets whose share moved most come first.
  const datasets = change.datasets
    .filter((d) => d.status === 'modified' && d.share.head !== null)
    .sort((a, b) => moved(b) - moved(a))
    .slice(0, MAX_TREND_DATASETS);
  if (datasets.length === 0) return [];
  const pathsOf = (d: DatasetDiff) => [...new Set([...d.members.base, ...d.members.head])];
  const atBase = await repo.listFiles(rev.base, [...new Set(datasets.flatMap(pathsOf))]);
  const budget = {
    bytes: Math.max(
      MIN_TREND_BYTES,
      atBase.reduce((n, e) => n + e.size, 0),
    ),
  };
  const read = new Map<string, ShardSide | undefined>();
  const trends: DatasetTrend[] = [];
  for (const d of datasets) {
    const paths = pathsOf(d);
    const points: TrendPoint[] = [{ share: d.share.head! }];
    // Newest first. The newest commit that touched the dataset holds what the base holds.
    const commits = await repo.commitsTouching(rev.base, paths, depth);
    for (const [i, c] of commits.entries()) {
      const share = i === 0 ? d.share.base : await shareAt(repo, settings, c.sha, paths, d.unit, read, budget);
      if (share === undefined) break;
      if (share !== null) points.unshift({ commit: c.sha, date: c.date, share });
    }
    if (points.length >= 2) trends.push({ dataset: d.name, unit: d.unit, points });
  }
  return trends;
}

const moved = (d: DatasetDiff) => Math.abs((d.share.head ?? 0) - (d.share.base ?? 0));

/**
 * The dataset's synthetic share at a commit, from its manifests there; null when none can be read,
 * undefined when reading them would overrun the budget.
 */
async function shareAt(
  repo: Repo,
  settings: Settings,
  commit: string,
  paths: readonly string[],
  unit: AmountUnit,
  read: Map<string, ShardSide | undefined>,
  budget: { bytes: number },
): Promise<number | null | undefined> {
  const entries = await repo.listFiles(commit, paths);
  const missing: TreeEntry[] = entries.filter((e) => !read.has(e.sha));
  const cost = missing.reduce((n, e) => n + e.size, 0);
  if (cost > budget.bytes) return undefined;
  budget.bytes -= cost;
  const sides = await readSnapshots(repo, settings, missing);
  for (const e of missing) read.set(e.sha, sides.get(e.sha));
  const total = { ...ZERO_UNITS };
  let any = false;
  for (const e of entries) {
    const side = read.get(e.sha);
    if (!side) continue;
    addUnits(total, sumUnits(side, unit));
    any = true;
  }
  return any ? syntheticShare(total) : null;
}
