// The registry of rules (SPEC §6), in the order they run: each rule file describes itself (its
// meta) and is listed here once; rule ids, thresholds and docs all come from this list.
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
import type { Rule } from './types.js';
import { unverifiedRecentScrape } from './unverified-recent-scrape.js';
import { unverifiedSynthetic } from './unverified-synthetic.js';

export const RULES = [
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
  compoundRisk,
] as const;

/** Every rule id users see. */
export type RuleId = (typeof RULES)[number]['meta']['id'];
export const RULE_IDS = RULES.map((r) => r.meta.id) as [RuleId, ...RuleId[]];

/** The rules as one type, for code that runs any of them. */
export const ALL_RULES: readonly Rule[] = RULES;

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
