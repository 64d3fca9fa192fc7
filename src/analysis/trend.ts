// Each changed dataset's synthetic share over the last commits of the base branch that touched it,
// then this change's head: the drift that one PR at a time never shows. Manifests are read as the
// change's are (a blob once, however many commits hold it, within a byte budget); the base and
// head points are the change's own numbers.
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
 * History read for the trends stays under a tenth of what the changed datasets weigh at the base
 * (or MIN_TREND_BYTES, if more): a byte of history costs about what a byte of the change does, and
 * the analysis reads every byte of the base and most of the head, so the trend adds a small part.
 * Older commits past it are left out.
 */
const TREND_BYTES_PER_BASE_BYTE = 0.1;
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
    bytes: Math.max(MIN_TREND_BYTES, TREND_BYTES_PER_BASE_BYTE * atBase.reduce((n, e) => n + e.size, 0)),
  };
  // Which commits each dataset can show within the budget (newest first; the newest that touched
  // it holds what the base holds), then every blob they need read at once.
  const known = new Set(change.atBase.keys());
  const wanted: TreeEntry[] = [];
  const plans: { d: DatasetDiff; commits: { sha: string; date: string; entries?: TreeEntry[] }[] }[] = [];
  for (const d of datasets) {
    const paths = pathsOf(d);
    const commits: (typeof plans)[number]['commits'] = [];
    for (const [i, c] of (await repo.commitsTouching(rev.base, paths, depth)).entries()) {
      if (i === 0) {
        commits.push(c);
        continue;
      }
      const entries = await repo.listFiles(c.sha, paths);
      const missing = entries.filter((e) => !known.has(e.sha));
      const cost = missing.reduce((n, e) => n + e.size, 0);
      if (cost > budget.bytes) break;
      budget.bytes -= cost;
      for (const e of missing) known.add(e.sha);
      wanted.push(...missing);
      commits.push({ ...c, entries });
    }
    plans.push({ d, commits });
  }
  const read = new Map<string, ShardSide | undefined>([...change.atBase, ...(await readSnapshots(repo, settings, wanted))]);

  const trends: DatasetTrend[] = [];
  for (const { d, commits } of plans) {
    const points: TrendPoint[] = [{ share: d.share.head! }];
    for (const c of commits) {
      const share = c.entries ? shareOf(c.entries, d.unit, read) : d.share.base;
      if (share !== null) points.unshift({ commit: c.sha, date: c.date, share });
    }
    if (points.length >= 2) trends.push({ dataset: d.name, unit: d.unit, points });
  }
  return trends;
}

const moved = (d: DatasetDiff) => Math.abs((d.share.head ?? 0) - (d.share.base ?? 0));

/** The dataset's synthetic share from its manifests at a commit; null when none could be read. */
function shareOf(entries: readonly TreeEntry[], unit: AmountUnit, read: ReadonlyMap<string, ShardSide | undefined>): number | null {
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
