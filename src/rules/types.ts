import type { Config, Waiver } from '../config.js';
import { shardList } from './amounts.js';
import type { ManifestDiff } from '../diff.js';
import type { Severity } from '../severity.js';

import type { RuleId } from './rule-ids.js';

export type { RuleId };

/** The checklist's seven mistakes (SPEC §0), numbered 1–7. */
export type Mistake = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  manifest: string;
  /** The shard(s) concerned, for display: an id, or a short list. */
  shard?: string;
  /** Every shard id concerned (waivers match on these). */
  shards?: string[];
  line?: number;
  message: string;
  fix: string;
  /** Already true on the base and not made worse: shown, never blocking. */
  inherited: boolean;
  waived: boolean;
  /** The waiver that applies. */
  waiver?: Waiver;
  /** A waiver that would apply but has expired. */
  expiredWaiver?: Waiver;
}

/** A manifest that could not be read at one side of the change. */
export interface ManifestProblem {
  file: string;
  line?: number;
  detail: string;
  side: 'base' | 'head';
}

export interface ChangeSet {
  manifests: ManifestDiff[];
  problems: ManifestProblem[];
}

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
