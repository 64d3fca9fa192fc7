/** One problem in a file: the line it is at, when known, and what is wrong, in plain words. */
export interface SourceIssue {
  line?: number;
  detail: string;
}

/** Most problems of one file listed; the rest are counted, on the last one listed. */
export const MAX_ISSUES = 20;

/**
 * Text that cannot be read or validated (a manifest, a policy file): names the file and, when
 * known, the line. `issues` lists every problem found in the file (the first is `line`/`detail`).
 */
export class SourceError extends Error {
  readonly issues: readonly SourceIssue[];

  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
    issues?: readonly SourceIssue[],
  ) {
    super((issues ?? [{ line, detail }]).map((i) => `${file}${i.line ? `:${i.line}` : ''}: ${i.detail}`).join('\n'));
    this.name = 'SourceError';
    this.issues = issues ?? [{ line, detail }];
  }

  /** All the problems of a file at once, in the order of their lines: at most MAX_ISSUES, then "and N more errors". */
  static of(file: string, all: readonly SourceIssue[]): SourceError {
    const sorted = [...all].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const shown = sorted.slice(0, MAX_ISSUES);
    const rest = sorted.length - shown.length;
    if (rest > 0) shown[shown.length - 1] = { ...shown.at(-1)!, detail: `${shown.at(-1)!.detail} (and ${rest} more error${rest === 1 ? '' : 's'})` };
    return new SourceError(file, shown[0]!.line, shown[0]!.detail, shown);
  }
}

/** Collects the problems of one file while it is read to the end; `throwIfAny` reports them all at once. */
export class IssueList {
  readonly all: SourceIssue[] = [];

  constructor(readonly file: string) {}

  add(issue: SourceIssue): void {
    this.all.push(issue);
  }

  /** Runs `read`, keeping its SourceError's problems instead of stopping there. */
  keep<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      this.all.push(...e.issues);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.all.length > 0) throw SourceError.of(this.file, this.all);
  }
}
