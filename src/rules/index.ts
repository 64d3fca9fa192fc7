// Every rule, in the order findings are reported.
import type { Config } from '../config.js';
import { manifestInvalid } from './manifest-invalid.js';
import { missingProvenance } from './missing-provenance.js';
import { rareDataDropped } from './rare-data-dropped.js';
import { realDataRemoved } from './real-data-removed.js';
import { realDataReplaced } from './real-data-replaced.js';
import { syntheticShare } from './synthetic-share.js';
import type { ChangeSet, Finding, Rule } from './types.js';

export const RULES: readonly Rule[] = [
  manifestInvalid,
  realDataReplaced,
  realDataRemoved,
  syntheticShare,
  rareDataDropped,
  missingProvenance,
];

export function runRules(change: ChangeSet, config: Config): Finding[] {
  return RULES.flatMap((rule) => rule.check(change, config));
}
