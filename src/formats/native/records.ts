// A native manifest as a frame (its own fields) and records (one per shard): the lines of a JSON
// Lines file, or the items of a YAML `shards:` list. Records are byte ranges of the blob, read
// wherever the blob is kept (a buffer, or a file read back a window at a time), so that the records
// two versions share can be found as a diff tool finds equal lines, without reading them and
// without holding the blob in memory. Anything outside the plain shapes gives undefined, and the
// caller reads the file whole.

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;

/** A blob's bytes by position, wherever they are kept. */
export interface BlobBytes {
  /**
   * A buffer holding the blob's bytes [from, to) at [from - shift, to - shift), `shift` as it is
   * after this call; valid until the next load.
   */
  load(from: number, to: number): Buffer;
  readonly shift: number;
  /** Keeps every byte at hand from now on: the loads that follow jump around. */
  hold(): void;
}

/** A blob held whole in a buffer. */
export class BufferBytes implements BlobBytes {
  readonly shift = 0;
  constructor(private readonly bytes: Buffer) {}
  load(): Buffer {
    return this.bytes;
  }
  hold(): void {}
}

const NO_BYTES = new BufferBytes(Buffer.alloc(0));

/** The byte ranges of a blob's records (positions in the blob), each with the 1-based line it starts at. */
export class RecordSet {
  count = 0;
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  lines = new Int32Array(1024);
  /** Where the records' bytes are. */
  source: BlobBytes = NO_BYTES;
  /** Leading JSON Lines header lines, or the YAML document without its shards. */
  readonly frame: { text: string; line: number }[] = [];

  add(start: number, end: number, line: number): void {
    if (this.count === this.starts.length) this.grow();
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.lines[i] = line;
  }

  /** Where the last record loaded is in the buffer load() gave. */
  loadedStart = 0;
  loadedEnd = 0;

  /** A buffer holding record i, at [loadedStart, loadedEnd); valid until the next load. */
  load(i: number): Buffer {
    const held = this.source.load(this.starts[i]!, this.ends[i]!);
    this.loadedStart = this.starts[i]! - this.source.shift;
    this.loadedEnd = this.ends[i]! - this.source.shift;
    return held;
  }

  /** Room for `count` records in all. */
  reserve(count: number): void {
    if (count <= this.starts.length) return;
    const more = <T extends Int32Array>(a: T) => {
      const b = new Int32Array(count);
      b.set(a);
      return b;
    };
    this.starts = more(this.starts);
    this.ends = more(this.ends);
    this.lines = more(this.lines);
  }

  private grow(): void {
    this.reserve(this.starts.length * 2);
  }
}

/** True when the range holds only spaces and tabs (and the vertical tab and form feed JSON Lines readers trim). */
export function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c !== SPACE && c !== TAB && c !== 11 && c !== 12) return false;
  }
  return true;
}

/**
 * The lines of a blob that arrives in chunks, each handed on with its 1-based number and its
 * position in the blob as soon as it is complete. Chunks are only lent: a line split over two is
 * copied, nothing else is. Every line is handed on, the last one too (empty after a final newline).
 */
export class LineSplitter {
  private carry: Buffer[] = [];
  private line = 0;
  /** The position in the blob of the next chunk's first byte. */
  private offset = 0;

  constructor(private readonly onLine: (bytes: Buffer, start: number, end: number, line: number, position: number) => void) {}

  write(chunk: Buffer): void {
    let start = 0;
    let nl = chunk.indexOf(NEWLINE);
    if (this.carry.length > 0 && nl >= 0) {
      const joined = Buffer.concat([...this.carry, chunk.subarray(0, nl)]);
      this.carry = [];
      this.onLine(joined, 0, joined.length, ++this.line, this.offset + nl - joined.length);
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    for (; nl >= 0; start = nl + 1, nl = chunk.indexOf(NEWLINE, start)) this.onLine(chunk, start, nl, ++this.line, this.offset + start);
    if (start < chunk.length) this.carry.push(Buffer.from(chunk.subarray(start)));
    this.offset += chunk.length;
  }

  end(): void {
    const last = Buffer.concat(this.carry);
    this.carry = [];
    this.onLine(last, 0, last.length, ++this.line, this.offset - last.length);
  }
}

/**
 * JSON Lines as they arrive: every non-blank line is a record, except the leading lines
 * `isHeader` accepts (the manifest's own fields), which form the frame. Records are kept by
 * position (their bytes are where the blob is kept), or handed to `onRecord` as they come.
 */
export class JsonLinesRecords {
  readonly records = new RecordSet();
  private readonly lines: LineSplitter;

  /** `onRecord` gets each record as it comes (with its index when `keep`: kept by position too). */
  constructor(
    isHeader: (text: string) => boolean,
    onRecord?: (bytes: Buffer, start: number, end: number, line: number, index: number) => void,
    keep = onRecord === undefined,
  ) {
    const records = this.records;
    let first = true;
    this.lines = new LineSplitter((bytes, start, end, line, position) => {
      if (isBlank(bytes, start, end)) return;
      if (first) {
        const text = bytes.toString('utf8', start, end);
        if (isHeader(text)) {
          records.frame.push({ text, line });
          return;
        }
        first = false;
      }
      if (keep) records.add(position, position + end - start, line);
      onRecord?.(bytes, start, end, line, records.count - 1);
    });
  }

  write(chunk: Buffer): void {
    this.lines.write(chunk);
  }

  /** The records, their bytes in `source`. */
  end(source: BlobBytes = NO_BYTES): RecordSet {
    this.lines.end();
    this.records.source = source;
    return this.records;
  }
}

/** Indentation of a line, or -1 for a blank or comment-only line (and -2 for a tab in the indentation). */
function indentOf(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && bytes[i] === SPACE) i++;
  if (i === end) return -1;
  if (bytes[i] === TAB) return -2;
  return bytes[i] === HASH ? -1 : i - start;
}

const SHARDS_KEY = /^shards:[ \t]*(#.*)?$/;

/**
 * YAML, given whole: the items of the top-level `shards:` block sequence are the records; the rest
 * of the document, with `shards:` left empty, is the frame. Undefined for any other shape (a flow
 * list, a second `shards` key, tabs, a less indented line inside the list): those are read whole.
 */
export function yamlRecords(bytes: Buffer): RecordSet | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let start = 0; ;) {
    const nl = bytes.indexOf(NEWLINE, start);
    starts.push(start);
    ends.push(nl < 0 ? bytes.length : nl);
    if (nl < 0) break;
    start = nl + 1;
  }
  const lineCount = starts.length;
  let key = -1;
  for (let k = 0; k < lineCount; k++) {
    if (bytes[starts[k]!] !== 0x73 /* s */ || !SHARDS_KEY.test(bytes.toString('utf8', starts[k]!, ends[k]!))) continue;
    if (key >= 0) return undefined;
    key = k;
  }
  if (key < 0) return undefined;
  // The first item sets the sequence's indentation.
  let k = key + 1;
  while (k < lineCount && indentOf(bytes, starts[k]!, ends[k]!) === -1) k++;
  if (k === lineCount) return undefined;
  const itemIndent = indentOf(bytes, starts[k]!, ends[k]!);
  const isItem = (line: number) => {
    const at = starts[line]! + itemIndent;
    return bytes[at] === DASH && (at + 1 === ends[line]! || bytes[at + 1] === SPACE);
  };
  if (itemIndent < 0 || !isItem(k)) return undefined;
  const items: { start: number; line: number }[] = [];
  const itemEnds: number[] = [];
  let last = k; // the last line of the sequence
  for (; k < lineCount; k++) {
    const indent = indentOf(bytes, starts[k]!, ends[k]!);
    if (indent === -2) return undefined;
    if (indent === -1) continue;
    // The sequence ends at a top-level key; anything else less indented is not the plain shape.
    if (indent < itemIndent && indent !== 0) return undefined;
    if (indent < itemIndent || (indent === itemIndent && !isItem(k))) break;
    if (indent === itemIndent) {
      if (items.length > 0) itemEnds.push(ends[last]!);
      items.push({ start: starts[k]!, line: k + 1 });
    }
    last = k;
  }
  itemEnds.push(ends[last]!);
  const records = new RecordSet();
  records.source = new BufferBytes(bytes);
  items.forEach((item, i) => records.add(item.start, itemEnds[i]!, item.line));
  const before = bytes.toString('utf8', 0, ends[key]!);
  const after = last + 1 < lineCount ? bytes.toString('utf8', starts[last + 1]!, bytes.length) : '';
  // Line numbers of the frame's own fields only matter in error messages, which the whole read gives.
  records.frame.push({ text: `${before}\n${after}`, line: 1 });
  return records;
}

/** A hash of a record's bytes: equal records hash equal; different ones rarely do. */
function hashRecord(bytes: Buffer, view: DataView, start: number, end: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ view.getInt32(i, true), 0x5bd1e995);
    h ^= h >>> 13;
  }
  for (; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h ^ (h >>> 15)) | 0;
}

let lastBytes: Buffer | undefined;
let lastView: DataView | undefined;
function viewOf(bytes: Buffer): DataView {
  if (bytes !== lastBytes) [lastBytes, lastView] = [bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
  return lastView!;
}

/** How far past the expected base record a head record is looked for (base records removed before it). */
const LOOKAHEAD = 8;
/** After this many head records in a row paired with nothing, the base is searched further ahead (and again at twice as many, …). */
const FIRST_SEARCH = 32;
/** How many base records such a search looks through. */
const SEARCH_RECORDS = 1 << 17;
/** After this many records found by hash, the base is held whole rather than read back a window per record. */
const HOLD_AFTER_JUMPS = 64;

/**
 * The base records by their bytes, to pair head records with base records of the same bytes, as a
 * diff tool pairs equal lines. Most records of a changed file are where they were: each head record
 * is compared with the base record after the last one paired, and a few past it. After a run of
 * head records that pair with nothing (a block of records edited or removed), a head record is
 * looked for further ahead, to take up the pairing after the block. Records that moved are found
 * by hash, once misses are frequent enough to be worth hashing every base record (a long block of
 * new records looks so too, but finds nothing by hash, and so reads nothing more of the base). A
 * record left unpaired is only read as changed, and its shard then matched by id: pairing saves
 * work, it never decides a result.
 */
export class RecordIndex {
  private readonly taken: Uint8Array;
  private next = 0;
  private seen = 0;
  private misses = 0;
  /** Head records in a row paired with nothing, and at how many the next search ahead is. */
  private run = 0;
  private searchAt = FIRST_SEARCH;
  private table: { mask: number; slots: Int32Array; hashes: Int32Array } | undefined;
  /** Base records compared with a head record found by hash. */
  private jumps = 0;

  constructor(private readonly base: RecordSet) {
    this.taken = new Uint8Array(base.count);
  }

  /** The index of a base record not paired yet whose bytes are these, now paired; -1 when there is none. */
  take(bytes: Buffer, start: number, end: number): number {
    const { base, taken } = this;
    this.seen++;
    for (let i = this.next, stop = Math.min(base.count, this.next + LOOKAHEAD); i < stop; i++) {
      if (!taken[i] && this.same(i, bytes, start, end)) return this.pair(i);
    }
    if (++this.run === this.searchAt) {
      this.searchAt *= 2;
      for (let i = this.next + LOOKAHEAD, stop = Math.min(base.count, this.next + SEARCH_RECORDS); i < stop; i++) {
        if (!taken[i] && this.same(i, bytes, start, end)) return this.pair(i);
      }
    }
    if (!this.table) {
      if (++this.misses < 1000 || this.misses * 4 < this.seen) return -1;
      this.table = this.index();
    }
    const { mask, slots, hashes } = this.table;
    const h = hashRecord(bytes, viewOf(bytes), start, end);
    for (let slot = h & mask; slots[slot] !== -1; slot = (slot + 1) & mask) {
      const i = slots[slot]!;
      if (taken[i] || hashes[i] !== h) continue;
      // Records found by hash are anywhere in the blob: once that happens often, hold it all.
      if (++this.jumps === HOLD_AFTER_JUMPS) base.source.hold();
      if (this.same(i, bytes, start, end)) return this.pair(i);
    }
    return -1;
  }

  private same(i: number, bytes: Buffer, start: number, end: number): boolean {
    const { base } = this;
    if (base.ends[i]! - base.starts[i]! !== end - start) return false;
    const held = base.load(i);
    return bytes.compare(held, base.loadedStart, base.loadedEnd, start, end) === 0;
  }

  private pair(i: number): number {
    this.taken[i] = 1;
    this.next = i + 1;
    this.run = 0;
    this.searchAt = FIRST_SEARCH;
    return i;
  }

  private index(): { mask: number; slots: Int32Array; hashes: Int32Array } {
    const { base } = this;
    let size = 1;
    while (size < base.count * 2) size *= 2;
    const mask = size - 1;
    const slots = new Int32Array(size).fill(-1);
    const hashes = new Int32Array(base.count);
    for (let i = 0; i < base.count; i++) {
      const held = base.load(i);
      const h = (hashes[i] = hashRecord(held, viewOf(held), base.loadedStart, base.loadedEnd));
      let slot = h & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = i;
    }
    return { mask, slots, hashes };
  }
}
