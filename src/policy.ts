// The policy file `.github/collapse-guard.yml` (SPEC §7): validated strictly, so a misspelt key
// is an error that names it rather than a setting silently ignored.
import { z } from 'zod';
import { makeConfig, type Config } from './config.js';
import { PROVENANCE_FIELDS } from './manifest/provenance-fields.js';
import { RULE_IDS } from './rules/rule-ids.js';
import { SEVERITIES } from './severity.js';
import { describeIssue, parseYamlSource, YamlSourceError } from './yaml-source.js';

export class PolicyError extends Error {
  override name = 'PolicyError';
}

function policyError(file: string, line: number | undefined, detail: string): PolicyError {
  return new PolicyError(`policy file ${file}${line ? `:${line}` : ''}: ${detail}`);
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2027-01-31');
const fraction = z.number().min(0).max(1);
const verified = z.union([z.boolean(), z.string().min(1)]);
const ruleId = z.enum(RULE_IDS);

const thresholdsSchema = z.strictObject({
  'synthetic-share-warn': fraction,
  'synthetic-share-high': fraction,
  'real-share-critical': fraction,
  'real-removal-high': fraction,
  'rare-shrink': fraction,
  'category-shrink': fraction,
  'category-weight-drop': fraction,
  'contamination-cutoff': date,
  'contamination-high': date,
  'audit-max-age-days': z.number().int().positive(),
  'recursion-depth': z.number().int().positive(),
  'recursion-depth-high': z.number().int().positive(),
}).partial();

const limitsSchema = z.strictObject({
  'max-manifest-bytes': z.number().int().positive(),
  'max-shards': z.number().int().positive(),
  'max-id-length': z.number().int().positive(),
}).partial();

const provenanceSchema = z.strictObject({
  match: z.string().min(1),
  origin: z.enum(['human', 'synthetic', 'mixed', 'unknown']).optional(),
  source: z.string().optional(),
  license: z.string().optional(),
  collected: date.optional(),
  verified: verified.optional(),
  tags: z.array(z.string()).optional(),
  generator: z.strictObject({
    model: z.string().optional(),
    depth: z.number().int().nonnegative().optional(),
    trained_on: z.array(z.string()).optional(),
    verified: verified.optional(),
  }).optional(),
});

const waiverSchema = z.strictObject({
  rule: ruleId,
  shards: z.array(z.string().min(1)).min(1).optional(),
  manifests: z.array(z.string().min(1)).min(1).optional(),
  reason: z.string().trim().min(1, 'a waiver needs a reason'),
  expires: date,
}).refine((w) => w.rule !== 'manifest-invalid' || w.manifests !== undefined, {
  message: 'a manifest-invalid waiver must name the manifests it covers (manifests: [...])',
  path: ['manifests'],
});

const datasetSchema = z.strictObject({
  name: z.string().trim().min(1, 'a dataset needs a name'),
  manifests: z.array(z.string().min(1)).min(1, 'a dataset needs at least one manifest glob'),
});

export const policySchema = z.strictObject({
  'fail-on': z.enum([...SEVERITIES, 'never']).optional(),
  manifests: z.array(z.string().min(1)).optional(),
  'required-provenance': z.array(z.enum(PROVENANCE_FIELDS as [string, ...string[]])).optional(),
  thresholds: thresholdsSchema.optional(),
  limits: limitsSchema.optional(),
  rules: z.partialRecord(ruleId, z.enum([...SEVERITIES, 'off']))
    .refine((r) => r['manifest-invalid'] === undefined, 'manifest-invalid cannot be changed or turned off: a manifest that cannot be read always fails the check')
    .optional(),
  provenance: z.array(provenanceSchema).optional(),
  waivers: z.array(waiverSchema).optional(),
  datasets: z.array(datasetSchema)
    .refine((ds) => new Set(ds.map((d) => d.name)).size === ds.length, 'each dataset name may appear once')
    .optional(),
});

/** Reads a policy file's text into a Config on top of the defaults. */
export function parsePolicy(file: string, text: string, base: Partial<Config> = {}): Config {
  let source;
  try {
    source = parseYamlSource(text);
  } catch (e) {
    if (e instanceof YamlSourceError) throw policyError(file, e.line, e.detail);
    throw e;
  }
  if (source.value === null || source.value === undefined) return makeConfig(base);
  const parsed = policySchema.safeParse(source.value);
  if (!parsed.success) {
    const { line, detail } = describeIssue(parsed.error, source.lineOf);
    throw policyError(file, line, detail);
  }
  const p = parsed.data;
  return makeConfig({
    ...base,
    ...(p['fail-on'] ? { failOn: p['fail-on'] } : {}),
    ...(p.manifests ? { manifests: p.manifests } : {}),
    ...(p['required-provenance'] ? { requiredProvenance: p['required-provenance'] } : {}),
    thresholds: { ...base.thresholds, ...p.thresholds } as Config['thresholds'],
    limits: { ...base.limits, ...p.limits } as Config['limits'],
    rules: p.rules ?? {},
    provenance: (p.provenance ?? []).map(({ generator, ...rest }) => ({
      ...rest,
      ...(generator ? { generator: { model: generator.model, depth: generator.depth, trainedOn: generator.trained_on, verified: generator.verified } } : {}),
    })),
    waivers: (p.waivers ?? []).map((w, i) => ({ ...w, line: source.lineOf(['waivers', i]) })),
    datasets: (p.datasets ?? []).map((d, i) => ({ ...d, line: source.lineOf(['datasets', i]) })),
  });
}
