import { SourceError } from '../../src/text/source-error.js';

/** The SourceError `fn` throws; any other outcome fails the test. */
export function errorOf(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error('expected a SourceError');
}
