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
}

export function judge(change: ChangeSet, config: Config): Judgement {
  // Only manifests the change touches are read, so every finding concerns the change.
  const raw = RULES.flatMap((rule) => rule.check(change, config));
  const expired = new Set<Waiver>();
  const settle = (findings: Finding[]) => applyWaivers(applySeverities(findings, config), config, expired);
  const findings = settle(raw);
  findings.push(...settle(compoundRisk(findings.filter((f) => !f.inherited && !f.waived))));
  return { findings, expiredWaivers: [...expired] };
}

/** `rules:` in the policy: a severity for every active finding of a rule, or off. */
function applySeverities(findings: Finding[], config: Config): Finding[] {
  return findings.flatMap((f) => {
    const setting = config.rules[f.rule];
    if (setting === 'off') return [];
    return setting && !f.inherited ? [{ ...f, severity: setting }] : [f];
  });
}

function applyWaivers(findings: Finding[], config: Config, expired: Set<Waiver>): Finding[] {
  return findings.map((f) => {
    const waivers = config.waivers.filter((w) => waiverMatches(w, f));
    const valid = waivers.find((w) => w.expires >= config.today);
    if (valid) return { ...f, waived: true, waiver: valid };
    if (waivers.length > 0 && !f.inherited) {
      waivers.forEach((w) => expired.add(w));
      return { ...f, expiredWaiver: waivers[0] };
    }
    return f;
  });
}

function waiverMatches(w: Waiver, f: Finding): boolean {
  if (w.rule !== f.rule || f.rule === 'manifest-invalid') return false;
  if (w.manifests && !matchesAny(f.manifest, w.manifests)) return false;
  if (!w.shards) return true;
  return !!f.shards?.length && f.shards.every((id) => matchesAny(id, w.shards!));
}
