// Native JSON Lines and YAML manifests read without an object per unchanged shard. The records two
// versions share byte for byte are found as a diff tool finds equal lines (see records.ts) and read
// once; those no rule needs one by one (`plain`) are tallied (see ShardTally), the rest are kept, as
// changed records are. JSON Lines are read line by line as they arrive, never copied whole.
// The outcome is what reading both versions whole gives; anything unusual (an invalid entry, a
// duplicate id, a limit reached, a shape outside the plain one) gives undefined, and the caller
// reads the files whole, which also produces the exact error.
import { isUtf8 } from 'node:buffer';
import type { ManifestFile, Shard, ShardTally } from '../model.js';
import type { Limits } from '../read-manifest.js';
import { fillShard, type ProvenanceEntry } from '../fill-provenance.js';
import { addToTally, newTally } from '../tally.js';
import { parseFastYaml } from '../../text/fast-yaml.js';
import { readYaml } from '../../text/read.js';
import { isRecord } from '../../text/guards.js';
import { datasetFieldsSchema, type NativeDatasetFields } from './schema.js';
import { datasetFields, headerFields, isHeader, isNativeManifestPath, nativeShard } from './index.js';
import { ShardLineScanner } from './line-scan.js';
import { tidyFields } from './keys.js';
import { JsonLinesRecords, RecordIndex, yamlRecords, type RecordSet } from './records.js';

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

/** A blob's bytes as they arrive. */
interface Sink {
  write(chunk: Buffer): void;
}

/**
 * Both versions of a changed manifest, each written as it arrives: the base's records are indexed
 * (JSON Lines kept in the chunks they came in), then each head record is paired with the base
 * record of the same bytes as it arrives. Their unchanged plain shards become one tally, shared by
 * both sides. Any step may give up (undefined, or `failed`): read both whole.
 */
export class PairRead {
  private readonly base: Side;
  private readonly head: Side;
  private baseLines: JsonLinesRecords | undefined;
  private headLines: JsonLinesRecords | undefined;
  private baseBytes: Buffer[] = [];
  private headBytes: Buffer[] = [];
  private index: RecordIndex | undefined;
  /** Per base record, whether a head record has the same bytes. */
  private paired = new Uint8Array(0);
  /** Kept shards read from records both versions share, by base record. */
  private readonly shared = new Map<number, Shard>();
  private sharedIds = new IdSet();
  private readonly headShards: Shard[] = [];
  private readonly tally = newTally();
  private headCount = 0;
  failed = false;

  private constructor(basePath: string, headPath: string, options: TallyOptions) {
    this.base = new Side(basePath, options);
    this.head = new Side(headPath, options);
    const header = (text: string) => isHeader(parseOrUndefined(text));
    if (isJsonLines(basePath)) {
      this.baseLines = new JsonLinesRecords(header);
      this.headLines = new JsonLinesRecords(header, (bytes, start, end, line) => this.headRecord(bytes, start, end, line));
    }
  }

  /** Undefined when these files cannot be read tallied: read both whole. */
  static start(basePath: string, headPath: string, options: TallyOptions): PairRead | undefined {
    if (!canReadTallied(basePath) || !canReadTallied(headPath) || isJsonLines(basePath) !== isJsonLines(headPath)) return undefined;
    return new PairRead(basePath, headPath, options);
  }

  readonly baseSink: Sink = { write: (chunk) => this.run(() => (this.baseLines ? this.baseLines.write(chunk) : this.baseBytes.push(chunk))) };
  readonly headSink: Sink = { write: (chunk) => this.run(() => (this.headLines ? this.headLines.write(chunk) : this.headBytes.push(chunk))) };

  /** After the base's last chunk: its records indexed, ready for the head's. */
  endBase(): void {
    this.run(() => {
      const records = this.baseLines ? this.baseLines.end() : yamlRecordsOf(Buffer.concat(this.baseBytes));
      this.baseBytes = [];
      this.base.setRecords(records);
      this.index = new RecordIndex(records);
      this.paired = new Uint8Array(records.count);
      this.sharedIds = new IdSet(records.count);
    });
  }

  /** After the head's last chunk: both versions, or undefined to read both whole. */
  end(): { base: ManifestFile; head: ManifestFile } | undefined {
    this.run(() => {
      if (this.headLines) this.head.setFrame(this.headLines.end().frame);
      else {
        const records = yamlRecordsOf(Buffer.concat(this.headBytes));
        this.headBytes = [];
        this.head.setFrame(records.frame);
        for (let j = 0; j < records.count; j++) this.headRecord(records.bytes(j), records.starts[j]!, records.ends[j]!, records.lines[j]!);
      }
    });
    if (this.failed) return undefined;
    return attempt(() => {
      if (this.headCount === 0 && Object.keys(this.head.fields).length === 0) throw new ReadWhole(); // "the manifest is empty"
      const b = this.base.records!;
      const baseShards: Shard[] = [];
      for (let i = 0; i < b.count; i++) {
        if (!this.paired[i]) baseShards.push(this.base.shard(b.bytes(i), b.starts[i]!, b.ends[i]!, b.lines[i]!));
        else if (this.shared.has(i)) baseShards.push({ ...this.shared.get(i)!, line: b.lines[i]! });
      }
      // Ids are unique on each side: an id of one side's own records must not be one both share.
      if (this.base.ids.overlaps(this.sharedIds) || this.head.ids.overlaps(this.sharedIds)) throw new ReadWhole();
      const tally = this.tally.count > 0 ? this.tally : undefined;
      return { base: this.base.file(baseShards, tally), head: this.head.file(this.headShards, tally) };
    });
  }

  private run(step: () => unknown): void {
    if (!this.failed) this.failed = attempt(() => (step(), true)) === undefined;
  }

  private headRecord(bytes: Buffer, start: number, end: number, line: number): void {
    if (++this.headCount > this.head.maxShards) throw new ReadWhole();
    const i = this.index!.take(bytes, start, end);
    if (i < 0) {
      this.headShards.push(this.head.shard(bytes, start, end, line));
      return;
    }
    this.paired[i] = 1;
    if (this.head.tallyScanned(bytes, start, end, line, this.sharedIds, this.tally)) return;
    const s = this.head.shard(bytes, start, end, line, this.sharedIds);
    if (this.head.plain(s)) addToTally(this.tally, s);
    else {
      this.headShards.push(s);
      this.shared.set(i, s);
    }
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
      records = lines.end();
    } else records = yamlRecordsOf(blob.bytes);
    side.setRecords(records);
    if (records.count === 0 && Object.keys(side.fields).length === 0) throw new ReadWhole();
    const tally = newTally();
    const shards: Shard[] = [];
    for (let i = 0; i < records.count; i++) {
      if (side.tallyScanned(records.bytes(i), records.starts[i]!, records.ends[i]!, records.lines[i]!, side.ids, tally)) continue;
      const s = side.shard(records.bytes(i), records.starts[i]!, records.ends[i]!, records.lines[i]!);
      if (options.plain(s)) addToTally(tally, s);
      else shards.push(s);
    }
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
  readonly ids = new IdSet();

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
   * id checked against `ids`. False: read it with shard().
   */
  tallyScanned(bytes: Buffer, start: number, end: number, line: number, ids: IdSet, tally: ShardTally): boolean {
    if (!this.scanner || !this.scanner.scan(bytes, start, end, line) || !this.options.plain(this.scanner.shard)) return false;
    const { from, to } = this.scanner.idRange;
    if (to - from > this.options.limits['max-id-length'] || !ids.addAscii(bytes, from, to)) throw new ReadWhole();
    addToTally(tally, this.scanner.shard);
    return true;
  }

  /** A record as a shard, with the policy's provenance filled in; its id checked against `ids`. */
  shard(bytes: Buffer, start: number, end: number, line: number, ids: IdSet = this.ids): Shard {
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
    if (shard.id.length > this.options.limits['max-id-length'] || !ids.add(shard.id)) throw new ReadWhole();
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
 * Shard ids as 64-bit keys (two 32-bit hashes) in an open-addressing table: a million ids without a
 * million strings. Two ids with one key (a chance in billions) only make the file read whole.
 */
class IdSet {
  private high: Int32Array;
  private low: Int32Array;
  private used: Uint8Array;
  private size = 0;

  /** Room for `expected` ids without growing. */
  constructor(expected = 1024) {
    let slots = 1 << 12;
    while (slots < expected * 2) slots *= 2;
    this.high = new Int32Array(slots);
    this.low = new Int32Array(slots);
    this.used = new Uint8Array(slots);
  }

  /** False when the id (or its key) is there already. */
  add(id: string): boolean {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    return this.insert(a ^ (a >>> 16), b);
  }

  /** add() of an ASCII id written in bytes[from, to): the same key, without making the string. */
  addAscii(bytes: Buffer, from: number, to: number): boolean {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let i = from; i < to; i++) {
      const c = bytes[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    return this.insert(a ^ (a >>> 16), b);
  }

  overlaps(other: IdSet): boolean {
    for (let slot = 0; slot < this.used.length; slot++) if (this.used[slot] && other.find(this.high[slot]!, this.low[slot]!) >= 0) return true;
    return false;
  }

  private find(high: number, low: number): number {
    const mask = this.used.length - 1;
    for (let slot = high & mask; this.used[slot]; slot = (slot + 1) & mask) if (this.high[slot] === high && this.low[slot] === low) return slot;
    return -1;
  }

  private insert(high: number, low: number): boolean {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    let slot = high & mask;
    for (; this.used[slot]; slot = (slot + 1) & mask) if (this.high[slot] === high && this.low[slot] === low) return false;
    this.high[slot] = high;
    this.low[slot] = low;
    this.used[slot] = 1;
    this.size++;
    return true;
  }

  private grow(): void {
    const [high, low, used] = [this.high, this.low, this.used];
    this.high = new Int32Array(used.length * 4);
    this.low = new Int32Array(used.length * 4);
    this.used = new Uint8Array(used.length * 4);
    this.size = 0;
    for (let slot = 0; slot < used.length; slot++) if (used[slot]) this.insert(high[slot]!, low[slot]!);
  }
}
