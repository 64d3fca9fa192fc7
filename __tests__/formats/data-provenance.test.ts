import { dataProvenanceFormat } from '../../src/formats/data-provenance/index.js';
import { errorOf } from '../helpers/error-of.js';

// A hand-written summary in the shape of data_summaries/<Collection>.json: two sub-datasets.
const SUMMARY = `{
    "toy-human": {
        "Unique Dataset Identifier": "toy-human",
        "Dataset Name": "toy-human",
        "Collection": "Toy Collection",
        "Dataset URL": "https://example.org/toy",
        "Text Metrics": {
            "Num Dialogs": 1200,
            "Mean Inputs Length": 54.2,
            "Max Targets Length": 881,
            "Mean Dialog Turns": 2.0
        },
        "Text Sources": ["crowdsourced"],
        "Model Generated": [],
        "Human Annotation": "Yes",
        "Licenses": [
            { "License": "CC BY-SA 3.0", "License URL": "https://example.org/license" }
        ],
        "Inferred Metadata": { "HF Date": "2023-04-12" }
    },
    "toy-synth": {
        "Unique Dataset Identifier": "toy-synth",
        "Dataset Name": "toy-synth",
        "Collection": "Toy Collection",
        "Dataset URL": "https://example.org/toy-synth",
        "Text Metrics": { "Num Dialogs": 52000, "Mean Inputs Length": 505.8 },
        "Text Sources": [],
        "Model Generated": ["OpenAI GPT-3"],
        "Human Annotation": "No",
        "Licenses": [
            { "License": "OpenAI", "License URL": "" },
            { "License": "CC BY-NC 4.0", "License URL": "https://example.org/nc" }
        ]
    }
}
`;

const FILE = 'data_summaries/Toy Collection.json';
const parse = (text: string, file = FILE) => dataProvenanceFormat.parse(file, text);

function one(fields: Record<string, unknown>) {
  const text = JSON.stringify({ x: { 'Dataset Name': 'x', Collection: 'C', ...fields } }, null, 2);
  return parse(text).shards[0]!;
}

describe('data-provenance: recognising files', () => {
  it('takes *.json inside a data_summaries* folder as candidates', () => {
    for (const p of ['data_summaries/Alpaca.json', 'repo/data_summaries-speech/GigaSpeech.json', 'data_summaries/sub/Dolly 15k.json']) {
      expect(dataProvenanceFormat.candidate(p)).toBe(true);
    }
    for (const p of ['Alpaca.json', 'summaries/Alpaca.json', 'data_summaries/_template_spec.yaml', 'data_summaries/README.md', 'data_summaries.json']) {
      expect(dataProvenanceFormat.candidate(p)).toBe(false);
    }
  });

  it('detects an object of sub-dataset summaries', () => {
    expect(dataProvenanceFormat.detect(FILE, SUMMARY)).toBe(true);
    const speech = JSON.stringify({ Speechy: { 'Dataset Name': 'speechy', Collection: 'Speechy', Hours: 10, Licenses: [] } });
    expect(dataProvenanceFormat.detect('data_summaries-speech/Speechy.json', speech)).toBe(true);
  });

  it('does not detect other JSON or a README', () => {
    expect(dataProvenanceFormat.detect(FILE, JSON.stringify({ name: 'pkg', version: '1.0.0' }))).toBe(false);
    expect(dataProvenanceFormat.detect(FILE, JSON.stringify({ a: { 'Dataset Name': 'a' } }))).toBe(false);
    expect(dataProvenanceFormat.detect(FILE, JSON.stringify({ a: { 'Dataset Name': 'a', Licenses: [] }, b: 'not an entry' }))).toBe(false);
    expect(dataProvenanceFormat.detect(FILE, JSON.stringify([{ 'Dataset Name': 'a', Licenses: [] }]))).toBe(false);
    expect(dataProvenanceFormat.detect('data_summaries/README.md', '# Data summaries\n\nOne JSON file per collection.\n')).toBe(false);
  });

  it('claims broken JSON that looks like a summary, so that parsing reports the line', () => {
    expect(dataProvenanceFormat.detect(FILE, '{ "a": { "Dataset Name": "a", "Licenses": [ }')).toBe(true);
    // The repository's field spec is a Python dict in a .yaml file, not a summary.
    const spec = '{\n    "Dataset Name": [str, True, True],\n    "Licenses": [\n        { "License": [str, True, False] }\n    ],\n}\n';
    expect(dataProvenanceFormat.detect('data_summaries/_template_spec.yaml', spec)).toBe(false);
  });
});

describe('data-provenance: shards', () => {
  const d = parse(SUMMARY);

  it('makes a shard of each sub-dataset, keyed by its identifier, with its line', () => {
    expect(d.name).toBe('Toy Collection');
    expect(d.shards.map((s) => [s.id, s.line])).toEqual([
      ['toy-human', 2],
      ['toy-synth', 21],
    ]);
  });

  it('maps Num Dialogs to rows and no length statistic to any count', () => {
    expect(d.shards.map((s) => [s.rows, s.tokens, s.bytes, s.weight])).toEqual([
      [1200, undefined, undefined, undefined],
      [52000, undefined, undefined, undefined],
    ]);
  });

  it('maps origin, licenses, sources and the generating model', () => {
    expect(d.shards[0]).toMatchObject({ origin: 'human', source: 'crowdsourced', license: 'CC BY-SA 3.0', generator: undefined });
    expect(d.shards[1]).toMatchObject({
      origin: 'synthetic',
      source: 'https://example.org/toy-synth',
      license: 'OpenAI, CC BY-NC 4.0',
      generator: { model: 'OpenAI GPT-3' },
    });
  });

  it('has no collection date: the inferred dates are publication dates', () => {
    expect(d.shards.map((s) => s.collected)).toEqual([undefined, undefined]);
  });

  it('matches sub-datasets by key whatever their order', () => {
    const parsed = JSON.parse(SUMMARY) as Record<string, unknown>;
    const reversed = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()), null, 4);
    const r = parse(reversed);
    expect(r.shards.map((s) => s.id).sort()).toEqual(d.shards.map((s) => s.id).sort());
    expect(r.shards.find((s) => s.id === 'toy-synth')).toMatchObject({ rows: 52000, origin: 'synthetic' });
  });
});

describe('data-provenance: origin (SPEC §4)', () => {
  it('model-generated data is synthetic, mixed when humans annotated it too', () => {
    expect(one({ 'Model Generated': ['OpenAI ChatGPT'], 'Human Annotation': 'No' }).origin).toBe('synthetic');
    expect(one({ 'Model Generated': ['Other', 'OpenAI GPT-3'], 'Human Annotation': 'Yes' })).toMatchObject({
      origin: 'mixed',
      generator: { model: 'Other, OpenAI GPT-3' },
    });
    expect(one({ 'Model Generated': 'LLaMA 2' }).origin).toBe('synthetic');
  });

  it('an empty Model Generated is human; a missing one (speech schema) says nothing', () => {
    expect(one({ 'Model Generated': [], 'Human Annotation': 'No' }).origin).toBe('human');
    expect(one({ 'Model Generated': ['', ' '] }).origin).toBe('human');
    const speech = one({ Hours: 9998.0, Source: ['Audiobooks', 'Podcast'], Licenses: [{ License: 'Apache 2.0' }] });
    expect(speech).toMatchObject({ origin: undefined, source: 'Audiobooks, Podcast', license: 'Apache 2.0', rows: undefined });
  });

  it('leaves empty strings and missing metrics unknown', () => {
    expect(one({ 'Text Metrics': { 'Num Dialogs': '' } }).rows).toBeUndefined();
    expect(one({ 'Text Metrics': { 'Num Dialogs': '300' } }).rows).toBe(300);
    expect(one({ Licenses: [{ License: '', 'License URL': '' }], 'Dataset URL': '' })).toMatchObject({ license: undefined, source: undefined });
  });
});

describe('data-provenance: the repository template', () => {
  // Shaped like data_summaries/_template.json: field descriptions in place of values.
  const TEMPLATE = JSON.stringify(
    {
      'dataset-name (must match unique identifier)': {
        'Unique Dataset Identifier': 'string: dataset-name (formatted as <collection>-<dataset>)',
        'Dataset Name': 'string: Common name of dataset',
        'Model Generated': ['list[str] (null): The model(s) used to generate this dataset if applicable.'],
        'Human Annotation': "string: 'Yes' or 'No'",
        Licenses: [{ License: "string (''): The name of the license", 'License URL': "string (''): The URL" }],
      },
    },
    null,
    4,
  );

  it('is recognised and parses to no shards rather than a fake synthetic dataset', () => {
    expect(dataProvenanceFormat.detect('data_summaries/_template.json', TEMPLATE)).toBe(true);
    expect(parse(TEMPLATE, 'data_summaries/_template.json')).toEqual({ name: undefined, shards: [] });
  });
});

describe('data-provenance: malformed input', () => {
  it('names the file and line of invalid JSON', () => {
    const e = errorOf(() => parse(SUMMARY.replace('"Num Dialogs": 1200,', '"Num Dialogs": 1200,,')));
    expect(e.file).toBe(FILE);
    expect(e.line).toBe(8);
    expect(e.message).toMatch(/^data_summaries\/Toy Collection\.json:8: invalid JSON/);
  });

  it('rejects a top level that is not an object, and an empty file', () => {
    expect(errorOf(() => parse('[]')).line).toBe(1);
    expect(errorOf(() => parse('')).detail).toMatch(/empty/);
  });

  it('reads duplicate sub-dataset keys as JSON readers do (the later one), with a low note at its line', () => {
    const d = parse('{\n  "a": {"Dataset Name": "a"},\n  "a": {"Dataset Name": "b", "Model Generated": []}\n}\n');
    expect(d.shards.map((s) => s.origin)).toEqual(['human']);
    expect(d.notes).toEqual([expect.objectContaining({ field: 'a', severity: 'low', line: 3 })]);
  });
});

describe('data-provenance: fields that are not understood are unknown, with a note', () => {
  const notesOf = (text: string) => parse(text).notes ?? [];

  it('Human Annotation as a list (DialogStudio writes []): unknown, the rest of the entry read', () => {
    const text = SUMMARY.replace('"Human Annotation": "No"', '"Human Annotation": []');
    const d = parse(text);
    // Model Generated still decides: synthetic, not mixed, since no human annotation is known.
    expect(d.shards[1]).toMatchObject({ id: 'toy-synth', origin: 'synthetic', rows: 52000, license: 'OpenAI, CC BY-NC 4.0' });
    expect(d.notes).toEqual([
      {
        field: 'Human Annotation',
        severity: 'info',
        line: 29,
        shard: 'toy-synth',
        detail: 'Human Annotation is an empty list, not "Yes" or "No": not understood, treated as unknown',
      },
    ]);
    expect(parse(SUMMARY).notes).toBeUndefined();
  });

  it('a count that is not a number: rows unknown', () => {
    const d = parse(SUMMARY.replace('"Num Dialogs": 52000', '"Num Dialogs": "many"'));
    expect(d.shards[1]!.rows).toBeUndefined();
    expect(d.shards[1]!.origin).toBe('synthetic');
    expect(d.notes).toEqual([expect.objectContaining({ field: 'Text Metrics.Num Dialogs', severity: 'info', line: 26, shard: 'toy-synth' })]);
    const metrics = notesOf(SUMMARY.replace('"Text Metrics": { "Num Dialogs": 52000, "Mean Inputs Length": 505.8 }', '"Text Metrics": [1]'));
    expect(metrics).toEqual([expect.objectContaining({ field: 'Text Metrics', line: 26, shard: 'toy-synth' })]);
  });

  it('Model Generated of no known shape: origin and generator unknown', () => {
    const d = parse(SUMMARY.replace('"Model Generated": [],', '"Model Generated": 3,'));
    expect(d.shards[0]).toMatchObject({ id: 'toy-human', origin: undefined, generator: undefined, rows: 1200, source: 'crowdsourced' });
    expect(d.notes).toEqual([
      expect.objectContaining({ field: 'Model Generated', line: 14, shard: 'toy-human', detail: expect.stringMatching(/the number 3/) }),
    ]);
  });

  it('a licence name that is not text is skipped; the other licences are read', () => {
    const d = parse(SUMMARY.replace('{ "License": "OpenAI", "License URL": "" }', '{ "License": 7 }'));
    expect(d.shards[1]!.license).toBe('CC BY-NC 4.0');
    expect(d.notes).toEqual([expect.objectContaining({ field: 'Licenses.License', line: 31, shard: 'toy-synth' })]);
    // A single licence name written as text is read as a list of one.
    expect(one({ Licenses: 'MIT' }).license).toBe('MIT');
  });

  it('sources, URL and collection of the wrong type are unknown', () => {
    const entry = { 'Dataset Name': 'x', Collection: ['C'], 'Text Sources': [{ url: 'a' }], 'Dataset URL': ['u'], 'Model Generated': [] };
    const text = JSON.stringify({ x: entry }, null, 2);
    const d = parse(text);
    expect(d.name).toBeUndefined();
    expect(d.shards[0]).toMatchObject({ id: 'x', origin: 'human', source: undefined });
    expect(d.notes!.map((n) => [n.field, n.line, n.shard])).toEqual([
      ['Text Sources', 7, 'x'],
      ['Dataset URL', 12, 'x'],
      ['Collection', 4, 'x'],
    ]);
  });

  it('a sub-dataset that is not an object is skipped, with a note', () => {
    const d = parse('{\n  "a": {"Dataset Name": "a", "Licenses": []},\n  "b": [1]\n}\n');
    expect(d.shards.map((s) => s.id)).toEqual(['a']);
    expect(d.notes).toEqual([{ field: 'b', severity: 'info', line: 3, detail: "b is a list, not a dataset's summary: it is not read" }]);
  });
});

describe('data-provenance: a key written twice', () => {
  it('is read as JSON readers read it, the later value counting, with a low note', () => {
    const d = parse(SUMMARY.replace('"Num Dialogs": 52000,', '"Num Dialogs": 1, "Num Dialogs": 52000,'));
    expect(d.shards[1]!.rows).toBe(52000);
    expect(d.notes).toEqual([expect.objectContaining({ field: 'Num Dialogs', severity: 'low', line: 26 })]);
  });
});
