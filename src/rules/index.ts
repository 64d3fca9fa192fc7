// Every rule, and how their findings are judged: policy severities, inherited noise, waivers,
// then the compound risk of what remains.
import type { Config, Waiver } from '../config.js';
import { matchesAny } from '../glob.js';
import { accuracyOnlyEvaluation } from './accuracy-only-evaluation.js';
import { categoryTailLoss } from './category-tail-loss.js';
import { compoundRisk } from './compound-risk.js';
import { manifestInvalid } from './manifest-invalid.js';
import { missingProvenance } from './missing-provenance.js';
import { rareDataDropped } from './rare-data-dropped.js';
import { realDataRemoved } from './real-data-removed.js';
import { realDataReplaced } from './real-data-replaced.js';
import { recursiveSynthetic } from './recursive-synthetic.js';
import { staleAudit } from './stale-audit.js';
import { syntheticShare } from './synthetic-share.js';
import type { ChangeSet, Finding, Rule } from './types.js';
import { shardList } from './amounts.js';
import { unverifiedRecentScrape } from './unverified-recent-scrape.js';
import { unverifiedSynthetic } from './unverified-synthetic.js';

export const RULES: readonly Rule[] = [
  manifestInvalid,
  realDataReplaced,
  realDataRemoved,
  syntheticShare,
  unverifiedSynthetic,
  unverifiedRecentScrape,
  accuracyOnlyEvaluation,
  rareDataDropped,
  categoryTailLoss,
  missingProvenance,
  staleAudit,
  recursiveSynthetic,
];

export interface Judgement {
  findings: Finding[];
  /** Waivers past their `expires` date that would otherwise apply. */
  expiredWaivers: Waiver[];
  /** Waivers that matched nothing in this change: a hint that they can go. */
  unusedWaivers: Waiver[];
}

export function judge(change: ChangeSet, config: Config): Judgement {
  // Only manifests the change touches are diffed, so every finding concerns the change.
  const raw = RULES.flatMap((rule) => rule.check(change, config));
  const used = new Set<Waiver>();
  const expired = new Set<Waiver>();
  const settle = (findings: Finding[]) => applyWaivers(applySeverities(findings, config), config, used, expired);
  const findings = settle(raw);
  findings.push(...settle(compoundRisk(findings.filter((f) => !f.inherited && !f.waived))));
  const unusedWaivers = config.waivers.filter((w) => !used.has(w) && !expired.has(w));
  return { findings, expiredWaivers: [...expired], unusedWaivers };
}

/** `rules:` in the policy: a severity for every active finding of a rule, or off. */
function applySeverities(findings: Finding[], config: Config): Finding[] {
  return findings.flatMap((f) => {
    const setting = config.rules[f.rule];
    if (setting === 'off') return [];
    return setting && !f.inherited ? [{ ...f, severity: setting }] : [f];
  });
}

/**
 * A waiver covers the shards it names. A finding whose shards it all covers is waived; one it
 * covers in part stays active for the rest (graded again on them when its rule can), and the
 * waived shards are listed with it.
 */
function applyWaivers(findings: Finding[], config: Config, used: Set<Waiver>, expired: Set<Waiver>): Finding[] {
  return findings.map((f) => {
    const matching = config.waivers.filter((w) => waiverApplies(w, f));
    if (matching.length === 0) return f;
    const valid = matching.filter((w) => w.expires >= config.today);
    if (valid.length === 0) {
      if (f.inherited) return f;
      matching.forEach((w) => expired.add(w));
      return { ...f, expiredWaiver: matching[0] };
    }
    const shards = f.shards ?? [];
    const covered = (id: string) => valid.some((w) => !w.shards || matchesAny(id, w.shards));
    const waivedShards = shards.filter(covered);
    const waiver = valid.find((w) => !w.shards || waivedShards.some((id) => matchesAny(id, w.shards!)))!;
    valid.filter((w) => !w.shards || waivedShards.some((id) => matchesAny(id, w.shards!))).forEach((w) => used.add(w));
    if (shards.length === 0 || waivedShards.length === shards.length) return { ...f, waived: true, waiver };
    const rest = shards.filter((id) => !covered(id));
    const regraded = f.regrade?.(rest);
    return {
      ...f,
      ...(regraded ?? {}),
      shards: rest,
      shard: shardList(rest),
      waivedShards,
      waiver,
    };
  });
}

/** The rule and manifests match, and the waiver names shards (if any) that the finding concerns. */
function waiverApplies(w: Waiver, f: Finding): boolean {
  if (w.rule !== f.rule) return false;
  if (w.manifests && !matchesAny(f.manifest, w.manifests)) return false;
  if (!w.shards) return true;
  return !!f.shards?.some((id) => matchesAny(id, w.shards!));
}
