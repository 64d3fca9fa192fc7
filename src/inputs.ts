// Action inputs (SPEC §2), validated before any work starts.
import * as core from '@actions/core';
import { DEFAULT_POLICY_PATH, type Config } from './config.js';
import { isFailOn } from './severity.js';

export type CommentMode = 'always' | 'on-findings' | 'never';

export interface ActionInputs {
  /** Explicit settings; they win over the policy file. */
  config: Partial<Config>;
  /** Policy file path in the repository, read at the head revision. */
  configFile: string;
  comment: CommentMode;
  inline: boolean;
  acceptLabel: string;
  base: string;
  head: string;
  token: string;
  sarif: string;
}

export class InputError extends Error {
  override name = 'InputError';
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`input "${name}" must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

export function readInputs(): ActionInputs {
  // Empty inputs leave the setting to the policy file (then to the defaults).
  const failOn = core.getInput('fail-on');
  if (failOn && !isFailOn(failOn)) throw new InputError(`input "fail-on" must be one of info, low, medium, high, critical, never (got "${failOn}")`);
  const manifests = core.getMultilineInput('manifests').map((m) => m.trim()).filter((m) => m && m !== 'auto');
  return {
    config: { failOn: failOn || undefined, manifests: manifests.length ? manifests : undefined } as Partial<Config>,
    configFile: repositoryPath('config-file', core.getInput('config-file') || DEFAULT_POLICY_PATH),
    comment: oneOf('comment', core.getInput('comment') || 'always', ['always', 'on-findings', 'never'] as const),
    inline: oneOf('inline', core.getInput('inline') || 'true', ['true', 'false'] as const) === 'true',
    acceptLabel: core.getInput('accept-label') || 'collapse-risk-accepted',
    base: core.getInput('base'),
    head: core.getInput('head'),
    token: core.getInput('token'),
    sarif: core.getInput('sarif'),
  };
}

/** A path inside the repository: never absolute, never climbing out with `..`. */
function repositoryPath(name: string, value: string): string {
  const path = value.replace(/^\.\//, '');
  if (path.startsWith('/') || /^[a-z]:/i.test(path) || path.split(/[\\/]/).includes('..')) {
    throw new InputError(`input "${name}" must be a path inside the repository (got "${value}")`);
  }
  return path;
}
