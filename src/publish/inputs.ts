// The action's inputs (SPEC §2), validated before any work starts. `fail-on`, `manifests` and `trend-commits` are
// settings (they go through the one settings schema, winning over the policy file); the rest say
// how the action publishes. Each default here is action.yml's (a test keeps the two in step).
import * as core from '@actions/core';
import { z } from 'zod';
import { DEFAULT_POLICY_PATH, type SettingsSource } from '../analysis/settings.js';

/** A path inside the repository: never absolute, never climbing out with `..`. */
const repositoryPath = z
  .string()
  .transform((v) => v.replace(/^\.\//, ''))
  .refine((p) => !p.startsWith('/') && !/^[a-z]:/i.test(p) && !p.split(/[\\/]/).includes('..'), {
    error: (issue) => `must be a path inside the repository (got ${JSON.stringify(issue.input)})`,
  });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})` });

export const inputsSchema = z.object({
  'config-file': repositoryPath.default(DEFAULT_POLICY_PATH),
  comment: oneOf(['always', 'on-findings', 'never']).default('always'),
  inline: oneOf(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  'accept-label': z.string().default('collapse-risk-accepted'),
  base: z.string().default(''),
  head: z.string().default(''),
  token: z.string().default(''),
  sarif: z.string().default(''),
});

export type ActionInputs = z.output<typeof inputsSchema> & {
  /** `fail-on` and `manifests`, for the settings; empty ones leave them to the policy file. */
  settings: SettingsSource;
};

export class InputError extends Error {
  override name = 'InputError';
}

export function readInputs(): ActionInputs {
  // An empty input is no input: the default (or the policy file) decides.
  const given = Object.fromEntries(Object.keys(inputsSchema.shape).map((k) => [k, core.getInput(k) || undefined]));
  const parsed = inputsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`input "${String(issue.path[0])}" ${issue.message}`);
  }
  const manifests = core
    .getMultilineInput('manifests')
    .map((m) => m.trim())
    .filter((m) => m && m !== 'auto');
  const trend = core.getInput('trend-commits');
  return {
    ...parsed.data,
    settings: {
      kind: 'input',
      values: {
        'fail-on': core.getInput('fail-on') || undefined,
        manifests: manifests.length ? manifests : undefined,
        'trend-commits': trend === '' ? undefined : /^\d+$/.test(trend) ? Number(trend) : trend,
      },
    },
  };
}
