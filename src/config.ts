// The settings a run works with: the defaults of SPEC §6/§7, then the policy file, then inputs.
import type { RuleId } from './rules/rule-ids.js';
import type { FailOn, Severity } from './severity.js';
import type { Origin } from './manifest/model.js';

export interface Thresholds {
  'synthetic-share-warn': number;
  'synthetic-share-high': number;
  'real-share-critical': number;
  'real-removal-high': number;
  'rare-shrink': number;
  'category-shrink': number;
  'category-weight-drop': number;
  /** Web data collected after this date may be machine-written (ChatGPT's release). */
  'contamination-cutoff': string;
  /** Web data collected from this date on is graded high. */
  'contamination-high': string;
  'audit-max-age-days': number;
  'recursion-depth': number;
  'recursion-depth-high': number;
}

/** Facts filled into shards that lack them, for shards whose path (or id) matches `match`. */
export interface ProvenanceEntry {
  match: string;
  origin?: Origin;
  source?: string;
  license?: string;
  collected?: string;
  verified?: boolean | string;
  tags?: string[];
  generator?: { model?: string; depth?: number; trainedOn?: string[]; verified?: boolean | string };
}

export interface Waiver {
  rule: RuleId;
  /** Globs over shard ids (an id defaults to the path); absent means every finding of the rule (in `manifests`). */
  shards?: string[];
  manifests?: string[];
  reason: string;
  expires: string;
  /** 1-based line in the policy file, for messages. */
  line?: number;
}

/** Manifests judged together as one dataset (SPEC §5a), chosen by glob. */
export interface DatasetEntry {
  name: string;
  manifests: string[];
  /** 1-based line in the policy file, for messages. */
  line?: number;
}

/** Bounds on what one manifest may hold, so hostile input costs bounded time and memory. */
export interface Limits {
  'max-manifest-bytes': number;
  'max-shards': number;
  'max-id-length': number;
}

export const DEFAULT_LIMITS: Limits = {
  'max-manifest-bytes': 512 * 1024 * 1024,
  'max-shards': 5_000_000,
  'max-id-length': 1024,
};

export interface Config {
  failOn: FailOn;
  /** Globs selecting manifest files; empty means every file of a recognised format. */
  manifests: string[];
  requiredProvenance: string[];
  thresholds: Thresholds;
  /** Per-rule severity, or off. */
  rules: Partial<Record<RuleId, Severity | 'off'>>;
  provenance: ProvenanceEntry[];
  waivers: Waiver[];
  /** The policy's `datasets:`: which manifests form one dataset. */
  datasets: DatasetEntry[];
  limits: Limits;
  /** "Today", as YYYY-MM-DD: audit ages and waiver expiry are judged against it. */
  today: string;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  'synthetic-share-warn': 0.33,
  'synthetic-share-high': 0.5,
  'real-share-critical': 0.1,
  'real-removal-high': 0.01,
  'rare-shrink': 0.2,
  'category-shrink': 0.5,
  'category-weight-drop': 0.9,
  'contamination-cutoff': '2022-11-30',
  'contamination-high': '2024-01-01',
  'audit-max-age-days': 180,
  'recursion-depth': 2,
  'recursion-depth-high': 3,
};

export const DEFAULT_POLICY_PATH = '.github/collapse-guard.yml';

export const DEFAULT_REQUIRED_PROVENANCE = ['origin', 'source', 'license', 'collected'];

export function makeConfig(overrides: Partial<Config> = {}): Config {
  return {
    failOn: 'high',
    manifests: [],
    requiredProvenance: DEFAULT_REQUIRED_PROVENANCE,
    rules: {},
    provenance: [],
    waivers: [],
    datasets: [],
    today: new Date().toISOString().slice(0, 10),
    ...overrides,
    thresholds: { ...DEFAULT_THRESHOLDS, ...overrides.thresholds },
    limits: { ...DEFAULT_LIMITS, ...overrides.limits },
  };
}
