// Executable entry of the `collapse-guard` command.
import { main } from './cli.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`collapse-guard: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exit(2);
  },
);
