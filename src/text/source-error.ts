/** A manifest that cannot be read or validated; always names the file and, when known, the line. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'ManifestError';
  }
}
