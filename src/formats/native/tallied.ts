// Native JSON Lines and YAML manifests read without an object per unchanged shard. The records two
// versions share byte for byte are found as a diff tool finds equal lines (see records.ts); those
// no rule needs one by one (`plain`) are tallied (see ShardTally), the rest are kept, as changed
// records are. JSON Lines are read line by line as they arrive and never held whole: a record is
// read back from where git wrote the blob when it is needed again.
// The outcome is what reading both versions whole gives; anything unusual (an invalid entry, a
// duplicate id, a limit reached, a shape outside the plain one) gives undefined, and the caller
// reads the files whole, which also produces the exact error.
import { isUtf8 } from 'node:buffer';
import type { ManifestFile, Shard, ShardTally } from '../model.js';
import type { Limits } from '../read-manifest.js';
import { fillShard, type ProvenanceEntry } from '../fill-provenance.js';
import { addToTally, newTally, removeFromTally } from '../tally.js';
import { parseFastYaml } from '../../text/fast-yaml.js';
import { readYaml } from '../../text/read.js';
import { isRecord } from '../../text/guards.js';
import { datasetFieldsSchema, type NativeDatasetFields } from './schema.js';
import { datasetFields, headerFields, isHeader, isNativeManifestPath, nativeShard } from './index.js';
import { ShardLineScanner } from './line-scan.js';
import { tidyFields } from './keys.js';
import { BufferBytes, JsonLinesRecords, RecordIndex, yamlRecords, type BlobBytes, type RecordSet } from './records.js';

export interface TallyOptions {
  limits: Limits;
  provenance: readonly ProvenanceEntry[];
  /** True for a shard no rule needs to see one by one when it is unchanged (see rules/plain-shards.ts). */
  plain: (s: Shard) => boolean;
}

export interface Blob {
  path: string;
  bytes: Buffer;
}

/** Raised inside to give up on the tallied read; never leaves this module. */
class ReadWhole extends Error {}

/** A key that is likely mistyped is reported with its line by the whole read, which keeps every shard. */
const giveUp = (): never => {
  throw new ReadWhole();
};

/** Whether a manifest may be read tallied at all: a native JSON Lines or YAML file by its name. */
export function canReadTallied(path: string): boolean {
  return isNativeManifestPath(path) && /\.(jsonl|ya?ml)$/i.test(path);
}

const isJsonLines = (path: string) => /\.jsonl$/i.test(path);

/** Record positions are 32-bit: a larger blob is read whole. */
const MAX_POSITION = 2 ** 31 - 1;

/** A blob's bytes as they arrive. */
interface Sink {
  write(chunk: Buffer): void;
}

/** What became of a base record as it was read. */
const TALLIED = 1; // its plain shard is in the tally
const KEPT = 2; // its shard is kept
const KEPT_PLAIN = 3; // its shard is kept, plain but with categories: tallied when the head has it too

/**
 * Both versions of a changed manifest, each read as it arrives. Each base record is read as it
 * comes, while git is still writing the rest, and its shard tallied when it is plain (else kept);
 * then each head record is paired with the base record of the same bytes, which it needs no
 * reading for. The base records no head record pairs with are taken out of the tally again: what
 * is left are the plain shards both versions share, one tally for both sides. Any step may give
 * up (undefined, or `failed`): read both whole.
 */
export class PairRead {
  private readonly base: Side;
  private readonly head: Side;
  private baseLines: JsonLinesRecords | undefined;
  private headLines: JsonLinesRecords | undefined;
  private baseBytes: Buffer = Buffer.alloc(0);
  private headBytes: Buffer = Buffer.alloc(0);
  private baseStored: BlobBytes | undefined;
  private baseSize = 0;
  private index: RecordIndex | undefined;
  /** Per base record, what became of it (TALLIED, KEPT, KEPT_PLAIN). */
  private states = new Uint8Array(1024);
  /** Per base record, whether a head record has the same bytes. */
  private paired = new Uint8Array(0);
  /** The shards of base records not tallied, by record. */
  private readonly kept = new Map<number, Shard>();
  /** The ids of all base records, by record. */
  private readonly baseIds = new IdKeys();
  private readonly headShards: Shard[] = [];
  /** Ids of head records no base record has the same bytes as. */
  private readonly headOwnIds: string[] = [];
  private readonly tally = newTally();
  private headCount = 0;
  failed = false;

  private constructor(basePath: string, headPath: string, options: TallyOptions) {
    this.base = new Side(basePath, options);
    this.head = new Side(headPath, options);
    const header = (text: string) => isHeader(parseOrUndefined(text));
    if (isJsonLines(basePath)) {
      this.baseLines = new JsonLinesRecords(header, (bytes, start, end, line, i) => this.baseRecord(bytes, start, end, line, i), true);
      this.headLines = new JsonLinesRecords(header, (bytes, start, end, line) => this.headRecord(bytes, start, end, line));
    }
  }

  /** Undefined when these files cannot be read tallied: read both whole. */
  static start(basePath: string, headPath: string, options: TallyOptions): PairRead | undefined {
    if (!canReadTallied(basePath) || !canReadTallied(headPath) || isJsonLines(basePath) !== isJsonLines(headPath)) return undefined;
    // Provenance from the policy is filled in by path: a record both share reads the same on both sides only at one path.
    if (basePath !== headPath && options.provenance.length > 0) return undefined;
    return new PairRead(basePath, headPath, options);
  }

  /**
   * Where the base's `size` bytes go. JSON Lines records are read as they arrive and kept by
   * position, their bytes read back from `stored` when a head record is compared with them (chunks
   * are only lent); YAML is copied whole.
   */
  baseSink(size: number, stored: BlobBytes): Sink {
    if (size > MAX_POSITION) this.failed = true; // positions are 32-bit
    this.baseStored = stored;
    this.baseSize = size;
    if (this.baseLines) return { write: (chunk) => this.run(() => this.baseLines!.write(chunk)) };
    return this.copySink(size, (bytes) => (this.baseBytes = bytes));
  }

  /** Where the head's `size` bytes go: JSON Lines read as they arrive, YAML copied whole. */
  headSink(size: number): Sink {
    if (this.headLines) return { write: (chunk) => this.run(() => this.headLines!.write(chunk)) };
    return this.copySink(size, (bytes) => (this.headBytes = bytes));
  }

  private copySink(size: number, keep: (bytes: Buffer) => void): Sink {
    if (this.failed) return { write: () => undefined };
    const bytes = Buffer.allocUnsafe(size);
    keep(bytes);
    let filled = 0;
    return { write: (chunk) => void (filled += chunk.copy(bytes, filled)) };
  }

  /** After the base's last chunk: its records indexed, ready for the head's. */
  endBase(): void {
    this.run(() => {
      let records: RecordSet;
      if (this.baseLines) records = this.baseLines.end(this.baseStored!);
      else {
        const bytes = this.baseBytes;
        this.baseBytes = Buffer.alloc(0);
        records = yamlRecordsOf(bytes); // positions in `bytes`
        this.reserve(records.count);
        for (let i = 0; i < records.count; i++) this.baseRecord(bytes, records.starts[i]!, records.ends[i]!, records.lines[i]!, i);
      }
      this.base.setRecords(records);
      this.index = new RecordIndex(records);
      this.paired = new Uint8Array(records.count);
    });
  }

  /** After the head's last chunk: both versions, or undefined to read both whole. */
  end(): { base: ManifestFile; head: ManifestFile } | undefined {
    this.run(() => {
      if (this.headLines) this.head.setFrame(this.headLines.end().frame);
      else {
        const bytes = this.headBytes;
        this.headBytes = Buffer.alloc(0);
        const records = yamlRecordsOf(bytes); // positions in `bytes`
        this.head.setFrame(records.frame);
        for (let j = 0; j < records.count; j++) this.headRecord(bytes, records.starts[j]!, records.ends[j]!, records.lines[j]!);
      }
    });
    if (this.failed) return undefined;
    return attempt(() => {
      if (this.headCount === 0 && Object.keys(this.head.fields).length === 0) throw new ReadWhole(); // "the manifest is empty"
      const b = this.base.records!;
      const baseShards: Shard[] = [];
      for (let i = 0; i < b.count; i++) {
        const state = this.states[i]!;
        if (state !== TALLIED) {
          const s = this.kept.get(i)!;
          if (!this.paired[i] || state === KEPT) baseShards.push(s);
          else addToTally(this.tally, s);
        } else if (!this.paired[i]) {
          // Tallied as it was read, but the head does not have it: the base's own shard.
          const s = this.base.shard(b.load(i), b.loadedStart, b.loadedEnd, b.lines[i]!, undefined);
          removeFromTally(this.tally, s);
          baseShards.push(s);
        }
      }
      // Ids are unique on each side: an id of the head's own records must not be one both share.
      const headOwn = new Set(this.headOwnIds.map(keyOf));
      for (let i = 0; i < b.count && headOwn.size > 0; i++) if (this.paired[i] && headOwn.has(this.baseIds.key(i))) throw new ReadWhole();
      if (this.baseIds.repeats() || this.head.ids.repeats()) throw new ReadWhole();
      const tally = this.tally.count > 0 ? this.tally : undefined;
      return { base: this.base.file(baseShards, tally), head: this.head.file(this.headShards, tally) };
    });
  }

  private run(step: () => unknown): void {
    if (!this.failed) this.failed = attempt(() => (step(), true)) === undefined;
  }

  /** Room for `count` base records, made at once: growing step by step copies a large manifest's tables many times. */
  private reserve(count: number): void {
    const expected = Math.min(count, this.base.maxShards);
    this.baseIds.reserve(expected);
    this.baseLines?.records.reserve(expected);
    if (expected > this.states.length) {
      const more = new Uint8Array(expected);
      more.set(this.states);
      this.states = more;
    }
  }

  /** Base record i, as it arrives: its shard tallied when plain, else kept. */
  private baseRecord(bytes: Buffer, start: number, end: number, line: number, i: number): void {
    if (i >= this.base.maxShards) throw new ReadWhole();
    // How many records the blob holds, judged by the first ones (JSON Lines arrive one by one).
    if (i === 255 && this.baseLines) this.reserve(Math.ceil((this.baseSize / this.baseLines.records.ends[i]!) * 256 * 1.1));
    if (i >= this.states.length) this.reserve(this.states.length * 2);
    if (this.base.tallyScanned(bytes, start, end, line, this.baseIds, this.tally)) {
      this.states[i] = TALLIED;
      return;
    }
    const s = this.base.shard(bytes, start, end, line, this.baseIds);
    const plain = this.base.plain(s);
    // A tallied shard may be taken out again: only sums without categories are (see removeFromTally).
    if (plain && !s.categories) {
      addToTally(this.tally, s);
      this.states[i] = TALLIED;
    } else {
      this.kept.set(i, s);
      this.states[i] = plain ? KEPT_PLAIN : KEPT;
    }
  }

  private headRecord(bytes: Buffer, start: number, end: number, line: number): void {
    if (++this.headCount > this.head.maxShards) throw new ReadWhole();
    const i = this.index!.take(bytes, start, end);
    if (i < 0) {
      const s = this.head.shard(bytes, start, end, line);
      this.headOwnIds.push(s.id);
      this.headShards.push(s);
      return;
    }
    this.paired[i] = 1;
    // The same bytes as base record i: the same shard, at the head's line.
    if (this.states[i] === KEPT) this.headShards.push({ ...this.kept.get(i)!, line });
  }
}

/** A manifest the change does not touch: every plain shard tallied. Undefined: read it whole. */
export function readNativeTallied(blob: Blob, options: TallyOptions): ManifestFile | undefined {
  if (!canReadTallied(blob.path)) return undefined;
  return attempt(() => {
    const side = new Side(blob.path, options);
    let records: RecordSet;
    if (isJsonLines(blob.path)) {
      const lines = new JsonLinesRecords((text) => isHeader(parseOrUndefined(text)));
      lines.write(blob.bytes);
      records = lines.end(new BufferBytes(blob.bytes));
    } else records = yamlRecordsOf(blob.bytes);
    side.setRecords(records);
    if (records.count === 0 && Object.keys(side.fields).length === 0) throw new ReadWhole();
    const tally = newTally();
    const shards: Shard[] = [];
    // Positions in the records are positions in blob.bytes.
    for (let i = 0; i < records.count; i++) {
      if (side.tallyScanned(blob.bytes, records.starts[i]!, records.ends[i]!, records.lines[i]!, side.ids, tally)) continue;
      const s = side.shard(blob.bytes, records.starts[i]!, records.ends[i]!, records.lines[i]!);
      if (options.plain(s)) addToTally(tally, s);
      else shards.push(s);
    }
    if (side.ids.repeats()) throw new ReadWhole();
    return side.file(shards, tally.count > 0 ? tally : undefined);
  });
}

/** A YAML blob's records, when it is plain text of the plain shape. */
function yamlRecordsOf(bytes: Buffer): RecordSet {
  const records = isPlainText(bytes) ? yamlRecords(bytes) : undefined;
  if (!records) throw new ReadWhole();
  return records;
}

/** One version of a manifest: its own fields, and its records read as shards. */
class Side {
  fields: NativeDatasetFields = {};
  records: RecordSet | undefined;
  /** Ids of the records of this side only. */
  readonly ids = new IdKeys();

  private readonly jsonLines: boolean;
  private readonly scanner: ShardLineScanner | undefined;

  constructor(
    private readonly path: string,
    private readonly options: TallyOptions,
  ) {
    this.jsonLines = isJsonLines(path);
    // Provenance filled from the policy needs the whole shard: such records are parsed.
    if (this.jsonLines && options.provenance.length === 0) this.scanner = new ShardLineScanner();
  }

  get maxShards(): number {
    return this.options.limits['max-shards'];
  }

  plain(s: Shard): boolean {
    return this.options.plain(s);
  }

  setRecords(records: RecordSet): void {
    if (records.count > this.maxShards) throw new ReadWhole();
    this.records = records;
    this.setFrame(records.frame);
  }

  /** The manifest's own fields, from the leading JSON Lines header lines or the YAML document without its shards. */
  setFrame(frame: RecordSet['frame']): void {
    if (this.jsonLines) {
      // As in the whole read, the last of the leading header lines gives the fields.
      for (const { text, line } of frame) this.fields = headerFields(JSON.parse(text) as { dataset: unknown }, this.path, line, giveUp);
      return;
    }
    const value = readYaml(this.path, frame[0]!.text).value;
    tidyFields(value, giveUp);
    const parsed = datasetFieldsSchema.safeParse(value);
    if (!isRecord(value) || !parsed.success) throw new ReadWhole();
    this.fields = parsed.data;
  }

  /**
   * A JSON Lines record tallied without parsing it, when the scanner reads it and it is plain; its
   * id added to `ids`, which are checked for repeats at the end. False: read it with shard().
   */
  tallyScanned(bytes: Buffer, start: number, end: number, line: number, ids: IdKeys, tally: ShardTally): boolean {
    if (!this.scanner || !this.scanner.scan(bytes, start, end, line) || !this.options.plain(this.scanner.shard)) return false;
    const { from, to } = this.scanner.idRange;
    if (to - from > this.options.limits['max-id-length']) throw new ReadWhole();
    ids.addAscii(bytes, from, to);
    addToTally(tally, this.scanner.shard);
    return true;
  }

  /** A record as a shard, with the policy's provenance filled in; its id added to `ids` (undefined: added already). */
  shard(bytes: Buffer, start: number, end: number, line: number, ids: IdKeys | undefined = this.ids): Shard {
    const text = bytes.toString('utf8', start, end);
    // Bytes that are not UTF-8 decode to U+FFFD (never in ASCII text, which decodes to as many characters as bytes): the whole read reports them.
    if (text.length !== end - start && text.includes('\uFFFD')) throw new ReadWhole();
    let shard: Shard;
    if (this.jsonLines) shard = nativeShard(JSON.parse(text), this.path, line, { onMisspelling: giveUp });
    else {
      const yaml = parseFastYaml(text);
      const item = Array.isArray(yaml?.value) && yaml.value.length === 1 ? (yaml.value[0] as unknown) : undefined;
      const at = isRecord(item) ? yaml!.lines.get(item) : undefined;
      if (at === undefined) throw new ReadWhole();
      shard = nativeShard(item, this.path, line + at - 1, { onMisspelling: giveUp });
    }
    if (shard.id.length > this.options.limits['max-id-length']) throw new ReadWhole();
    ids?.add(shard.id);
    return this.options.provenance.length > 0 ? fillShard(shard, this.path, this.options.provenance) : shard;
  }

  file(shards: Shard[], tally: ShardTally | undefined): ManifestFile {
    return { path: this.path, format: 'native', dataset: { ...datasetFields(this.fields), shards, ...(tally ? { tally } : {}) } };
  }
}

/**
 * Any error while reading means: read the file whole, which reports it exactly (an invalid entry, a
 * document nested too deep for the stack) or reads it where this reader cannot.
 */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Text the whole read takes as it is: valid UTF-8 without a byte order mark, carriage returns, NUL
 * bytes or a Git LFS pointer. Anything else is read whole, which normalises it or reports it.
 */
function isPlainText(bytes: Buffer): boolean {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  if (bytes.indexOf(13) >= 0 || bytes.indexOf(0) >= 0) return false;
  if (bytes.subarray(0, 40).toString('latin1').startsWith('version https://git-lfs.github.com/spec/')) return false;
  return isUtf8(bytes);
}

/**
 * Shard ids as 64-bit keys (two 32-bit hashes), one per record in the order they are added,
 * checked for repeats once all are in: a million ids without a million strings, and one sort
 * rather than a table. Two ids with one key (a chance in ten million for a million shards) only
 * make the file read whole.
 */
class IdKeys {
  /** Each key as two words: its high and its low hash. */
  private words = new Uint32Array(2048);
  count = 0;

  /** Room for `expected` keys in all, made at once rather than by growing step by step. */
  reserve(expected: number): void {
    if (expected * 2 <= this.words.length) return;
    const more = new Uint32Array(expected * 2);
    more.set(this.words.subarray(0, this.count * 2));
    this.words = more;
  }

  add(id: string): void {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    this.push(a ^ (a >>> 16), b);
  }

  /** add() of an ASCII id written in bytes[from, to): the same key, without making the string. */
  addAscii(bytes: Buffer, from: number, to: number): void {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = from; i < to; i++) {
      const c = bytes[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    this.push(a ^ (a >>> 16), b);
  }

  /** The i-th key added, cut to 52 bits to be a number: equal keys give equal numbers (and a few unequal ones). */
  key(i: number): number {
    return this.words[2 * i]! * 2 ** 20 + (this.words[2 * i + 1]! >>> 12);
  }

  /** Whether two of the ids share a key. Sorts them: key(i) is no longer the i-th id's after this. */
  repeats(): boolean {
    const { words, count } = this;
    // Sorted as 64-bit numbers (natively); equal keys end up side by side, whatever the byte order.
    new BigUint64Array(words.buffer, words.byteOffset, count).sort();
    for (let i = 2; i < 2 * count; i += 2) if (words[i] === words[i - 2] && words[i + 1] === words[i - 1]) return true;
    return false;
  }

  private push(high: number, low: number): void {
    if (this.count * 2 === this.words.length) this.reserve(this.count * 2);
    this.words[2 * this.count] = high;
    this.words[2 * this.count + 1] = low;
    this.count++;
  }
}

/** An id's key as IdKeys.key() gives it. */
function keyOf(id: string): number {
  ONE_KEY.count = 0;
  ONE_KEY.add(id);
  return ONE_KEY.key(0);
}
const ONE_KEY = new IdKeys();
