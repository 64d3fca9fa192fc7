// The manifests the end-to-end tests commit, built with the shared test support.
import { human, synthetic, yamlManifest } from '../../test-support/git-repo.ts';

export const MANIFEST = 'data/train.manifest.yaml';

/** The base data: two documented human shards. */
export const BASE_FILES = { [MANIFEST]: yamlManifest([human('a', 100), human('b', 100)]) };

/**
 * The risky change used throughout: the human shard b is swapped for a synthetic one
 * (real-data-replaced and real-data-removed at high, synthetic-share 50 %): risk high, 3 findings.
 */
export const RISKY_FILES = { [MANIFEST]: yamlManifest([human('a', 100), synthetic('b-synth', 100)]) };
export const RISKY = { risk: 'high', findings: '3', syntheticShare: '0.5000' };

/** A harmless change: one more documented human shard. */
export const CLEAN_FILES = { [MANIFEST]: yamlManifest([human('a', 100), human('b', 100), human('c', 50)]) };
