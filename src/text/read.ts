// Reading a manifest's YAML or JSON with line positions, where any problem becomes a
// ManifestError naming the file and line. Shared by every format that is YAML or JSON.
import type { z } from 'zod';
import { describeIssue, parseJsonSource, parseYamlSource, YamlSourceError, type YamlOptions, type YamlSource } from './yaml.js';
import { ManifestError } from './source-error.js';
import type { ReadNote } from '../formats/model.js';

export function readYaml(file: string, text: string, options: YamlOptions = {}): YamlSource {
  try {
    return parseYamlSource(text, options);
  } catch (e) {
    if (e instanceof YamlSourceError) throw new ManifestError(file, e.line, e.detail);
    throw e;
  }
}

/** Parses JSON strictly, with the line where each of its values starts (see parseJsonSource). */
export function readJson(file: string, text: string, options: YamlOptions = {}): YamlSource {
  if (text.trim() === '') throw new ManifestError(file, 1, 'the manifest is empty');
  try {
    JSON.parse(text);
  } catch (e) {
    throw new ManifestError(file, jsonErrorLine(text, e), `invalid JSON: ${(e as Error).message}`);
  }
  try {
    return parseJsonSource(text, options);
  } catch (e) {
    if (e instanceof YamlSourceError) throw new ManifestError(file, e.line, e.detail);
    throw e;
  }
}

/** The value as `schema` reads it, or a ManifestError naming the line of the first problem. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, source: Pick<YamlSource, 'lineOf'>): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { line, detail } = describeIssue(parsed.error, source.lineOf);
  throw new ManifestError(file, line, detail);
}

/** The line of a JSON.parse error: V8 names a line, or a character position. */
export function jsonErrorLine(text: string, e: unknown): number {
  const message = (e as Error).message;
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? text.slice(0, Number(pos[1])).split('\n').length : text.split('\n').length;
}

/**
 * Format detection for JSON formats: `ours` judges the parsed value. A file that does not parse
 * but `brokenButOurs` recognises is still claimed, so that parsing reports the line it breaks at.
 */
export function detectJson(text: string, ours: (value: unknown) => boolean, brokenButOurs: () => boolean): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return brokenButOurs();
  }
  return ours(value);
}

/** A low note per key written twice (read with `duplicateKeys: 'last-wins'`). */
export function duplicateKeyNotes(source: Pick<YamlSource, 'duplicates'>): ReadNote[] {
  return source.duplicates.map(({ key, line }) => ({
    field: key, line, severity: 'low',
    detail: `key "${key}" is written twice in one mapping; read as YAML loaders read it, the later value counts`,
  }));
}
