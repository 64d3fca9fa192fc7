// Where findings sit in a pull request's diff: the lines GitHub accepts review comments on, on
// either side, and the head line nearest to a line that only the base has (a removed shard).
import type { FileHunks } from '../git.js';

export class DiffPositions {
  constructor(private readonly files: readonly FileHunks[]) {}

  /** Head lines of `path` inside the diff's hunks. */
  rightLines(path: string): Set<number> {
    const lines = new Set<number>();
    for (const h of this.fileAtHead(path)?.hunks ?? []) for (let l = h.headStart; l < h.headStart + h.headCount; l++) lines.add(l);
    return lines;
  }

  /** Base lines inside the diff's hunks, for the file at `path` (its head path, or its base path if deleted). */
  leftLines(path: string): Set<number> {
    const lines = new Set<number>();
    for (const h of this.fileOf(path)?.hunks ?? []) for (let l = h.baseStart; l < h.baseStart + h.baseCount; l++) lines.add(l);
    return lines;
  }

  /** The head line nearest to base line `line` of the file at `path`; undefined when the file is gone at head. */
  headLineFor(path: string, line: number): number | undefined {
    const file = this.fileOf(path);
    if (!file) return line; // not in the diff: the file's lines did not move
    if (!file.headPath) return undefined;
    let shift = 0;
    for (const h of file.hunks) {
      if (line < h.baseStart) break;
      if (line < h.baseStart + h.baseCount) return Math.max(1, h.headStart + Math.min(line - h.baseStart, Math.max(0, h.headCount - 1)));
      shift = h.headStart + h.headCount - (h.baseStart + h.baseCount);
    }
    return Math.max(1, line + shift);
  }

  private fileAtHead(path: string): FileHunks | undefined {
    return this.files.find((f) => f.headPath === path);
  }

  private fileOf(path: string): FileHunks | undefined {
    return this.fileAtHead(path) ?? this.files.find((f) => f.basePath === path && !f.headPath) ?? this.files.find((f) => f.basePath === path);
  }
}
