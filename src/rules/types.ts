// What a rule is (SPEC §6): it describes itself in `meta` (id, checklist mistake, summary, default
// severity, thresholds with their defaults and docs, how it may be waived) and reports findings
// through its context, which fills in the rule id; the registry (index.ts) lists them all.
import { z } from 'zod';
import type { ChangeSet } from '../diff/change.js';
import { shardList } from './amounts.js';
import type { Severity } from './severity.js';
import { calendarDate } from '../text/dates.js';

/** The checklist's seven mistakes (SPEC §0), numbered 1–7. */
export type Mistake = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A number the rule judges by: its default, how it is validated, and what it means. */
export interface Threshold<T extends number | string = number | string> {
  default: T;
  schema: z.ZodType<T>;
  doc: string;
}

/** A fraction from 0 to 1. */
export const fraction = (value: number, doc: string): Threshold<number> => ({ default: value, schema: z.number().min(0).max(1), doc });
/** A date, `YYYY-MM-DD`. */
export const date = (value: string, doc: string): Threshold<string> => ({
  default: value,
  schema: calendarDate,
  doc,
});
/** A positive whole number. */
export const count = (value: number, doc: string): Threshold<number> => ({ default: value, schema: z.number().int().positive(), doc });

type Values<T extends Record<string, Threshold>> = { readonly [K in keyof T]: T[K]['default'] };

export interface RuleMeta<Id extends string = string, T extends Record<string, Threshold> = Record<string, Threshold>> {
  id: Id;
  /** The checklist line this rule evidences; undefined for rules outside the seven. */
  mistake?: Mistake;
  /** One line: what the rule watches for (SARIF, the README's table). */
  summary: string;
  /** The severity of the rule's usual finding (some findings are graded other levels). */
  severity: Severity;
  /** Named in the policy file's `thresholds:`; each belongs to one rule. */
  thresholds: T;
  /** `any`: by shards, manifests or the rule alone; `named-manifests`: only a waiver that names manifests. */
  waivable: 'any' | 'named-manifests';
  /** The policy's `rules:` may change the rule's severity or turn it off. */
  adjustable: boolean;
  /** Judges the findings that remain active once severities and waivers applied (compound-risk). */
  afterWaivers?: boolean;
}

/** Settings every rule may read beside its own thresholds. */
export interface RuleSettings {
  /** "Today", `YYYY-MM-DD`: audit ages and waiver expiry are judged against it. */
  today: string;
  'required-provenance': readonly string[];
}

/** A finding as a rule reports it: its rule id and inherited/waived state are filled in. */
export type Report = Omit<Finding, 'rule' | 'inherited' | 'waived'> & { inherited?: boolean };

export interface RuleContext<T extends Record<string, Threshold> = Record<string, Threshold>> {
  change: ChangeSet;
  thresholds: Values<T>;
  settings: RuleSettings;
  /** For a rule that runs after waivers: the findings that remain active. */
  active: readonly Finding[];
  report(finding: Report): void;
}

export interface Rule<Id extends string = string, T extends Record<string, Threshold> = Record<string, Threshold>> {
  meta: RuleMeta<Id, T>;
  check(context: RuleContext<T>): void;
}

/** A rule, its id and thresholds typed from what it declares. */
export function defineRule<const Id extends string, T extends Record<string, Threshold>>(rule: Rule<Id, T>): Rule<Id, T> {
  return rule;
}

/** A waiver of the policy file (SPEC §7), as findings carry it. */
export interface Waiver {
  rule: string;
  /** Globs over shard ids (an id defaults to the path); absent means every finding of the rule (in `manifests`). */
  shards?: string[];
  manifests?: string[];
  reason: string;
  expires: string;
  /** 1-based line in the policy file, for messages. */
  line?: number;
}

export interface Finding {
  rule: string;
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

/** The finding a rule reports, completed with its rule id and a display list of its shards. */
export function toFinding(rule: string, f: Report): Finding {
  const shards = f.shards ?? (f.shard !== undefined ? [f.shard] : undefined);
  return { inherited: false, waived: false, rule, ...f, shards, shard: f.shard ?? (shards ? shardList(shards) : undefined) };
}

/** "was" for one item, "were" for several. */
export function wasOrWere(items: readonly unknown[]): string {
  return items.length === 1 ? 'was' : 'were';
}

/** "1 shard" / "3 shards": counts that read as text. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
