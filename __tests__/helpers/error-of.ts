import { ManifestError } from '../../src/text/source-error.js';

/** The ManifestError `fn` throws; any other outcome fails the test. */
export function errorOf(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}
