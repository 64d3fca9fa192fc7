// How findings are judged (SPEC §6, §7): every rule runs on the change; the policy's `rules:` sets
// severities; waivers cover the shards they name; then the rules that judge what remains active
// (compound-risk) run, and are judged the same way.
import type { ChangeSet } from '../diff/change.js';
import { ALL_RULES } from '../rules/index.js';
import { shardList } from '../rules/amounts.js';
import { toFinding, type Finding, type Rule, type RuleSettings, type Waiver } from '../rules/types.js';
import { matchesAny } from '../text/glob.js';
import type { Settings } from './settings.js';

export interface Judgement {
  findings: Finding[];
  /** Waivers past their `expires` date that would otherwise apply. */
  expiredWaivers: Waiver[];
  /** Waivers that matched nothing in this change: a hint that they can go. */
  unusedWaivers: Waiver[];
}

export function judge(change: ChangeSet, settings: Settings, today: string): Judgement {
  const ruleSettings: RuleSettings = { today, 'required-provenance': settings['required-provenance'] };
  const used = new Set<Waiver>();
  const expired = new Set<Waiver>();
  const run = (rules: readonly Rule[], active: readonly Finding[]) => {
    const found: Finding[] = [];
    for (const rule of rules) {
      if (settings.rules[rule.meta.id as keyof Settings['rules']] === 'off') continue;
      const thresholds = Object.fromEntries(Object.keys(rule.meta.thresholds).map((k) => [k, settings.thresholds[k]!]));
      rule.check({ change, thresholds, settings: ruleSettings, active, report: (f) => found.push(toFinding(rule.meta.id, f)) });
    }
    return applyWaivers(applySeverities(found, settings), settings.waivers, today, used, expired);
  };
  const findings = run(
    ALL_RULES.filter((r) => !r.meta.afterWaivers),
    [],
  );
  findings.push(
    ...run(
      ALL_RULES.filter((r) => r.meta.afterWaivers),
      findings.filter((f) => !f.inherited && !f.waived),
    ),
  );
  const unusedWaivers = settings.waivers.filter((w) => !used.has(w) && !expired.has(w));
  return { findings, expiredWaivers: [...expired], unusedWaivers };
}

/** `rules:` in the policy: a severity for every active finding of a rule. */
function applySeverities(findings: Finding[], settings: Settings): Finding[] {
  return findings.map((f) => {
    const setting = settings.rules[f.rule as keyof Settings['rules']];
    return setting && setting !== 'off' && !f.inherited ? { ...f, severity: setting } : f;
  });
}

/**
 * A waiver covers the shards it names. A finding whose shards it all covers is waived; one it
 * covers in part stays active for the rest (graded again on them when its rule can), and the
 * waived shards are listed with it.
 */
function applyWaivers(findings: Finding[], waivers: readonly Waiver[], today: string, used: Set<Waiver>, expired: Set<Waiver>): Finding[] {
  return findings.map((f) => {
    const matching = waivers.filter((w) => waiverApplies(w, f));
    if (matching.length === 0) return f;
    const valid = matching.filter((w) => w.expires >= today);
    if (valid.length === 0) {
      if (f.inherited) return f;
      matching.forEach((w) => expired.add(w));
      return { ...f, expiredWaiver: matching[0] };
    }
    const shards = f.shards ?? [];
    const covered = (id: string) => valid.some((w) => !w.shards || matchesAny(id, w.shards));
    const waivedShards = shards.filter(covered);
    const applying = valid.filter((w) => !w.shards || waivedShards.some((id) => matchesAny(id, w.shards!)));
    applying.forEach((w) => used.add(w));
    const waiver = applying[0]!;
    if (shards.length === 0 || waivedShards.length === shards.length) return { ...f, waived: true, waiver };
    const rest = shards.filter((id) => !covered(id));
    return { ...f, ...(f.regrade?.(rest) ?? {}), shards: rest, shard: shardList(rest), waivedShards, waiver };
  });
}

/** The rule and manifests match, and the waiver names shards (if any) that the finding concerns. */
function waiverApplies(w: Waiver, f: Finding): boolean {
  if (w.rule !== f.rule) return false;
  if (w.manifests && !matchesAny(f.manifest, w.manifests)) return false;
  if (!w.shards) return true;
  return !!f.shards?.some((id) => matchesAny(id, w.shards!));
}
