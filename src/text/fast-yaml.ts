// A fast reader for the plain YAML that large manifests are written in: block mappings and
// sequences, one-line flow collections, plain and quoted scalars, comments. It gives exactly what
// the `yaml` package gives (core schema) with the lines of every collection, several times faster
// on documents of hundreds of thousands of shards. Anything outside that subset (anchors, tags,
// block scalars, multi-line values, duplicate keys, tabs) returns undefined and the caller uses
// the `yaml` package, which also produces the error messages.

export interface FastYaml {
  value: unknown;
  /** 1-based line where each mapping or sequence starts. */
  lines: Map<object, number>;
}

class Unsupported extends Error {}

interface Line {
  indent: number;
  text: string; // without indentation and trailing comment
  number: number;
}

const PLAIN_KEY = /^[A-Za-z0-9_][\w.\-/]*$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export function parseFastYaml(text: string): FastYaml | undefined {
  try {
    const lines = splitLines(text);
    const out = new Map<object, number>();
    if (lines.length === 0) return undefined;
    const reader = new Reader(lines, out);
    const value = reader.block(0, lines[0]!.indent);
    if (reader.pos !== lines.length) return undefined;
    return { value, lines: out };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let number = 0;
  for (let start = 0, end = 0; start <= text.length; start = end + 1) {
    end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    const raw = text.slice(start, end);
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (raw.charCodeAt(indent) === 9) throw new Unsupported(); // tabs
    const body = stripComment(raw.slice(indent));
    if (body === '') continue;
    if (body === '---' || body === '...' || body.startsWith('%')) throw new Unsupported();
    lines.push({ indent, text: body, number });
    if (end === text.length) break;
  }
  return lines;
}

/** The line without a trailing ` # comment` (outside quotes) and trailing spaces. */
function stripComment(s: string): string {
  if (s.startsWith('#')) return '';
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) {
        if (quote === "'" && s[i + 1] === "'") i++;
        else quote = '';
      } else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") {
      // A quote only opens a quoted scalar at the start of a value.
      const prev = s[i - 1];
      if (i === 0 || prev === ' ' || prev === '[' || prev === '{' || prev === ',') quote = c;
    } else if (c === '#' && s[i - 1] === ' ') {
      return s.slice(0, i).trimEnd();
    }
  }
  if (quote) throw new Unsupported(); // a quoted scalar over several lines
  return s.trimEnd();
}

class Reader {
  pos = 0;
  constructor(
    private readonly lines: Line[],
    private readonly out: Map<object, number>,
  ) {}

  /** The block node starting at the current line, whose lines are indented by `indent`. */
  block(_parentIndent: number, indent: number): unknown {
    const line = this.lines[this.pos]!;
    if (line.indent !== indent) throw new Unsupported();
    if (line.text === '-' || line.text.startsWith('- ')) return this.sequence(indent);
    if (keyOf(line.text)) return this.mapping(indent);
    // A lone scalar document or a continuation line: not our subset.
    throw new Unsupported();
  }

  private sequence(indent: number): unknown[] {
    const seq: unknown[] = [];
    this.out.set(seq, this.lines[this.pos]!.number);
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      if (line.indent < indent) break;
      if (line.indent > indent || !(line.text === '-' || line.text.startsWith('- '))) throw new Unsupported();
      const rest = line.text === '-' ? '' : line.text.slice(2).trimStart();
      const contentIndent = indent + (line.text.length - rest.length);
      if (rest === '') {
        this.pos++;
        seq.push(this.nestedOrNull(indent));
      } else if (rest.startsWith('- ')) {
        throw new Unsupported(); // a sequence directly in a sequence item
      } else if (keyOf(rest)) {
        // "- key: value" opens a mapping whose keys align with "key".
        this.lines[this.pos] = { indent: contentIndent, text: rest, number: line.number };
        seq.push(this.mapping(contentIndent));
      } else {
        this.pos++;
        seq.push(scalarOrFlow(rest, this.out, line.number));
      }
    }
    return seq;
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.out.set(map, this.lines[this.pos]!.number);
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new Unsupported();
      const kv = keyOf(line.text);
      if (!kv) throw new Unsupported();
      const [key, rest] = kv;
      if (Object.prototype.hasOwnProperty.call(map, key) || key === '__proto__') throw new Unsupported(); // duplicates: the yaml package reports them
      this.pos++;
      if (rest === '') {
        // The value is the block below: more indented, or a sequence at the same indent.
        const next = this.lines[this.pos];
        if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) map[key] = this.sequence(indent);
        else map[key] = this.nestedOrNull(indent);
      } else {
        map[key] = scalarOrFlow(rest, this.out, line.number);
      }
    }
    return map;
  }

  private nestedOrNull(indent: number): unknown {
    const next = this.lines[this.pos];
    if (!next || next.indent <= indent) return null;
    return this.block(indent, next.indent);
  }
}

/** `key: rest` or `key:` → [key, rest]; undefined when the line is not a mapping entry. */
function keyOf(text: string): [string, string] | undefined {
  let key: string;
  let after: number;
  if (text[0] === '"' || text[0] === "'") {
    const end = quotedEnd(text, 0);
    if (end < 0 || text[end + 1] !== ':') return undefined;
    key = String(quoted(text.slice(0, end + 1)));
    after = end + 2;
  } else {
    const colon = text.indexOf(':');
    if (colon <= 0) return undefined;
    key = text.slice(0, colon);
    if (!PLAIN_KEY.test(key)) return undefined;
    after = colon + 1;
  }
  if (after < text.length && text[after] !== ' ') return undefined;
  return [key, text.slice(after).trim()];
}

function quotedEnd(s: string, start: number): number {
  const q = s[start];
  for (let i = start + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function quoted(token: string): string {
  if (token[0] === "'") return token.slice(1, -1).replace(/''/g, "'");
  // Double quotes: the escapes JSON shares with YAML; any other escape is left to the yaml package.
  if (/\\[^"\\/bfnrtu]/.test(token)) throw new Unsupported();
  return JSON.parse(token) as string;
}

function scalarOrFlow(text: string, out: Map<object, number>, line: number): unknown {
  const c = text[0];
  if (c === '[' || c === '{') {
    const flow = new Flow(text, out, line);
    const value = flow.value();
    flow.skipSpaces();
    if (flow.i !== text.length) throw new Unsupported();
    return value;
  }
  if (c === '"' || c === "'") {
    if (quotedEnd(text, 0) !== text.length - 1) throw new Unsupported();
    return quoted(text);
  }
  return plain(text);
}

/** A plain scalar by the YAML 1.2 core schema, as the yaml package resolves it. */
function plain(text: string): unknown {
  const c = text[0]!;
  if ('&*!|>%@`,[]{}#'.includes(c) || (c === '-' && (text.length === 1 || text[1] === ' ')) || (c === '?' && (text[1] === ' ' || text.length === 1)))
    throw new Unsupported();
  if (text.includes(': ') || text.endsWith(':')) throw new Unsupported();
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  // The very functions the yaml package's core schema resolves numbers with.
  if (INT.test(text)) return parseInt(text, 10);
  if (FLOAT.test(text)) return parseFloat(text);
  if (/^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$|^0[ox]/.test(text)) throw new Unsupported();
  return text;
}

/** One-line flow collections: `{ a: 1, b: [x, "y"] }`. */
class Flow {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly out: Map<object, number>,
    private readonly line: number,
  ) {}

  skipSpaces(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  value(): unknown {
    this.skipSpaces();
    const c = this.s[this.i];
    if (c === '[') return this.seq();
    if (c === '{') return this.map();
    if (c === '"' || c === "'") {
      const end = quotedEnd(this.s, this.i);
      if (end < 0) throw new Unsupported();
      const v = quoted(this.s.slice(this.i, end + 1));
      this.i = end + 1;
      return v;
    }
    const start = this.i;
    while (this.i < this.s.length && !',]}'.includes(this.s[this.i]!) && !(this.s[this.i] === ':' && this.s[this.i + 1] === ' ')) this.i++;
    const token = this.s.slice(start, this.i).trim();
    if (token === '' || /[[{]/.test(token)) throw new Unsupported();
    return plain(token);
  }

  private seq(): unknown[] {
    const seq: unknown[] = [];
    this.out.set(seq, this.line);
    this.i++;
    this.skipSpaces();
    if (this.s[this.i] === ']') {
      this.i++;
      return seq;
    }
    for (;;) {
      seq.push(this.value());
      this.skipSpaces();
      const c = this.s[this.i++];
      if (c === ']') return seq;
      if (c !== ',') throw new Unsupported();
      this.skipSpaces();
      if (this.s[this.i] === ']') throw new Unsupported(); // trailing comma: leave to the yaml package
    }
  }

  private map(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.out.set(map, this.line);
    this.i++;
    this.skipSpaces();
    if (this.s[this.i] === '}') {
      this.i++;
      return map;
    }
    for (;;) {
      this.skipSpaces();
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') throw new Unsupported();
      this.skipSpaces();
      if (this.s[this.i] !== ':') throw new Unsupported();
      this.i++;
      const k = String(key);
      if (Object.prototype.hasOwnProperty.call(map, k) || k === '__proto__') throw new Unsupported();
      map[k] = this.value();
      this.skipSpaces();
      const c = this.s[this.i++];
      if (c === '}') return map;
      if (c !== ',') throw new Unsupported();
      this.skipSpaces();
      if (this.s[this.i] === '}') throw new Unsupported();
    }
  }
}
