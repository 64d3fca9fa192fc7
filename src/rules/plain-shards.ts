// Which unchanged shards no rule needs to see one by one. A large manifest's unchanged shards are
// tallied (see formats/tally.ts) rather than kept as objects, unless a rule may report them alone:
// as an inherited gap (missing provenance, unverified synthetic or web data, recursion), as rare
// data, or as a mixture source whose share moves. Everything else a rule needs of them is a sum
// (synthetic-share also asks whether any synthetic shard is tallied: those are all verified).
import type { Shard } from '../formats/model.js';
import { hasAllFields } from '../formats/provenance-fields.js';
import { canTally } from '../formats/tally.js';
import { isRare } from './rare-data-dropped.js';
import { isUnverifiedRecentWeb } from './unverified-recent-scrape.js';
import { isVerified } from './web-scrape.js';

/** The settings that decide which shards a rule reports alone. */
export interface PlainShardSettings {
  requiredProvenance: readonly string[];
  contaminationCutoff: string;
  /** recursive-synthetic's `recursion-depth`: a generator this deep is reported. */
  recursionDepth: number;
}

/** True when an unchanged shard can be tallied: every rule reads it only through sums. */
export function isPlainShard(s: Shard, settings: PlainShardSettings): boolean {
  return (
    canTally(s) &&
    (s.origin === 'synthetic' ? isPlainSynthetic(s, settings.recursionDepth) : s.generator === undefined) &&
    hasAllFields(s, settings.requiredProvenance) &&
    !isUnverifiedRecentWeb(s, settings.contaminationCutoff) &&
    !isRare(s)
  );
}

/** Verified synthetic data from a generator neither deep nor trained on data of its own kind: no rule reports it alone. */
function isPlainSynthetic(s: Shard, recursionDepth: number): boolean {
  const g = s.generator;
  return (isVerified(s.verified) || isVerified(g?.verified)) && (g?.trainedOn ?? []).length === 0 && (g?.depth ?? 0) < recursionDepth;
}
