// Builds dist/ (the action and the CLI, one ES module each) and schema/manifest.schema.json.
// The output is deterministic: CI rebuilds both and checks git sees no difference.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Some bundled CommonJS packages call require() for Node built-ins.
const requireShim = "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);";
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', banner: { js: requireShim } });
await build({
  ...common,
  entryPoints: { cli: 'src/cli-entry.ts' },
  outdir: 'dist',
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
});
chmodSync('dist/cli.js', 0o755);

// The JSON Schema is generated from the zod validator, so the two cannot drift apart.
const tmp = join(tmpdir(), `collapse-guard-schema-${process.pid}.mjs`);
await build({ ...common, entryPoints: ['src/formats/native/json-schema.ts'], outfile: tmp });
try {
  const { manifestJsonSchema } = await import(pathToFileURL(tmp).href);
  mkdirSync('schema', { recursive: true });
  writeFileSync('schema/manifest.schema.json', `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
} finally {
  rmSync(tmp, { force: true });
}
