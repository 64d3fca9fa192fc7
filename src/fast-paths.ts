// The fast readers (fast-yaml.ts, native-fast.ts) can be switched off, so tests can check that
// the straightforward path (the yaml package and zod alone) gives the very same report.
let enabled = true;

export function fastPathsEnabled(): boolean {
  return enabled;
}

export function setFastPaths(on: boolean): void {
  enabled = on;
}
