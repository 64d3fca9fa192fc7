// The validator's complaints (zod issues) as sentences a person can act on: where (the shard or
// list entry, by its id or name when it has one), which field, what it must be, and what it is.
// All the wording of validation messages is here; schemas only add sentences for their own rules.
import type { z } from 'zod';
import { likelyKey } from './did-you-mean.js';

type Path = (string | number)[];

export interface PlainIssue {
  /** Where the problem is, from the validated value (for its line). */
  path: Path;
  detail: string;
}

export interface IssueOptions {
  /** Where the validated value sits in its file: `['shards', 6]` for one JSON Lines shard. */
  at?: Path;
  /** The keys an object at `path` may have, for "did you mean" on an unknown one. */
  keysAt?: (path: Path) => readonly string[] | undefined;
}

/** What a field of our files must be, by its name, when it says more than its type does. */
const MUST_BE: Record<string, string> = {
  rows: 'a number ≥ 0',
  tokens: 'a number ≥ 0',
  bytes: 'a number ≥ 0',
  weight: 'a number ≥ 0',
  depth: 'a whole number ≥ 0',
  synthetic_fraction: 'a number from 0 to 1',
  id: 'text or a number',
  collected: 'a real date like 2024-05-31',
  last: 'a real date like 2024-05-31',
  expires: 'a real date like 2027-01-31',
  'contamination-cutoff': 'a real date like 2022-11-30',
  verified: 'true, false or a note such as human-review',
  tags: 'a list of text values',
  trained_on: 'a list of text values',
  metrics: 'a list of text values',
  categories: 'a mapping of category to count, like { en: 1200 }',
  generator: 'a mapping of model, depth, trained_on, verified',
};

/** zod's own wording (its messages in English), as opposed to a sentence a schema wrote. */
const ZOD_WORDING = /^(Invalid|Too (big|small)|Unrecognized)\b/;

/** The type zod expected, in words. */
const TYPE: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
};

/** Each list entry is named as one of these (a shard, a waiver), by its id or name, else its position. */
const ENTRY: Record<string, string> = {
  shards: 'shard',
  waivers: 'waiver',
  datasets: 'dataset',
  provenance: 'provenance entry',
};

/** Every issue of a failed validation as a plain sentence, e.g. `shard chats-2021q1: rows must be a number ≥ 0, got "12k"`. */
export function plainIssues(error: { issues: readonly z.core.$ZodIssue[] }, value: unknown, options: IssueOptions = {}): PlainIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const { where, field } = place(path, value, options.at ?? []);
    const say = (text: string) => ({ path, detail: where ? `${where}: ${text}` : text });
    if (issue.code === 'unrecognized_keys') {
      const known = options.keysAt?.(path) ?? [];
      return issue.keys.map((key) => {
        const likely = likelyKey(key, known);
        // At the key's own line.
        return { ...say(`${field ? `${field} has` : 'there is'} no setting "${key}"${likely ? `; did you mean "${likely}"?` : ''}`), path: [...path, key] };
      });
    }
    const got = valueAt(value, path);
    const mustBe = own(MUST_BE, lastKey(path));
    // A schema's own sentence speaks for itself ("needs an id or a path"), unless the field's rule says more.
    if ((issue.code === 'custom' || !ZOD_WORDING.test(issue.message)) && !mustBe) {
      return [say(!field ? issue.message : issue.message.startsWith('must ') ? `${field} ${issue.message}` : `${field}: ${issue.message}`)];
    }
    const what = mustBe ?? expected(issue);
    if (got === undefined) return [say(`${field || 'a value'} is missing (it must be ${what})`)];
    return [say(`${field || 'the entry'} must be ${what}, got ${shown(got)}${quoteHint(issue, got)}`)];
  });
}

/** An issue's expectation, from its kind: "a number", "≥ 0", "one of a, b". */
function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return own(TYPE, issue.expected) ?? issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'text that is not empty';
      if (issue.origin === 'array') return `a list of at least ${issue.minimum as number} item${issue.minimum === 1 ? '' : 's'}`;
      return `${issue.inclusive ? '≥' : '>'} ${issue.minimum as number}`;
    case 'too_big':
      if (issue.origin === 'string') return `at most ${issue.maximum as number} characters`;
      return `${issue.inclusive ? '≤' : '<'} ${issue.maximum as number}`;
    case 'invalid_union': {
      // Each alternative's own expectation: "true or false, or text".
      const each = issue.errors.map((alt) => (alt[0] ? expected(alt[0]) : undefined)).filter((e): e is string => e !== undefined);
      return [...new Set(each)].join(', or ') || 'another kind of value';
    }
    case 'invalid_format':
      return `in the form ${issue.format}`;
    default:
      return 'another value';
  }
}

/** YAML reads `source: 2021` as a number, and `rows: "12"` as text: the quotes decide. */
function quoteHint(issue: z.core.$ZodIssue, got: unknown): string {
  if (issue.code !== 'invalid_type') return '';
  if (issue.expected === 'string' && (typeof got === 'number' || typeof got === 'boolean')) return ' (put it in quotes to make it text)';
  if ((issue.expected === 'number' || issue.expected === 'int') && typeof got === 'string' && got.trim() !== '' && Number.isFinite(Number(got))) {
    return ' (write it without quotes)';
  }
  return '';
}

/** The entry a path is in ("shard chats-2021q1", "waiver 2") and the field inside it ("generator.depth", "tags item 3"). */
function place(path: Path, value: unknown, at: Path): { where: string; field: string } {
  const full = [...at, ...path];
  const entry = full.findIndex((p, i) => typeof p === 'number' && own(ENTRY, full[i - 1]) !== undefined);
  if (entry < 0) return { where: '', field: fieldName(full) };
  const item = entry < at.length ? value : valueAt(value, full.slice(at.length, entry + 1) as Path);
  return { where: entryName(own(ENTRY, full[entry - 1])!, item, full[entry] as number), field: fieldName(full.slice(entry + 1)) };
}

function entryName(kind: string, item: unknown, index: number): string {
  const named = item !== null && typeof item === 'object' ? ((item as { id?: unknown; name?: unknown }).id ?? (item as { name?: unknown }).name) : undefined;
  if ((typeof named === 'string' && named.trim() !== '') || typeof named === 'number') return `${kind} ${clip(String(named))}`;
  return `${kind} ${index + 1}`;
}

function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? ` item ${p + 1}` : `${i > 0 ? '.' : ''}${p}`)).join('');
}

function own(table: Record<string, string>, key: unknown): string | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

function lastKey(path: Path): string | undefined {
  const last = path.at(-1);
  return typeof last === 'string' ? last : undefined;
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** The offending value as the file writes it, short. */
export function shown(v: unknown): string {
  if (v === null) return 'nothing (a blank value)';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? JSON.stringify(clip(v)) : String(v);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** The keys of the object a zod schema expects at `path` (through defaults, lists and records), for "did you mean". */
export function schemaKeysAt(schema: z.ZodType, path: Path): string[] | undefined {
  let node = (schema as unknown as { _zod: { def: Def } })._zod.def;
  let i = 0;
  for (;;) {
    const key = path[i];
    if (node.innerType) node = node.innerType._zod.def;
    else if (node.in) node = node.in._zod.def;
    else if (i === path.length) return node.shape ? Object.keys(node.shape) : node.keyType?._zod.def.entries && Object.keys(node.keyType._zod.def.entries);
    else if (node.shape && typeof key === 'string' && Object.hasOwn(node.shape, key)) {
      node = node.shape[key]!._zod.def;
      i++;
    } else if (node.element && typeof key === 'number') {
      node = node.element._zod.def;
      i++;
    } else return undefined;
  }
}

interface Def {
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  /** A record's keys: an enum's entries. */
  keyType?: { _zod: { def: { entries?: Record<string, unknown> } } };
}
