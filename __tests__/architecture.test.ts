// The project's one-place-per-concept promises, checked: every rule and format has its docs and
// nothing documents what does not exist; defaults are stated once; imports run down the layers only.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { parse } from 'yaml';
import { defaultSettings } from '../src/analysis/settings.js';
import { FORMATS } from '../src/formats/index.js';
import { inputsSchema } from '../src/publish/inputs.js';
import { ALL_RULES } from '../src/rules/index.js';

const README = readFileSync('README.md', 'utf8');
const ids = ALL_RULES.map((r) => r.meta.id);

describe('rules and their docs', () => {
  it("every rule has docs/rules/<id>.md and a row in the README's rules table, and nothing else is documented as a rule", () => {
    const docs = readdirSync('docs/rules')
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(docs).toEqual([...ids].sort());
    const rows = [...README.matchAll(/^\| \[`([a-z-]+)`\]\(docs\/rules\/\1\.md\) \|/gm)].map((m) => m[1]).sort();
    expect(rows).toEqual([...ids].sort());
  });

  it("every threshold is in the README's threshold table with the default its rule declares", () => {
    for (const rule of ALL_RULES) {
      for (const [name, t] of Object.entries(rule.meta.thresholds)) {
        expect(README).toContain(`| \`${name}\` | \`${t.default}\` | \`${rule.meta.id}\` |`);
      }
    }
    // The policy file's `thresholds:` takes exactly the rules' thresholds.
    const declared = ALL_RULES.flatMap((r) => Object.keys(r.meta.thresholds)).sort();
    expect(Object.keys(defaultSettings().thresholds).sort()).toEqual(declared);
  });
});

describe('formats and their docs', () => {
  it('every registered format is documented in the README, by the title it gives itself', () => {
    for (const f of FORMATS) expect(README).toMatch(new RegExp(`^(\\| |#+ )${f.title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'));
  });
});

describe('action.yml', () => {
  it("has every input in the README's inputs table, and the table nothing else", () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };
    const table = README.slice(README.indexOf('| input | default | meaning |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = rows.flatMap((row) => [...row.split(' | ')[0]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]));
    expect(documented.sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('states each input default that the code takes for an empty input', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
    const defaults = inputsSchema.parse({});
    for (const [name, value] of Object.entries(defaults)) {
      // The runner fills the token from `${{ github.token }}`; without one the action has none.
      if (name === 'token') continue;
      expect([name, String(action.inputs[name]!.default ?? '')]).toEqual([name, String(value)]);
    }
  });
});

/** The layers, from the bottom: a module may import its own layer and the ones below, never above. */
const LAYERS: [string, RegExp][] = [
  ['git and text', /^src\/(git\.ts|text\/)/],
  ['formats', /^src\/formats\//],
  ['datasets', /^src\/datasets\//],
  ['diff', /^src\/diff\//],
  ['rules', /^src\/rules\//],
  ['analysis', /^src\/analysis\//],
  ['report', /^src\/report\//],
  ['publish', /^src\/publish\//],
  ['entries', /^src\/[^/]+\.ts$/],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const layerOf = (file: string) => LAYERS.findIndex(([, re]) => re.test(file));
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)\.js'/gm)].map((m) => normalize(join(dirname(file), `${m[1]}.ts`)));

describe('layers', () => {
  const files = sources('src').map((f) => relative('.', f));

  it('every module sits in a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward = files.flatMap((f) =>
      importsOf(f)
        .filter((to) => layerOf(to) > layerOf(f))
        .map((to) => `${f} → ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('no import circle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const to of graph.get(f) ?? []) visit(to, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});
