// A JSON Lines shard read without JSON.parse: most lines of a large manifest are flat objects of
// short ASCII strings and whole numbers, and reading their bytes directly into one reused object
// costs a fraction of building a parsed object and a shard per line. Anything else (escapes,
// non-ASCII text, nested values, fractions, null, an unknown or repeated key, a value the schema
// might refuse) is not scanned: the caller parses that line as usual, which gives the exact result.
import type { Origin, Shard } from '../model.js';
import { ORIGINS } from '../model.js';
import { isDate } from './schema.js';

const KEYS = ['id', 'path', 'sha256', 'md5', 'etag', 'rows', 'tokens', 'bytes', 'origin', 'source', 'collected', 'license', 'verified'] as const;
type Key = (typeof KEYS)[number];
const KEY_CODES = KEYS.map((k) => Buffer.from(`"${k}"`, 'latin1'));
const ORIGIN_SET: ReadonlySet<string> = new Set(ORIGINS);
const NO_TAGS: string[] = [];
const EMPTY = Buffer.alloc(0);

const QUOTE = 0x22;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

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
  readonly generator = undefined;
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
  /** The last value of each string key, reused when the next is the same. */
  private readonly last: string[] = KEYS.map(() => '');

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
    s.rows = s.tokens = s.bytes = s.origin = s.source = s.collected = s.license = s.verified = undefined;
    s.line = line;
    let hashRank = 0;
    let seen = 0;
    let i = start;
    while (i < end && isSpace(b[i]!)) i++;
    if (b[i] !== 0x7b /* { */) return false;
    i++;
    for (;;) {
      while (i < end && isSpace(b[i]!)) i++;
      // The key, matched on its bytes.
      if (b[i] !== QUOTE) return false;
      let k = -1;
      for (let j = 0; j < KEY_CODES.length; j++) {
        const code = KEY_CODES[j]!;
        if (b[i + 1] !== code[1] || b[i + code.length - 1] !== QUOTE || i + code.length > end) continue;
        let m = 2;
        while (m < code.length && b[i + m] === code[m]) m++;
        if (m === code.length) {
          k = j;
          break;
        }
      }
      if (k < 0 || seen & (1 << k)) return false;
      seen |= 1 << k;
      i += KEY_CODES[k]!.length;
      while (i < end && isSpace(b[i]!)) i++;
      if (b[i] !== 0x3a /* : */) return false;
      i++;
      while (i < end && isSpace(b[i]!)) i++;
      const key: Key = KEYS[k]!;
      const c = b[i]!;
      if (c === QUOTE) {
        // Printable ASCII without escapes, not empty.
        const from = ++i;
        for (; i < end; i++) {
          const x = b[i]!;
          if (x === QUOTE) break;
          if (x < 0x20 || x > 0x7e || x === 0x5c /* \ */) return false;
        }
        if (i >= end || i === from) return false;
        const to = i++;
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
            const v = this.value(k, b, from, to);
            if (!ORIGIN_SET.has(v)) return false;
            s.origin = v as Origin;
            break;
          }
          case 'source':
            s.source = this.value(k, b, from, to);
            break;
          case 'collected':
            s.collected = this.value(k, b, from, to);
            if (!isDate(s.collected)) return false;
            break;
          case 'license':
            s.license = this.value(k, b, from, to);
            break;
          case 'verified':
            s.verified = this.value(k, b, from, to);
            break;
          default:
            return false;
        }
      } else if (c >= 0x30 && c <= 0x39) {
        // A whole number as JSON writes it: no sign, fraction, exponent or leading zero; exact.
        const from = i;
        let n = 0;
        for (; i < end; i++) {
          const x = b[i]!;
          if (x < 0x30 || x > 0x39) break;
          n = n * 10 + (x - 0x30);
        }
        const x = i < end ? b[i]! : -1;
        if (x === 0x2e || x === 0x65 || x === 0x45 || i - from > 15 || (i - from > 1 && c === 0x30)) return false;
        if (key === 'rows') s.rows = n;
        else if (key === 'tokens') s.tokens = n;
        else if (key === 'bytes') s.bytes = n;
        else if (key === 'id') [s.idFrom, s.idTo] = [from, i];
        else return false;
      } else if (key === 'verified' && c === 0x74 && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65) {
        s.verified = true;
        i += 4;
      } else if (key === 'verified' && c === 0x66 && b[i + 1] === 0x61 && b[i + 2] === 0x6c && b[i + 3] === 0x73 && b[i + 4] === 0x65) {
        s.verified = false;
        i += 5;
      } else return false;
      while (i < end && isSpace(b[i]!)) i++;
      const after = b[i++];
      if (after === 0x7d /* } */) break;
      if (after !== 0x2c /* , */) return false;
    }
    while (i < end && isSpace(b[i]!)) i++;
    if (i !== end) return false;
    if (!(seen & 1)) {
      // No id: the path is the id.
      if (s.pathFrom < 0) return false;
      [s.idFrom, s.idTo] = [s.pathFrom, s.pathTo];
    }
    return true;
  }

  /** The string of key k's value, the last one's when the bytes are the same. */
  private value(k: number, b: Buffer, from: number, to: number): string {
    const last = this.last[k]!;
    if (last.length === to - from) {
      let m = 0;
      while (m < last.length && b[from + m] === last.charCodeAt(m)) m++;
      if (m === last.length) return last;
    }
    return (this.last[k] = b.toString('latin1', from, to));
  }
}
