// The native manifest format (SPEC §3), as a zod validator. schema/manifest.schema.json is generated from it.
import { z } from 'zod';
import { ORIGINS } from '../model.js';
import { isCalendarDay } from '../../text/dates.js';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A date as the native format writes it, on a day the calendar has (2024-02-29, never 2024-02-30). */
export function isDate(v: string): boolean {
  // Most shards of a large manifest carry the same date as the one before: answer it again.
  if (v !== lastDate.text) lastDate = { text: v, valid: DATE_PATTERN.test(v) && isCalendarDay(v) };
  return lastDate.valid;
}
let lastDate = { text: '', valid: false };
// The pattern stays in the JSON Schema for editors; the calendar is checked after it.
const date = z.string().regex(DATE_PATTERN, 'must be a date like 2024-05-31').refine(isCalendarDay, 'must be a real date like 2024-05-31');
const count = z.number().nonnegative();
const verified = z.union([z.boolean(), z.string().min(1)]);

export const generatorSchema = z.looseObject({
  model: z.string().optional(),
  depth: z.number().int().nonnegative().optional(),
  trained_on: z.array(z.string()).optional(),
  verified: verified.optional(),
  sampling: z.record(z.string(), z.unknown()).optional(),
});

export const shardSchema = z
  .looseObject({
    id: z.union([z.string().min(1), z.number()]).optional(),
    path: z.string().min(1).optional(),
    sha256: z.string().min(1).optional(),
    md5: z.string().min(1).optional(),
    etag: z.string().min(1).optional(),
    rows: count.optional(),
    tokens: count.optional(),
    bytes: count.optional(),
    weight: count.optional(),
    origin: z.enum(ORIGINS).optional(),
    synthetic_fraction: z.number().min(0).max(1).optional(),
    source: z.string().optional(),
    collected: date.optional(),
    license: z.string().optional(),
    /** British spelling, read as `license` when that is absent. */
    licence: z.string().optional(),
    tags: z.array(z.string()).optional(),
    categories: z.record(z.string(), count).optional(),
    generator: generatorSchema.optional(),
    verified: verified.optional(),
  })
  .refine((s) => s.id !== undefined || s.path !== undefined, { message: 'needs an id or a path' });

export const datasetFieldsSchema = z.looseObject({
  dataset: z.string().optional(),
  audit: z.looseObject({ last: date.optional(), by: z.string().optional() }).optional(),
  evaluation: z.looseObject({ metrics: z.array(z.string()).optional() }).optional(),
});

export const manifestSchema = datasetFieldsSchema.extend({ shards: z.array(shardSchema) });

export type NativeShard = z.infer<typeof shardSchema>;
export type NativeDatasetFields = z.infer<typeof datasetFieldsSchema>;
