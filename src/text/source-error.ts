/** Text that cannot be read or validated (a manifest, a policy file): names the file and, when known, the line. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'SourceError';
  }
}
