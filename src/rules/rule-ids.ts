// Every rule id users see (SPEC §6).
export const RULE_IDS = [
  'real-data-replaced',
  'real-data-removed',
  'synthetic-share',
  'unverified-synthetic',
  'unverified-recent-scrape',
  'accuracy-only-evaluation',
  'rare-data-dropped',
  'category-tail-loss',
  'missing-provenance',
  'stale-audit',
  'recursive-synthetic',
  'manifest-invalid',
  'compound-risk',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
