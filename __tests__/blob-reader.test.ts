// Blobs streamed from one `git cat-file --batch`: what git wrote is read even when git has exited
// before the first read (the head's blobs, while the base's are still being read).
import { once } from 'node:events';
import { BlobReader } from '../src/git.js';
import { removeTempDirs, TestRepo } from '../test-support/git-repo.js';

afterAll(removeTempDirs);

it('reads every blob after git has already exited', async () => {
  const repo = new TestRepo();
  repo.commit({ 'a.txt': 'first blob\n', 'b.txt': 'second blob\n' });
  const shas = ['a.txt', 'b.txt'].map((p) => repo.git('rev-parse', `HEAD:${p}`));
  const reader = new BlobReader(repo.dir, shas);
  await once((reader as unknown as { child: NodeJS.EventEmitter }).child, 'exit');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const texts: string[] = [];
  for (let i = 0; i < shas.length; i++) {
    const parts: Buffer[] = [];
    await reader.next(() => ({ write: (chunk) => void parts.push(Buffer.from(chunk)), end: () => undefined }));
    texts.push(Buffer.concat(parts).toString());
  }
  await reader.close();
  expect(texts).toEqual(['first blob\n', 'second blob\n']);
});
