// Reading YAML, JSON and JSON Lines with line positions, where any problem becomes a SourceError
// naming the file and line. Shared by every format that is YAML or JSON, and the policy file.
import type { z } from 'zod';
import { lineNear, parseJsonSource, parseYamlSource, type YamlOptions, type YamlSource } from './yaml.js';
import { SourceError, type IssueList } from './source-error.js';
import { plainIssues, type IssueOptions } from './issues.js';

export function readYaml(file: string, text: string, options: YamlOptions = {}): YamlSource {
  return parseYamlSource(text, { ...options, file });
}

/** Parses JSON strictly, with the line where each of its values starts (see parseJsonSource). */
export function readJson(file: string, text: string, options: YamlOptions = {}): YamlSource {
  if (text.trim() === '') throw new SourceError(file, 1, 'the manifest is empty');
  try {
    JSON.parse(text);
  } catch (e) {
    throw new SourceError(file, jsonErrorLine(text, e), `invalid JSON: ${(e as Error).message}`);
  }
  return parseJsonSource(text, { ...options, file });
}

/**
 * JSON Lines: each non-blank line's value with its 1-based line, walked without splitting the
 * text (a manifest may hold millions of lines); a line that is not JSON is an error at its line,
 * added to `issues` (and the next line read) when given.
 */
export function readJsonLines(file: string, text: string, each: (value: unknown, line: number) => void, issues?: IssueList): void {
  for (let start = 0, end = 0, line = 1; start < text.length; start = end + 1, line++) {
    end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const row = text.slice(start, end).trim();
    if (row === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (e) {
      const detail = `invalid JSON: ${(e as Error).message}`;
      if (!issues) throw new SourceError(file, line, detail);
      issues.add({ line, detail });
      continue;
    }
    each(value, line);
  }
}

/** The value as `schema` reads it, or a SourceError listing every problem in plain words, each at its line. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, source: Pick<YamlSource, 'lineOf'>, options: IssueOptions = {}): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw SourceError.of(
    file,
    plainIssues(parsed.error, value, options).map((i) => ({ line: lineNear(source.lineOf, i.path), detail: i.detail })),
  );
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
