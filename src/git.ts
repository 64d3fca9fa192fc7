// Git access (SPEC §5): resolve revisions, fetch what a shallow clone lacks, list and read blobs
// at a revision without checking anything out.
import { spawn } from 'node:child_process';
import { isAscii, isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export class GitError extends Error {
  override name = 'GitError';
}

/** Where temp files go: a runner's temp directory, which is cleaned after each job, else the system's. */
export function tempDir(): string {
  return process.env['RUNNER_TEMP'] || tmpdir();
}

export interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  /** Blob size in bytes (0 for entries that are not blobs). */
  size: number;
  path: string;
}

export interface Revisions {
  /** The merge-base of base and head: what the change is compared against. */
  base: string;
  head: string;
  /** The revision given as base, before taking the merge-base. */
  baseTip: string;
}

export interface BlobText {
  text: string;
  /** False when the bytes were not valid UTF-8: the text then holds U+FFFD where they were. */
  validUtf8: boolean;
}

/** Pure ASCII (most manifests) decodes without UTF-8 work. */
export function decode(bytes: Buffer): BlobText {
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), validUtf8: true };
  return { text: bytes.toString('utf8'), validUtf8: isUtf8(bytes) };
}

/** Where the bytes of a blob go as they arrive (see Repo.streamBlobs). */
export interface BlobSink {
  /** A chunk is valid only during this call: a sink that keeps bytes copies them. */
  write(chunk: Buffer): void;
  /** After the last chunk. */
  end(): Promise<void> | void;
}

/**
 * Blobs from one `git cat-file --batch` process, one at a time (see Repo.blobReader). Git writes
 * them into a spool file rather than a pipe: through a pipe git writes 16 KB at a time and waits
 * for each to be read, which costs more than inflating the blobs. Into a file git runs ahead at
 * full speed, and the reader takes megabytes at a time as they are written.
 */
export class BlobReader {
  private readonly child;
  private readonly closed: Promise<number | null>;
  private exited = false;
  private readonly spool: Spool;
  private stderr = '';
  private pending: Buffer = Buffer.alloc(0);

  constructor(dir: string, shas: readonly string[]) {
    this.spool = new Spool();
    try {
      this.child = spawn('git', ['cat-file', '--batch'], { cwd: dir, stdio: ['pipe', this.spool.fd, 'pipe'] });
    } finally {
      this.spool.unlink(); // the file lives on while git and this reader hold it open
    }
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString())); // piped: never null
    this.closed = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code) => {
        this.exited = true;
        resolve(code);
      });
    });
    this.closed.catch(() => undefined); // awaited in more() and close()
    this.child.stdin!.end(`${shas.join('\n')}\n`);
  }

  /**
   * The next blob, its bytes handed to the sink `open` gives as they arrive; `stored` reads them
   * back until this reader is closed.
   */
  async next(open: (size: number, stored: StoredBlob) => BlobSink): Promise<void> {
    let header = this.pending.indexOf(10);
    while (header < 0) {
      await this.more();
      header = this.pending.indexOf(10);
    }
    const [sha, type, sizeText] = this.pending.subarray(0, header).toString('latin1').split(' ');
    const size = Number(sizeText);
    this.pending = this.pending.subarray(header + 1);
    if (type !== 'blob') {
      this.abort();
      throw new GitError(`git cat-file: ${type === 'missing' ? `${sha} is missing from this clone` : `${sha} is a ${type}, not a blob`}`);
    }
    // Where the content starts in the spool: what is pending is the end of what was read.
    const sink = open(size, new StoredBlob(this.spool, this.spool.position - this.pending.length, size));
    // The content, then one newline.
    for (let left = size + 1; left > 0;) {
      if (this.pending.length === 0) await this.more();
      const take = Math.min(left, this.pending.length);
      const content = Math.min(take, left - 1);
      if (content > 0) sink.write(this.pending.subarray(0, content));
      this.pending = this.pending.subarray(take);
      left -= take;
    }
    await sink.end();
  }

  /** Stops git when the blobs are no longer wanted. */
  abort(): void {
    this.child.kill();
    this.spool.close();
  }

  async close(): Promise<void> {
    const code = await this.closed;
    this.spool.close();
    if (code !== 0) throw new GitError(`git cat-file --batch failed: ${this.stderr.trim()}`);
  }

  /** Waits for git to write more. */
  private async more(): Promise<void> {
    for (;;) {
      // Whether git had exited is known before reading: what it wrote before then is all there.
      const exited = this.exited;
      // The spool reads over its last chunk: what is left of it is kept first.
      const left = this.pending.length ? Buffer.from(this.pending) : undefined;
      const chunk = this.spool.read(exited ? 1 : MIN_READ_BYTES);
      if (chunk) {
        this.pending = left ? Buffer.concat([left, chunk]) : chunk;
        return;
      }
      if (left) this.pending = left;
      if (exited) {
        const code = await this.closed;
        throw new GitError(`git cat-file --batch ended early${code ? ` (exit ${code})` : ''}: ${this.stderr.trim()}`);
      }
      await Promise.race([this.closed, new Promise((resolve) => setTimeout(resolve, 1))]);
    }
  }
}

/**
 * A temp file git writes into and a reader reads from as it grows, into one buffer used over and
 * over: fresh memory costs more to touch than the bytes cost to read.
 */
class Spool {
  readonly fd: number;
  private readonly path: string;
  /** How far the file has been read. */
  position = 0;
  private readonly buffer = Buffer.allocUnsafe(SPOOL_READ_BYTES);
  private open = true;

  constructor() {
    const dir = tempDir();
    this.path = join(dir, `collapse-guard-${process.pid}-${randomUUID()}.blobs`);
    try {
      this.fd = openSync(this.path, 'wx+', 0o600);
    } catch (e) {
      throw new GitError(`cannot create a temp file in ${dir} to read blobs into: ${(e as Error).message}`);
    }
  }

  /**
   * The bytes written since the last read, valid until the next read; undefined when there are
   * fewer than `least`. Reading while git appends costs more the smaller the reads.
   */
  read(least: number): Buffer | undefined {
    if (fstatSync(this.fd).size - this.position < least) return undefined;
    const n = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
    if (n === 0) return undefined;
    this.position += n;
    return this.buffer.subarray(0, n);
  }

  /** Fills `into` with the bytes at `position`, which git has written already. */
  readAt(into: Buffer, position: number): void {
    for (let filled = 0; filled < into.length;) {
      const n = readSync(this.fd, into, filled, into.length - filled, position + filled);
      if (n === 0) throw new GitError('git cat-file --batch: a blob read back was cut short');
      filled += n;
    }
  }

  /** Removes the file's name (where the system allows it while the file is open: not on Windows). */
  unlink(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // removed in close()
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
    this.unlink();
  }
}

/**
 * A blob in a reader's spool, read back by position through a window of a few megabytes that
 * moves to wherever a load falls outside it: loads in order read each byte once. Before loads
 * that jump around, hold() reads the whole blob in.
 */
export class StoredBlob {
  /** Where the window starts in the blob. */
  shift = 0;
  private window = Buffer.alloc(0);
  private windowTo = 0;

  constructor(
    private readonly spool: Spool,
    private readonly offset: number,
    readonly size: number,
  ) {}

  /** A buffer holding bytes [from, to) of the blob at [from - shift, to - shift); valid until the next load. */
  load(from: number, to: number): Buffer {
    if (from < this.shift || to > this.windowTo) this.fill(from, Math.min(Math.max(to - from, SPOOL_READ_BYTES), this.size - from));
    return this.window;
  }

  /** The whole blob in the window. */
  hold(): void {
    if (this.shift > 0 || this.windowTo < this.size) this.fill(0, this.size);
  }

  private fill(from: number, length: number): void {
    if (this.window.length < length) this.window = Buffer.allocUnsafe(length);
    this.spool.readAt(this.window.subarray(0, length), this.offset + from);
    this.shift = from;
    this.windowTo = from + length;
  }
}

const SPOOL_READ_BYTES = 4 << 20;
const MIN_READ_BYTES = 1 << 20;

/** A path as git takes it literally, never as a pathspec pattern. */
function literalPath(path: string): string {
  return `:(literal)${path}`;
}

/** One file of a diff: its path at each side (undefined where it does not exist) and its hunks. */
export interface FileHunks {
  basePath?: string;
  headPath?: string;
  hunks: { baseStart: number; baseCount: number; headStart: number; headCount: number }[];
}

/** A path from a diff header: `/dev/null` is none; quoted paths unquoted; git's trailing tab dropped. */
function diffPath(text: string, prefix: string): string | undefined {
  const raw = text.replace(/\t$/, '');
  if (raw === '/dev/null') return undefined;
  const path = raw.startsWith('"')
    ? (JSON.parse(raw.replace(/\\([0-7]{3})/g, (_m, o: string) => `\\u00${parseInt(o, 8).toString(16).padStart(2, '0')}`)) as string)
    : raw;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** The remote to fetch missing commits from; null never fetches. */
export type Remote = string | null;

/** Depths tried, in turn, when a shallow clone lacks the merge-base; then the whole history. */
const DEEPEN_STEPS = [50, 500];

export class Repo {
  private readonly git: SimpleGit;

  constructor(readonly dir: string) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) throw new GitError(`${dir} is not a git repository: ${stat ? 'it is not a directory' : 'no such directory'}`);
    this.git = simpleGit({ baseDir: dir, maxConcurrentProcesses: 4 });
  }

  /** Resolves base and head to commits, fetching them from `remote` when the clone lacks them. */
  async resolve(base: string, head: string, remote: Remote): Promise<Revisions> {
    // Both looked up at once; a revision missing from the clone is fetched after, one at a time.
    const [, headLocal, baseLocal] = await Promise.all([this.checkRepository(), this.tryRevParse(head), this.tryRevParse(base)]);
    const headSha = headLocal ?? (await this.commit(head, remote));
    const baseTip = baseLocal ?? (await this.commit(base, remote));
    const mergeBase = await this.mergeBase(baseTip, headSha, remote);
    return { base: mergeBase, head: headSha, baseTip };
  }

  private async commit(rev: string, remote: Remote): Promise<string> {
    const local = await this.tryRevParse(rev);
    if (local) return local;
    if (remote && (await this.hasRemote(remote))) {
      try {
        await this.git.raw(['fetch', '--no-tags', '--quiet', '--depth=1', remote, rev]);
      } catch (e) {
        throw new GitError(`revision ${rev} is not in this clone and could not be fetched from ${remote}: ${firstLine(e)}`);
      }
      const fetched = (await this.tryRevParse(rev)) ?? (await this.tryRevParse('FETCH_HEAD'));
      if (fetched) return fetched;
    }
    throw new GitError(`revision ${rev} is not in this clone${remote ? ` and the remote ${remote} is not configured` : ''}`);
  }

  private async mergeBase(base: string, head: string, remote: Remote): Promise<string> {
    const found = await this.tryMergeBase(base, head);
    if (found) return found;
    const canFetch = remote !== null && (await this.hasRemote(remote));
    for (const depth of DEEPEN_STEPS) {
      if (!canFetch || !(await this.isShallow())) break;
      await this.fetchQuietly(['fetch', '--no-tags', '--quiet', `--depth=${depth}`, remote!, base, head]);
      const deeper = await this.tryMergeBase(base, head);
      if (deeper) return deeper;
    }
    if (canFetch && (await this.isShallow())) {
      await this.fetchQuietly(['fetch', '--no-tags', '--quiet', '--unshallow', remote!]);
      const full = await this.tryMergeBase(base, head);
      if (full) return full;
    }
    throw new GitError(
      `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} have no common ancestor in this clone` +
        ((await this.isShallow()) ? ' (the clone is shallow and deepening it failed; use actions/checkout with fetch-depth: 0)' : ''),
    );
  }

  /** Every file at `rev` (or those of `paths` only), with its mode and blob id. */
  async listFiles(rev: string, paths?: readonly string[]): Promise<TreeEntry[]> {
    const out = await this.git.raw(['ls-tree', '-r', '-z', '-l', '--full-tree', rev, ...(paths ? ['--', ...paths.map(literalPath)] : [])]);
    const entries: TreeEntry[] = [];
    for (const record of out.split('\0')) {
      if (!record) continue;
      const tab = record.indexOf('\t');
      const [mode, type, sha, size] = record.slice(0, tab).split(/ +/);
      entries.push({ mode: mode!, type: type!, sha: sha!, size: Number(size) || 0, path: record.slice(tab + 1) });
    }
    return entries;
  }

  /** The last `max` commits on `rev`'s first-parent line that changed any of `paths`, newest first. */
  async commitsTouching(rev: string, paths: readonly string[], max: number): Promise<{ sha: string; date: string }[]> {
    if (paths.length === 0 || max <= 0) return [];
    const out = await this.git.raw(['log', '--first-parent', `--max-count=${max}`, '--format=%H %cs', rev, '--', ...paths.map(literalPath)]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, date] = line.split(' ');
        return { sha: sha!, date: date ?? '' };
      });
  }

  /** The blob of `path` at `rev`, or undefined when there is no such file. */
  async blobAt(rev: string, path: string): Promise<{ sha: string; size: number } | undefined> {
    const out = await this.git.raw(['ls-tree', '-z', '-l', rev, '--', path]);
    const record = out.split('\0')[0];
    if (!record) return undefined;
    const [, type, sha, size] = record.slice(0, record.indexOf('\t')).split(/ +/);
    return type === 'blob' ? { sha: sha!, size: Number(size) } : undefined;
  }

  /**
   * The content of a blob as text. Read with a plain `git cat-file` process rather than
   * simple-git, whose string output would hold a large blob several times over; `size`, when
   * known from the tree, lets the bytes land in one buffer.
   */
  async readBlob(sha: string, size?: number): Promise<string> {
    return (await this.readText(sha, size)).text;
  }

  /** A blob's text, and whether its bytes were valid UTF-8 (invalid sequences become U+FFFD). */
  async readText(sha: string, size?: number): Promise<BlobText> {
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn('git', ['cat-file', 'blob', sha], { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      const fixed = size !== undefined ? Buffer.allocUnsafe(size) : undefined;
      const chunks: Buffer[] = [];
      let length = 0;
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        if (fixed && length + chunk.length <= fixed.length) chunk.copy(fixed, length);
        else chunks.push(chunk);
        length += chunk.length;
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) reject(new GitError(`git cat-file ${sha} failed: ${stderr.trim()}`));
        else
          resolve(
            fixed && length === fixed.length && chunks.length === 0
              ? fixed
              : Buffer.concat(fixed ? [fixed.subarray(0, Math.min(length, fixed.length)), ...chunks] : chunks),
          );
      });
    });
    return decode(bytes);
  }

  /**
   * Many blobs through one `git cat-file --batch` process, handed to `use` one at a time with their
   * index in `shas`, so that only one of them is held in memory at once.
   */
  async readTexts(shas: readonly string[], use: (index: number, blob: BlobText) => Promise<void> | void): Promise<void> {
    await this.readBlobs(shas, (index, bytes) => use(index, decode(bytes)));
  }

  /**
   * As readTexts, with each blob's bytes undecoded and only lent: valid until `use` is done with
   * them. Every blob is read into one buffer, grown to the largest: fresh memory costs more to
   * touch than the bytes cost to copy.
   */
  async readBlobs(shas: readonly string[], use: (index: number, bytes: Buffer) => Promise<void> | void): Promise<void> {
    let buffer = Buffer.alloc(0);
    await this.streamBlobs(shas, (index, size) => {
      if (buffer.length < size) buffer = Buffer.allocUnsafe(size);
      const bytes = buffer.subarray(0, size);
      let filled = 0;
      return {
        write: (chunk) => {
          chunk.copy(bytes, filled);
          filled += chunk.length;
        },
        end: () => use(index, bytes),
      };
    });
  }

  /**
   * Many blobs through one `git cat-file --batch` process, each one's bytes handed to the sink
   * `open` gives for it as they arrive: a blob can be read without ever being held whole.
   */
  async streamBlobs(shas: readonly string[], open: (index: number, size: number) => BlobSink): Promise<void> {
    if (shas.length === 0) return;
    const blobs = this.blobReader(shas);
    try {
      for (let i = 0; i < shas.length; i++) await blobs.next((size) => open(i, size));
    } catch (e) {
      blobs.abort();
      throw e;
    }
    await blobs.close();
  }

  /**
   * A `git cat-file --batch` process for these blobs, read one blob at a time when the caller
   * asks. git works ahead all the while, into its spool file: two readers let one git inflate
   * blobs while the other's are being read.
   */
  blobReader(shas: readonly string[]): BlobReader {
    return new BlobReader(this.dir, shas);
  }

  /**
   * The hunks of each changed file (with git's default three lines of context): the lines GitHub
   * accepts review comments on, on either side, and how base lines map to head lines.
   */
  async diffHunks(base: string, head: string, paths: readonly string[]): Promise<FileHunks[]> {
    if (paths.length === 0) return [];
    const out = await this.git.raw(['-c', 'core.quotePath=false', 'diff', '--no-color', '--unified=3', '-M', base, head, '--', ...paths]);
    const files: FileHunks[] = [];
    let current: FileHunks | undefined;
    for (const row of out.split('\n')) {
      if (row.startsWith('diff --git ')) {
        current = { hunks: [] };
        files.push(current);
      } else if (current && row.startsWith('--- ')) {
        current.basePath = diffPath(row.slice(4), 'a/');
      } else if (current && row.startsWith('+++ ')) {
        current.headPath = diffPath(row.slice(4), 'b/');
      } else if (current) {
        const h = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(row);
        if (h) {
          current.hunks.push({
            baseStart: Number(h[1]),
            baseCount: h[2] === undefined ? 1 : Number(h[2]),
            headStart: Number(h[3]),
            headCount: h[4] === undefined ? 1 : Number(h[4]),
          });
        }
      }
    }
    return files;
  }

  /**
   * Where files went between two commits, as git detects it with rewrites broken up (`-B -M`):
   * a file renamed (old path → new path), and a file whose old content went to a new path while
   * the old path was rewritten with something else (the old content "moved out").
   */
  async moves(base: string, head: string, paths: readonly string[] = []): Promise<Map<string, string>> {
    // Only the manifests' own blobs need comparing; a pathspec keeps git from reading the rest
    // (unless the list is too long for a command line).
    const pathspec = paths.length > 0 && paths.reduce((n, p) => n + p.length + 1, 0) < 100_000 ? ['--', ...paths.map((p) => `:(literal)${p}`)] : [];
    const out = await this.git.raw(['diff', '--name-status', '-z', '-B', '-M', base, head, ...pathspec]);
    const parts = out.split('\0');
    const moved = new Map<string, string>();
    const rewritten = new Set<string>();
    const copies: [string, string][] = [];
    for (let i = 0; i < parts.length;) {
      const status = parts[i++];
      if (!status) continue;
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = parts[i++]!;
        const to = parts[i++]!;
        if (status.startsWith('R')) moved.set(from, to);
        else copies.push([from, to]);
      } else {
        // M with a score is a rewrite: the path holds new content, its old content may be elsewhere.
        if (/^M\d+$/.test(status)) rewritten.add(parts[i]!);
        i++;
      }
    }
    for (const [from, to] of copies) if (rewritten.has(from) && !moved.has(from)) moved.set(from, to);
    return moved;
  }

  /** The directory is in a git work tree (or is a bare repository) that git agrees to use. */
  private async checkRepository(): Promise<void> {
    try {
      await this.git.raw(['rev-parse', '--git-dir']);
    } catch (e) {
      const why = firstLine(e);
      throw new GitError(/not a git repository/i.test(why) ? `${this.dir} is not a git repository` : `git cannot use ${this.dir}: ${why}`);
    }
  }

  private async tryRevParse(rev: string): Promise<string | undefined> {
    try {
      return (await this.git.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private async tryMergeBase(base: string, head: string): Promise<string | undefined> {
    try {
      return (await this.git.raw(['merge-base', base, head])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  private async isShallow(): Promise<boolean> {
    return (await this.git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }

  private async hasRemote(name: string): Promise<boolean> {
    const remotes = await this.git.getRemotes();
    return remotes.some((r) => r.name === name);
  }

  private async fetchQuietly(args: string[]): Promise<void> {
    try {
      await this.git.raw(args);
    } catch {
      // A failed deepen is judged by the merge-base lookup that follows.
    }
  }
}

function firstLine(e: unknown): string {
  return (
    String((e as Error).message ?? e)
      .trim()
      .split('\n')[0] ?? ''
  );
}
