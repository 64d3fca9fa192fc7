// The settings a run works with: defaults of SPEC §6/§7, overridden by inputs.
import type { FailOn } from './severity.js';

export interface Thresholds {
  'synthetic-share-warn': number;
  'synthetic-share-high': number;
  'real-share-critical': number;
  'real-removal-high': number;
  'rare-shrink': number;
}

export interface Config {
  failOn: FailOn;
  /** Globs selecting manifest files; empty means every file of a recognised format. */
  manifests: string[];
  requiredProvenance: string[];
  thresholds: Thresholds;
}

export const DEFAULT_CONFIG: Config = {
  failOn: 'high',
  manifests: [],
  requiredProvenance: ['origin', 'source', 'license', 'collected'],
  thresholds: {
    'synthetic-share-warn': 0.33,
    'synthetic-share-high': 0.5,
    'real-share-critical': 0.1,
    'real-removal-high': 0.01,
    'rare-shrink': 0.2,
  },
};

export function makeConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...DEFAULT_CONFIG,
    ...overrides,
    thresholds: { ...DEFAULT_CONFIG.thresholds, ...overrides.thresholds },
  };
}
