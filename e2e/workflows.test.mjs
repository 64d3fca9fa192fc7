// The workflows the project shows or ships pass actionlint, and action.yml is valid metadata.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { actionlint, schemaCheckAction, workflowBlocks } from './helpers/lint.mjs';
import { ACTION_ROOT } from '../test-support/run-action.ts';

const README = readFileSync(join(ACTION_ROOT, 'README.md'), 'utf8');
const ACTION_YML = readFileSync(join(ACTION_ROOT, 'action.yml'), 'utf8');
const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];

const format = (findings) => findings.map((f) => `  ${f.line}:${f.column} [${f.kind}] ${f.message}`).join('\n');

describe('actionlint (WebAssembly build) on the workflows the project shows and ships', () => {
  it('the linter is live: it reports errors in a broken workflow', async () => {
    const broken =
      'on: pull_requests\npermissions: { pull-request: write }\njobs:\n  a:\n    runs-on: ubuntu-latest\n' +
      '    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    const findings = await actionlint(broken, 'broken.yml');
    assert.ok(
      findings.some((f) => f.kind === 'events'),
      format(findings),
    );
    assert.ok(
      findings.some((f) => f.kind === 'permissions'),
      format(findings),
    );
    assert.ok(
      findings.some((f) => f.kind === 'expression'),
      format(findings),
    );
  });

  const blocks = workflowBlocks(README);
  it('README.md shows at least one workflow', () => assert.ok(blocks.length > 0));
  for (const block of blocks) {
    it(`README.md: the workflow at line ${block.line}`, async () => {
      const findings = await actionlint(block.text, `README.md:${block.line}.yml`);
      assert.deepEqual(findings, [], `actionlint:\n${format(findings)}\n--- workflow ---\n${block.text}`);
    });
  }

  const files = WORKFLOW_DIRS.flatMap((dir) => {
    const full = join(ACTION_ROOT, dir);
    return existsSync(full)
      ? readdirSync(full)
          .filter((f) => /\.ya?ml$/.test(f))
          .map((f) => join(dir, f))
      : [];
  });
  if (files.length === 0) {
    it(`workflow files in ${WORKFLOW_DIRS.join(' and ')}`, { skip: `none present in ${WORKFLOW_DIRS.join(' or ')}` }, () => {});
  }
  for (const file of files) {
    it(file, async () => {
      const findings = await actionlint(readFileSync(join(ACTION_ROOT, file), 'utf8'), file);
      assert.deepEqual(findings, [], `actionlint:\n${format(findings)}`);
    });
  }
});

describe('action.yml', () => {
  const action = parse(ACTION_YML);

  it("matches SchemaStore's github-action schema (@action-validator/core)", (t) => {
    const { errors, outdated } = schemaCheckAction(ACTION_YML, action.runs?.using);
    for (const o of outdated) t.diagnostic(`ignored, the schema snapshot predates node24: ${o}`);
    assert.deepEqual(errors, []);
  });

  it('the schema check is live: it reports a broken action.yml', () => {
    const broken = ACTION_YML.replace(/^outputs:\n(\s+)(\S+):\n\s+description:[^\n]*\n/m, 'outputs:\n$1$2:\n$1  descripton: typo\n');
    assert.notEqual(broken, ACTION_YML);
    assert.ok(schemaCheckAction(broken, action.runs?.using).errors.length > 0);
  });

  it('runs node24 from dist/index.js, which exists', () => {
    assert.equal(action.runs.using, 'node24');
    assert.equal(action.runs.main, 'dist/index.js');
    assert.ok(existsSync(join(ACTION_ROOT, action.runs.main)));
  });

  it('has a name, a description and branding', () => {
    assert.equal(typeof action.name, 'string');
    assert.ok(action.description?.trim());
    assert.ok(action.branding?.icon && action.branding?.color);
  });

  it('every input has a description; defaults are strings; required is a boolean', () => {
    assert.ok(Object.keys(action.inputs ?? {}).length > 0);
    for (const [name, spec] of Object.entries(action.inputs)) {
      assert.ok(typeof spec?.description === 'string' && spec.description.trim(), `input ${name} has no description`);
      if ('default' in spec)
        assert.equal(typeof spec.default, 'string', `input ${name}: default ${JSON.stringify(spec.default)} is a ${typeof spec.default}, not a string`);
      if ('required' in spec) assert.equal(typeof spec.required, 'boolean', `input ${name}: required must be true or false`);
    }
  });

  it('every output has a description', () => {
    assert.ok(Object.keys(action.outputs ?? {}).length > 0);
    for (const [name, spec] of Object.entries(action.outputs)) {
      assert.ok(typeof spec?.description === 'string' && spec.description.trim(), `output ${name} has no description`);
    }
  });

  it("README.md's inputs and outputs tables name every input and output", () => {
    const section = README.slice(README.indexOf('## Inputs and outputs'));
    const firstColumn = new Set([...section.matchAll(/^\| ((?:`[^`]+`(?:, )?)+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([^`]+)`/g)].map((n) => n[1])));
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      assert.ok(firstColumn.has(name), `README.md does not document "${name}"`);
    }
  });
});
