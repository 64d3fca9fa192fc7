// Every setting of a run in one zod schema with its defaults (SPEC §2, §7): fail-on, the manifest
// selection, required provenance, each rule's thresholds (declared by the rule), limits, rule
// severities, the provenance map, waivers and datasets. The policy file, the action's inputs and the
// CLI's flags each give part of it; the parts are merged (inputs and flags win) and parsed once,
// and an error names where the bad value came from: the input, the flag, or the file and line.
import { z } from 'zod';
import { ORIGINS } from '../formats/model.js';
import { PROVENANCE_FIELDS } from '../formats/provenance-fields.js';
import { ALL_RULES, RULE_IDS } from '../rules/index.js';
import { SEVERITIES } from '../rules/severity.js';
import { lineNear, parseYamlSource } from '../text/yaml.js';
import { plainIssues, schemaKeysAt } from '../text/issues.js';
import { calendarDate } from '../text/dates.js';
import { SourceError } from '../text/source-error.js';

const glob = z.string().min(1);
const verified = z.union([z.boolean(), z.string().min(1)]);

/** An enum whose message lists what is allowed and what was given. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})` });
}

export const FAIL_ON = [...SEVERITIES, 'never'] as const;

/** Where the policy file is, unless the action's `config-file` or the CLI's `--config` says otherwise. */
export const DEFAULT_POLICY_PATH = '.github/collapse-guard.yml';

/** The thresholds of every rule, each with the default its rule declares. */
const thresholdsSchema = z.strictObject(
  Object.fromEntries(ALL_RULES.flatMap((r) => Object.entries(r.meta.thresholds).map(([name, t]) => [name, t.schema.default(t.default)]))),
);

const limitsSchema = z.strictObject({
  'max-manifest-bytes': z
    .number()
    .int()
    .positive()
    .default(512 * 1024 * 1024),
  'max-shards': z.number().int().positive().default(5_000_000),
  'max-id-length': z.number().int().positive().default(1024),
});

const provenanceSchema = z.strictObject({
  match: z.string().min(1),
  origin: z.enum(ORIGINS).optional(),
  source: z.string().optional(),
  license: z.string().optional(),
  collected: calendarDate.optional(),
  verified: verified.optional(),
  tags: z.array(z.string()).optional(),
  generator: z
    .strictObject({
      model: z.string().optional(),
      depth: z.number().int().nonnegative().optional(),
      trained_on: z.array(z.string()).optional(),
      verified: verified.optional(),
    })
    .optional(),
});

const ruleId = oneOf(RULE_IDS);
const onlyForNamedManifests = new Set(ALL_RULES.filter((r) => r.meta.waivable === 'named-manifests').map((r) => r.meta.id));
const notAdjustable = ALL_RULES.filter((r) => !r.meta.adjustable).map((r) => r.meta.id);

const waiverSchema = z
  .strictObject({
    rule: ruleId,
    shards: z.array(glob).min(1).optional(),
    manifests: z.array(glob).min(1).optional(),
    reason: z.string().trim().min(1, 'a waiver needs a reason'),
    expires: calendarDate,
  })
  .refine((w) => !onlyForNamedManifests.has(w.rule) || w.manifests !== undefined, {
    message: 'a manifest-invalid waiver must name the manifests it covers (manifests: [...])',
    path: ['manifests'],
  });

const datasetSchema = z.strictObject({
  name: z.string().trim().min(1, 'a dataset needs a name'),
  manifests: z.array(glob).min(1, 'a dataset needs at least one manifest glob'),
});

export const settingsSchema = z.strictObject({
  'fail-on': oneOf(FAIL_ON).default('high'),
  manifests: z.array(glob).default([]),
  'required-provenance': z.array(oneOf(PROVENANCE_FIELDS as [string, ...string[]])).default(['origin', 'source', 'license', 'collected']),
  thresholds: thresholdsSchema.prefault({}),
  limits: limitsSchema.prefault({}),
  rules: z
    .partialRecord(ruleId, oneOf([...SEVERITIES, 'off']))
    .default({})
    .refine(
      (r) => notAdjustable.every((id) => r[id as keyof typeof r] === undefined),
      `${notAdjustable.join(', ')} cannot be changed or turned off: a manifest that cannot be read always counts`,
    ),
  provenance: z.array(provenanceSchema).default([]),
  waivers: z.array(waiverSchema).default([]),
  // How many commits of the base branch each changed dataset's synthetic-share trend shows; 0: none.
  'trend-commits': z.number().int().min(0).max(100).default(20),
  datasets: z
    .array(datasetSchema)
    .default([])
    .refine((ds) => new Set(ds.map((d) => d.name)).size === ds.length, 'each dataset name may appear once'),
});

export type Settings = z.infer<typeof settingsSchema> & {
  /** Lines of the policy file's waivers and datasets, for messages. */
  waivers: (z.infer<typeof waiverSchema> & { line?: number })[];
  datasets: (z.infer<typeof datasetSchema> & { line?: number })[];
};
export type FailOn = Settings['fail-on'];

/** Where part of the settings came from. */
export interface SettingsSource {
  /** `policy`: the policy file (`file`, with lines); `input`: action inputs; `flag`: CLI flags. */
  kind: 'policy' | 'input' | 'flag';
  file?: string;
  values: Record<string, unknown>;
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
}

/** A setting that is not valid, named by where it came from. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The settings the sources give, later sources winning key by key, parsed once. */
export function resolveSettings(sources: readonly SettingsSource[]): Settings {
  const merged: Record<string, unknown> = {};
  const from = new Map<string, SettingsSource>();
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.values)) {
      if (value === undefined) continue;
      merged[key] = value;
      from.set(key, source);
    }
  }
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success)
    throw settingsError(
      parsed.error,
      merged,
      from,
      sources.find((s) => s.kind === 'policy'),
    );
  const policy = sources.find((s) => s.kind === 'policy');
  const lineOf = (key: string, i: number) => (from.get(key) === policy ? policy?.lineOf?.([key, i]) : undefined);
  return {
    ...parsed.data,
    waivers: parsed.data.waivers.map((w, i) => ({ ...w, line: lineOf('waivers', i) })),
    datasets: parsed.data.datasets.map((d, i) => ({ ...d, line: lineOf('datasets', i) })),
  };
}

export function defaultSettings(): Settings {
  return resolveSettings([]);
}

/**
 * Every problem, each named by where its value came from: the policy file and line, in plain words
 * (with the likely setting for a mistyped one); the input or the flag.
 */
function settingsError(
  error: z.ZodError,
  merged: Record<string, unknown>,
  from: ReadonlyMap<string, SettingsSource>,
  policy: SettingsSource | undefined,
): SettingsError {
  const keysAt = (path: (string | number)[]) => schemaKeysAt(settingsSchema, path);
  const lines = error.issues.flatMap((issue) => {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    // An unknown top-level key can only come from the policy file.
    const source = key !== undefined ? from.get(key) : policy;
    if (source?.kind !== 'policy') return [`${source?.kind === 'flag' ? `--${key}` : `input "${key}"`} ${issue.message}`];
    return plainIssues({ issues: [issue] }, merged, { keysAt }).map((i) => {
      const line = lineNear(source.lineOf ?? (() => undefined), i.path);
      return `policy file ${source.file}${line ? ` line ${line}` : ''}: ${i.detail}`;
    });
  });
  return new SettingsError(lines.join('\n'));
}

/** The policy file's part of the settings: its YAML, with the lines of its keys. A blank file gives nothing. */
export function policySource(file: string, text: string): SettingsSource {
  let source;
  try {
    source = parseYamlSource(text);
  } catch (e) {
    if (e instanceof SourceError) throw new SettingsError(`policy file ${file}${e.line ? ` line ${e.line}` : ''}: ${e.detail}`);
    throw e;
  }
  const value = source.value;
  if (value === null || value === undefined) return { kind: 'policy', file, values: {} };
  if (typeof value !== 'object' || Array.isArray(value))
    throw new SettingsError(`policy file ${file} line 1: must be a mapping of settings, like fail-on: high`);
  return { kind: 'policy', file, values: value as Record<string, unknown>, lineOf: source.lineOf };
}
