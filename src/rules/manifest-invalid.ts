// A manifest the action cannot understand is never passed silently.
import type { Rule } from './types.js';
import { finding } from './types.js';

export const manifestInvalid: Rule = {
  id: 'manifest-invalid',
  check(change) {
    return change.problems.map((p) =>
      p.side === 'head'
        ? finding({
            rule: 'manifest-invalid', severity: 'high', manifest: p.file, line: p.line, message: p.detail,
            fix: 'Fix the manifest so it parses and validates (see schema/manifest.schema.json for the native format).',
          })
        : finding({
            rule: 'manifest-invalid', severity: 'info', manifest: p.file, line: p.line, inherited: true,
            message: `could not be read on the base, so its head is compared with nothing: ${p.detail}`,
            fix: 'Nothing to do: the head version reads correctly.',
          }),
    );
  },
};
