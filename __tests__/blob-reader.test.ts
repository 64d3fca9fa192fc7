// Blobs read through one `git cat-file --batch` that writes into a spool file: what git wrote is
// read even when git has exited before the first read (the head's blobs, while the base's are
// still being read), a blob is read back by position until the reader closes, and nothing is left
// behind in the temp directory.
import { once } from 'node:events';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, GitError, type StoredBlob } from '../src/git.js';
import { removeTempDirs, TestRepo } from '../test-support/git-repo.js';

afterAll(removeTempDirs);

const runnerTemp = process.env['RUNNER_TEMP'];
afterEach(() => {
  if (runnerTemp === undefined) delete process.env['RUNNER_TEMP'];
  else process.env['RUNNER_TEMP'] = runnerTemp;
});

/** Each blob's text, read with `reader.next`, and what `use` makes of each blob read back. */
async function readAll(reader: BlobReader, count: number, use: (stored: StoredBlob, index: number) => void = () => undefined): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: Buffer[] = [];
    let kept: StoredBlob | undefined;
    await reader.next((_size, stored) => {
      kept = stored;
      return { write: (chunk) => void parts.push(Buffer.from(chunk)), end: () => undefined };
    });
    use(kept!, i);
    texts.push(Buffer.concat(parts).toString());
  }
  return texts;
}

it('reads every blob after git has already exited, and leaves no file behind', async () => {
  const repo = new TestRepo();
  repo.commit({ 'a.txt': 'first blob\n', 'b.txt': 'second blob\n' });
  const shas = ['a.txt', 'b.txt'].map((p) => repo.git('rev-parse', `HEAD:${p}`));
  process.env['RUNNER_TEMP'] = mkdtempSync(join(tmpdir(), 'cg-spool-'));
  const reader = new BlobReader(repo.dir, shas);
  await once((reader as unknown as { child: NodeJS.EventEmitter }).child, 'exit');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const texts = await readAll(reader, shas.length);
  await reader.close();
  expect(texts).toEqual(['first blob\n', 'second blob\n']);
  expect(readdirSync(process.env['RUNNER_TEMP'])).toEqual([]);
});

it('reads a blob back by position, in order, backwards and whole, across its windows of a few megabytes', async () => {
  const repo = new TestRepo();
  // 11 MB of numbered lines: three windows.
  const lines = Array.from({ length: 400_000 }, (_, i) => `line ${String(i).padStart(20, '0')}`);
  const big = `${lines.join('\n')}\n`;
  repo.commit({ 'small.txt': 'before\n', 'big.txt': big });
  const shas = ['small.txt', 'big.txt'].map((p) => repo.git('rev-parse', `HEAD:${p}`));
  const reader = new BlobReader(repo.dir, shas);
  const at = (stored: StoredBlob, from: number, to: number) => {
    const held = stored.load(from, to);
    return held.toString('latin1', from - stored.shift, to - stored.shift);
  };
  const seen: string[] = [];
  await readAll(reader, 2, (stored, i) => {
    if (i === 0) return void seen.push(at(stored, 0, 7));
    const line = (k: number) => [k * 26, k * 26 + 25] as const;
    for (const k of [0, 1, 150_000, 161_320, 161_321, 399_999, 3, 250_000]) seen.push(at(stored, ...line(k)));
    seen.push(at(stored, 4_194_300, 4_194_310)); // across the end of the first window
    stored.hold();
    for (const k of [399_998, 2, 200_000]) seen.push(at(stored, ...line(k)));
  });
  await reader.close();
  const expected = [
    'before\n',
    ...[0, 1, 150_000, 161_320, 161_321, 399_999, 3, 250_000].map((k) => lines[k]),
    big.slice(4_194_300, 4_194_310),
    ...[399_998, 2, 200_000].map((k) => lines[k]),
  ];
  expect(seen).toEqual(expected);
});

it('says where it could not write its spool file', () => {
  const repo = new TestRepo();
  process.env['RUNNER_TEMP'] = join(tmpdir(), 'cg-no-such-dir', 'deeper');
  expect(() => new BlobReader(repo.dir, ['0'.repeat(40)])).toThrow(GitError);
  expect(() => new BlobReader(repo.dir, ['0'.repeat(40)])).toThrow(/cannot create a temp file in .*cg-no-such-dir.deeper to read blobs into: ENOENT/);
});
