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

/** One line per rule, for SARIF rule metadata and anywhere a rule needs a short description. */
export const RULE_SUMMARIES: Record<RuleId, string> = {
  'real-data-replaced': 'Real (human) data is replaced by synthetic data instead of being kept beside it.',
  'real-data-removed': 'The amount of real (human) data shrinks.',
  'synthetic-share': 'The change raises the synthetic share of the data.',
  'unverified-synthetic': 'Synthetic data is added without a record of how it was verified.',
  'unverified-recent-scrape': 'Web data collected after the contamination cutoff is added unverified.',
  'accuracy-only-evaluation': 'The evaluation tracks only accuracy-type metrics.',
  'rare-data-dropped': 'A shard tagged rare, outlier, minority or tail is removed or shrinks.',
  'category-tail-loss': 'A category or mixture source disappears or shrinks sharply.',
  'missing-provenance': 'An added or modified shard lacks required provenance fields.',
  'stale-audit': 'The manifest has not been audited recently.',
  'recursive-synthetic': 'Synthetic data generated from synthetic data, or by a model trained on this dataset.',
  'manifest-invalid': 'A manifest cannot be parsed or validated.',
  'compound-risk': 'Mistakes that feed each other occur in the same change.',
};
