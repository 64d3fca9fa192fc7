import type { Config, Waiver } from '../config.js';
import { shardList } from './amounts.js';
import type { ChangeSet } from '../collect.js';
import type { Severity } from '../severity.js';

import type { RuleId } from './rule-ids.js';

export type { RuleId };

/** The checklist's seven mistakes (SPEC §0), numbered 1–7. */
export type Mistake = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  manifest: string;
  /** The name of the dataset the finding concerns. */
  dataset?: string;
  /** The shard(s) concerned, for display: an id, or a short list. */
  shard?: string;
  /** Every shard id concerned (waivers match on these). */
  shards?: string[];
  /** 1-based line in the manifest at head. */
  line?: number;
  /** For removed or replaced shards: their line in the manifest at base, and its path there. */
  baseLine?: number;
  basePath?: string;
  message: string;
  fix: string;
  /** Already true on the base and not made worse: shown, never blocking. */
  inherited: boolean;
  waived: boolean;
  /** The waiver that applies (to all its shards, or to `waivedShards` only). */
  waiver?: Waiver;
  /** Shards a waiver covers in a finding that stays active for the rest. */
  waivedShards?: string[];
  /** A waiver that would apply but has expired. */
  expiredWaiver?: Waiver;
  /**
   * The severity and message for only some of the shards, for a rule whose grade depends on how
   * much the shards weigh (a partial waiver leaves the rest to be graded on their own).
   */
  regrade?: (shards: readonly string[]) => { severity: Severity; message: string } | undefined;
}

export type { ChangeSet, ManifestProblem } from '../collect.js';

export interface Rule {
  id: RuleId;
  /** The checklist line this rule evidences; undefined for rules outside the seven. */
  mistake?: Mistake;
  check(change: ChangeSet, config: Config): Finding[];
}

export function finding(f: Omit<Finding, 'inherited' | 'waived'> & { inherited?: boolean }): Finding {
  const shards = f.shards ?? (f.shard !== undefined ? [f.shard] : undefined);
  return { inherited: false, waived: false, ...f, shards, shard: f.shard ?? (shards ? shardList(shards) : undefined) };
}

/** "1 shard" / "3 shards": counts that read as text. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
