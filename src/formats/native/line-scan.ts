// A JSON Lines shard read without JSON.parse: most lines of a large manifest are flat objects of
// short ASCII strings and whole numbers (and perhaps a generator of a few such), and reading their
// bytes directly into one reused object costs a fraction of building a parsed object and a shard
// per line. Anything else (escapes, non-ASCII text, other nested values, fractions, null, an
// unknown or repeated key, a value the schema might refuse) is not scanned: the caller parses that
// line as usual, which gives the exact result.
import type { Generator, Origin, Shard } from '../model.js';
import { ORIGINS } from '../model.js';
import { isDate } from './schema.js';

/** A set of keys matched on their bytes. */
class Keys<K extends string> {
  readonly codes: Buffer[];
  /** The keys by the first letter of their name. */
  private readonly byLetter: number[][] = [];

  constructor(readonly names: readonly K[]) {
    this.codes = names.map((k) => Buffer.from(`"${k}"`, 'latin1'));
    names.forEach((k, j) => (this.byLetter[k.charCodeAt(0)] ??= []).push(j));
  }

  /** The index of the quoted key at b[i], or -1. */
  at(b: Buffer, i: number, end: number): number {
    for (const j of this.byLetter[b[i + 1]!] ?? NO_KEYS) {
      const code = this.codes[j]!;
      if (i + code.length > end || b[i + code.length - 1] !== QUOTE) continue;
      let m = 2;
      while (m < code.length && b[i + m] === code[m]) m++;
      if (m === code.length) return j;
    }
    return -1;
  }
}

const SHARD_KEYS = new Keys([
  'id',
  'path',
  'sha256',
  'md5',
  'etag',
  'rows',
  'tokens',
  'bytes',
  'origin',
  'source',
  'collected',
  'license',
  'verified',
  'generator',
] as const);
const GENERATOR_KEYS = new Keys(['model', 'depth', 'verified'] as const);
/** Slots of ShardLineScanner.last for the generator's strings, after the shard's. */
const MODEL_SLOT = SHARD_KEYS.names.length;
const GENERATOR_VERIFIED_SLOT = MODEL_SLOT + 1;

const ORIGIN_SET: ReadonlySet<string> = new Set(ORIGINS);
const NO_TAGS: string[] = [];
const NO_KEYS: number[] = [];
const EMPTY = Buffer.alloc(0);

const QUOTE = 0x22;
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
/** The bytes a scanned string holds: printable ASCII but the quote and the backslash. */
const STRING_BYTE = new Uint8Array(256).map((_, x) => (x >= 0x20 && x <= 0x7e && x !== QUOTE && x !== 0x5c ? 1 : 0));
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/**
 * The shard of the last line scanned, valid until the next scan. Its id, path and hash are made
 * into strings only when read; repeated values (an origin, a license, a date) reuse one string.
 */
class ScannedShard implements Shard {
  buf: Buffer = EMPTY;
  idFrom = 0;
  idTo = 0;
  pathFrom = -1;
  pathTo = -1;
  hashKind = '';
  hashFrom = 0;
  hashTo = 0;
  rows: number | undefined = undefined;
  tokens: number | undefined = undefined;
  origin: Origin | undefined = undefined;
  source: string | undefined = undefined;
  collected: string | undefined = undefined;
  license: string | undefined = undefined;
  verified: string | boolean | undefined = undefined;
  line = 0;
  readonly weight = undefined;
  readonly syntheticFraction = undefined;
  readonly tags = NO_TAGS;
  readonly categories = undefined;
  generator: Generator | undefined = undefined;
  readonly files = undefined;
  bytes: number | undefined = undefined;

  get id(): string {
    return this.buf.toString('latin1', this.idFrom, this.idTo);
  }
  get path(): string | undefined {
    return this.pathFrom < 0 ? undefined : this.buf.toString('latin1', this.pathFrom, this.pathTo);
  }
  get hash(): string | undefined {
    return this.hashKind ? `${this.hashKind}:${this.buf.toString('latin1', this.hashFrom, this.hashTo)}` : undefined;
  }
}

/** Reads flat shard lines into one reused shard. */
export class ShardLineScanner {
  private readonly s = new ScannedShard();
  /** The generator of the last line scanned, reused too. */
  private readonly g: Generator = { model: undefined, depth: undefined, trainedOn: undefined, verified: undefined };
  /** The last value of each string key, reused when the next is the same. */
  private readonly last: string[] = Array.from({ length: GENERATOR_VERIFIED_SLOT + 1 }, () => '');
  /** What the last value read (string, number) ended at or held. */
  private from = 0;
  private to = 0;
  private number = 0;

  /** The last line scanned, when scan() returned true. */
  get shard(): Shard {
    return this.s;
  }
  /** Where the last line's id is in its buffer (the id is ASCII: as many characters as bytes). */
  get idRange(): { from: number; to: number } {
    return { from: this.s.idFrom, to: this.s.idTo };
  }

  /** True when the line was read into `shard`; false when it must be parsed as usual. */
  scan(b: Buffer, start: number, end: number, line: number): boolean {
    const s = this.s;
    s.buf = b;
    s.pathFrom = -1;
    s.hashKind = '';
    s.rows = s.tokens = s.bytes = s.origin = s.source = s.collected = s.license = s.verified = s.generator = undefined;
    s.line = line;
    let hashRank = 0;
    let seen = 0;
    let i = skipSpace(b, start, end);
    if (b[i] !== OPEN) return false;
    i++;
    for (;;) {
      i = skipSpace(b, i, end);
      if (b[i] !== QUOTE) return false;
      const k = SHARD_KEYS.at(b, i, end);
      if (k < 0 || seen & (1 << k)) return false;
      seen |= 1 << k;
      i = skipSpace(b, i + SHARD_KEYS.codes[k]!.length, end);
      if (b[i] !== 0x3a /* : */) return false;
      i = skipSpace(b, i + 1, end);
      const key = SHARD_KEYS.names[k]!;
      const c = b[i]!;
      if (c === QUOTE) {
        i = this.string(b, i, end);
        if (i < 0) return false;
        const { from, to } = this;
        switch (key) {
          case 'id':
            s.idFrom = from;
            s.idTo = to;
            break;
          case 'path':
            s.pathFrom = from;
            s.pathTo = to;
            break;
          case 'sha256':
          case 'md5':
          case 'etag': {
            // As the schema reads them: sha256 before md5 before etag.
            const rank = key === 'sha256' ? 3 : key === 'md5' ? 2 : 1;
            if (rank > hashRank) [hashRank, s.hashKind, s.hashFrom, s.hashTo] = [rank, key, from, to];
            break;
          }
          case 'origin': {
            const v = this.value(k, b);
            if (!ORIGIN_SET.has(v)) return false;
            s.origin = v as Origin;
            break;
          }
          case 'source':
            s.source = this.value(k, b);
            break;
          case 'collected':
            s.collected = this.value(k, b);
            if (!isDate(s.collected)) return false;
            break;
          case 'license':
            s.license = this.value(k, b);
            break;
          case 'verified':
            s.verified = this.value(k, b);
            break;
          default:
            return false;
        }
      } else if (c >= 0x30 && c <= 0x39) {
        i = this.wholeNumber(b, i, end);
        if (i < 0) return false;
        if (key === 'rows') s.rows = this.number;
        else if (key === 'tokens') s.tokens = this.number;
        else if (key === 'bytes') s.bytes = this.number;
        else if (key === 'id') [s.idFrom, s.idTo] = [this.from, this.to];
        else return false;
      } else if (key === 'verified' && (c === 0x74 || c === 0x66)) {
        i = this.boolean(b, i, end);
        if (i < 0) return false;
        s.verified = this.number === 1;
      } else if (key === 'generator' && c === OPEN) {
        i = this.generator(b, i, end);
        if (i < 0) return false;
        s.generator = this.g;
      } else return false;
      i = skipSpace(b, i, end);
      const after = b[i++];
      if (after === CLOSE) break;
      if (after !== 0x2c /* , */) return false;
    }
    if (skipSpace(b, i, end) !== end) return false;
    if (!(seen & 1)) {
      // No id: the path is the id.
      if (s.pathFrom < 0) return false;
      [s.idFrom, s.idTo] = [s.pathFrom, s.pathTo];
    }
    return true;
  }

  /** A generator of a model, a depth and whether it was verified, at b[i] = '{': the index after it, or -1. */
  private generator(b: Buffer, i: number, end: number): number {
    const g = this.g;
    g.model = g.depth = g.verified = undefined;
    i = skipSpace(b, i + 1, end);
    if (b[i] === CLOSE) return i + 1;
    let seen = 0;
    for (;;) {
      i = skipSpace(b, i, end);
      if (b[i] !== QUOTE) return -1;
      const k = GENERATOR_KEYS.at(b, i, end);
      if (k < 0 || seen & (1 << k)) return -1;
      seen |= 1 << k;
      i = skipSpace(b, i + GENERATOR_KEYS.codes[k]!.length, end);
      if (b[i] !== 0x3a /* : */) return -1;
      i = skipSpace(b, i + 1, end);
      const key = GENERATOR_KEYS.names[k]!;
      const c = b[i]!;
      if (c === QUOTE && key !== 'depth') {
        i = this.string(b, i, end);
        if (i < 0) return -1;
        if (key === 'model') g.model = this.value(MODEL_SLOT, b);
        else g.verified = this.value(GENERATOR_VERIFIED_SLOT, b);
      } else if (c >= 0x30 && c <= 0x39 && key === 'depth') {
        i = this.wholeNumber(b, i, end);
        if (i < 0) return -1;
        g.depth = this.number;
      } else if (key === 'verified' && (c === 0x74 || c === 0x66)) {
        i = this.boolean(b, i, end);
        if (i < 0) return -1;
        g.verified = this.number === 1;
      } else return -1;
      i = skipSpace(b, i, end);
      const after = b[i++];
      if (after === CLOSE) return i;
      if (after !== 0x2c /* , */) return -1;
    }
  }

  /** A string of printable ASCII without escapes, not empty, at b[i] = '"': from and to set, the index after it, or -1. */
  private string(b: Buffer, i: number, end: number): number {
    const from = ++i;
    while (i < end && STRING_BYTE[b[i]!]) i++;
    if (i >= end || b[i] !== QUOTE || i === from) return -1;
    this.from = from;
    this.to = i;
    return i + 1;
  }

  /** A whole number as JSON writes it (no sign, fraction, exponent or leading zero; exact): `number` set, the index after it, or -1. */
  private wholeNumber(b: Buffer, i: number, end: number): number {
    const from = i;
    let n = 0;
    for (; i < end; i++) {
      const x = b[i]!;
      if (x < 0x30 || x > 0x39) break;
      n = n * 10 + (x - 0x30);
    }
    const x = i < end ? b[i]! : -1;
    if (x === 0x2e || x === 0x65 || x === 0x45 || i - from > 15 || (i - from > 1 && b[from] === 0x30)) return -1;
    this.from = from;
    this.to = i;
    this.number = n;
    return i;
  }

  /** true or false: `number` set to 1 or 0, the index after it, or -1. */
  private boolean(b: Buffer, i: number, end: number): number {
    const word = b[i] === 0x74 ? TRUE : FALSE;
    if (i + word.length > end || b.compare(word, 0, word.length, i, i + word.length) !== 0) return -1;
    this.number = word === TRUE ? 1 : 0;
    return i + word.length;
  }

  /** The string in [from, to) of the last value read, in `slot` of `last`: the last one's when the bytes are the same. */
  private value(slot: number, b: Buffer): string {
    const { from, to } = this;
    const last = this.last[slot]!;
    if (last.length === to - from) {
      let m = 0;
      while (m < last.length && b[from + m] === last.charCodeAt(m)) m++;
      if (m === last.length) return last;
    }
    return (this.last[slot] = b.toString('latin1', from, to));
  }
}

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end && isSpace(b[i]!)) i++;
  return i;
}
