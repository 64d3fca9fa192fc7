// YAML (and JSON) documents parsed with their line positions, so errors can name the line.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { SourceError } from './source-error.js';
import { parseFastYaml } from './fast-yaml.js';

export interface YamlSource {
  value: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** Keys written twice in one mapping (read with `duplicateKeys: 'last-wins'`): the later one counts. */
  duplicates: { key: string; line: number }[];
}

export interface YamlOptions {
  /** The file the text is, for errors. */
  file?: string;
  /**
   * `error` (our own files are strict) or `last-wins`: third-party files are read as the YAML
   * loaders of training code read them (PyYAML keeps the last of two equal keys).
   */
  duplicateKeys?: 'error' | 'last-wins';
  /** The hand-written reader for plain YAML first (default); off, the `yaml` package reads everything. */
  fast?: boolean;
}

/** Most aliases a document may expand: a guard against "billion laughs" alias bombs. */
const MAX_ALIASES = 100;

export function parseYamlSource(text: string, options: YamlOptions = {}): YamlSource {
  // The fast reader refuses duplicate keys, so a document that has them always reaches the full parser.
  const fast = options.fast !== false ? parseFastYaml(text) : undefined;
  if (fast) {
    // Lines of collections come from the fast reader; anything finer (the line of a scalar in an
    // error message) from the full parser, read only then.
    let full: YamlSource | undefined;
    return {
      value: fast.value,
      duplicates: [],
      lineOf: (path) => {
        let node: unknown = fast.value;
        for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
        const line = node !== null && typeof node === 'object' ? fast.lines.get(node) : undefined;
        return line ?? (full ??= parseYamlDocument(text)).lineOf(path);
      },
    };
  }
  return parseYamlDocument(text, options);
}

/** The full YAML parser: every construct, every error message, positions of every node. */
function parseYamlDocument(text: string, options: YamlOptions = {}): YamlSource {
  const lines = new LineCounter();
  const lenient = options.duplicateKeys === 'last-wins';
  // Warnings (a mapping used as a key) go nowhere: the manifest's own problems are reported as findings.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: !lenient, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    // The line is named already: the parser's "at line 2, column 1:" is left out.
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new SourceError(options.file ?? '', lines.linePos(err.pos[0]).line, `invalid YAML: ${what}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new SourceError(options.file ?? '', undefined, `invalid YAML: ${(e as Error).message}`);
  }
  return {
    value,
    duplicates: lenient ? duplicateKeys(doc, lines) : [],
    lineOf: (path) =>
      nodeLine(
        doc,
        lines,
        path.filter((p): p is string | number => typeof p !== 'symbol'),
      ),
  };
}

function duplicateKeys(doc: Document, lines: LineCounter): { key: string; line: number }[] {
  const found: { key: string; line: number }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0];
        if (seen.has(key)) found.push({ key, line: at === undefined ? 1 : lines.linePos(at).line });
        seen.add(key);
      }
    },
  });
  return found;
}

/** The line of the node at `path`, or of its deepest parent that exists (a missing key: its mapping). */
export function lineNear(lineOf: YamlSource['lineOf'], path: readonly (string | number)[]): number | undefined {
  let line: number | undefined;
  for (let n = path.length; n >= 0 && line === undefined; n--) line = lineOf(path.slice(0, n));
  return line;
}

function nodeLine(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  if (path.length === 0) return doc.contents?.range ? lines.linePos(doc.contents.range[0]).line : 1;
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  const parent = doc.getIn(path.slice(0, -1), true);
  if ((isMap(parent) || isSeq(parent)) && parent.range) return lines.linePos(parent.range[0]).line;
  return undefined;
}

/** Deeper than this, values take their line from the nearest container above (bounded work). */
const MAX_JSON_DEPTH = 256;

/**
 * A JSON document with the line where each value starts, from one pass over the text (no second
 * parse as YAML, which costs seconds on a large file). The value itself is JSON.parse's (the later
 * of two equal keys counts); a key written twice is an error unless `duplicateKeys` is `last-wins`.
 * The text must already be valid JSON.
 */
export function parseJsonSource(text: string, options: YamlOptions = {}): YamlSource {
  const value: unknown = JSON.parse(text);
  const lines = new Map<string, number>();
  const duplicates: { key: string; line: number }[] = [];
  // One frame per open container: its path key, the next array index, the keys seen in an object.
  const stack: { path: string; index: number; keys?: Set<string> }[] = [];
  let line = 1;
  let pendingKey: string | undefined;
  const n = text.length;
  const here = () => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    const part = top.keys ? pendingKey! : String(top.index++);
    return `${top.path}\0${part}`;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      // A string: a key when an object waits for one, else a value.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && pendingKey === undefined) {
        pendingKey = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(pendingKey)) duplicates.push({ key: pendingKey, line });
        top.keys.add(pendingKey);
      } else {
        if (stack.length <= MAX_JSON_DEPTH) lines.set(here(), line);
        pendingKey = undefined;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      const path = stack.length <= MAX_JSON_DEPTH ? here() : '';
      if (stack.length <= MAX_JSON_DEPTH) lines.set(path, line);
      stack.push({ path, index: 0, ...(c === 123 ? { keys: new Set<string>() } : {}) });
      pendingKey = undefined;
    } else if (c === 125 || c === 93) {
      stack.pop();
      pendingKey = undefined;
    } else if (c === 44 || c === 58 || c === 32 || c === 9 || c === 13) {
      continue;
    } else {
      // A number, true, false or null.
      if (stack.length <= MAX_JSON_DEPTH) lines.set(here(), line);
      pendingKey = undefined;
      while (i + 1 < n && !',]} \t\r\n'.includes(text[i + 1]!)) i++;
    }
  }
  if (duplicates.length > 0 && options.duplicateKeys !== 'last-wins') {
    throw new SourceError(options.file ?? '', duplicates[0]!.line, `invalid JSON: the key "${duplicates[0]!.key}" is written twice in one object`);
  }
  return {
    value,
    duplicates,
    lineOf: (path) => {
      for (let k = path.length; k >= 0; k--) {
        const l = lines.get(
          path
            .slice(0, k)
            .map((p) => `\0${String(p)}`)
            .join(''),
        );
        if (l !== undefined) return l;
      }
      return undefined;
    },
  };
}
