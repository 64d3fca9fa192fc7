// Every real public manifest in ../shared/corpus, read in place (never copied into the project):
// each parses, is recognised as its format, and yields the shards and counts it really has.
// Skipped when the corpus is absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { diffManifest } from '../../src/diff/shards.js';
import { readManifest } from '../../src/formats/read-manifest.js';
import type { ManifestFile } from '../../src/formats/model.js';
import { defaultSettings } from '../../src/analysis/settings.js';

const LIMITS = defaultSettings().limits;

const CORPUS = resolve('../shared/corpus');
const present = existsSync(CORPUS);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Corpus copies of older revisions are named `X@rev`; they are read as the file `X` they were. */
const asCommitted = (path: string) => path.replace(/@[^/]+$/, '');
const files = present
  ? walk(CORPUS)
      .map((f) => relative(CORPUS, f))
      .filter((f) => f !== 'SOURCES.md')
      .sort()
  : [];
const read = new Map<string, ManifestFile | undefined>();
const errors: string[] = [];
for (const f of files) {
  try {
    read.set(f, readManifest(asCommitted(f), readFileSync(join(CORPUS, f), 'utf8'), false, LIMITS));
  } catch (e) {
    errors.push((e as Error).message);
  }
}

const sum = (m: ManifestFile, unit: 'rows' | 'bytes') => m.dataset.shards.reduce((n, s) => n + (s[unit] ?? 0), 0);

/** [file, format, shards, total rows, total bytes]: counted by hand from the files themselves. */
const EXPECTED: [string, string, number, number, number][] = [
  ['dvc/iterative-dataset-registry/use-cases/cats-dogs.dvc', 'dvc', 1, 0, 64128504],
  ['dvc/iterative-dataset-registry/workshop/satellite-data.dvc', 'dvc', 1, 0, 171226948],
  // Stage outputs that are models, metrics or plots (model.pkl, eval, models/*, results/evaluate) are not data.
  ['dvc/iterative-example-get-started/dvc.lock', 'dvc', 2, 0, 10669951],
  ['dvc/iterative-example-get-started-experiments/dvc.lock', 'dvc', 3, 0, 18994681],
  ['hf-dataset-cards/huggingface-datasets-gh/common_voice/README.md', 'hf-dataset-card', 60, 0, 0],
  ['hf-dataset-cards/huggingface-datasets-gh/babi_qa/README.md', 'hf-dataset-card', 160, 0, 0],
  ['hf-dataset-cards/huggingface-datasets-gh/conll2000/README.md', 'hf-dataset-card', 2, 10950, 6558116],
  ['hf-dataset-cards/jakartaresearch-hf-datasets/causalqa/README.md', 'hf-dataset-card', 8, 12836, 23949696],
  ['hf-dataset-cards/danish-foundation-models-datasheets/README.md', 'hf-dataset-card', 58, 0, 0],
  ['mosaicml-streaming/hf-main-horse-ffv4-test-4/val_c4/index.json', 'mosaicml-streaming', 3, 10000, 163920543],
  ['mosaicml-streaming/mosaicml-streaming/tests/resources/naive_MDSdataset/index.json', 'mosaicml-streaming', 2, 5, 510],
  ['data-mixtures/huggingface-smollm/text/pretraining/smollm3/stage1_8T.yaml', 'nanotron-mixture', 41, 0, 0],
  ['data-mixtures/huggingface-nanotron/examples/config_nanoset.yaml', 'nanotron-mixture', 5, 0, 0],
  ['data-mixtures/loubnabnl-bigcode-data-mix/data/train_data_paths.txt', 'megatron-blend', 99, 0, 0],
  // OLMo-core mixes: one shard per labelled source, however many files it lists.
  ['olmo-dolma/allenai-OLMo-core/src/olmo_core/data/mixes/OLMoE-mix-0824.txt', 'olmo-mix', 7, 0, 0],
  ['olmo-dolma/allenai-OLMo-core/src/olmo_core/data/mixes/dolmino.txt', 'olmo-mix', 11, 0, 0],
  ['olmo-dolma/allenai-OLMo-core/src/olmo_core/data/mixes/OLMo-mix-0925-official.txt', 'olmo-mix', 65, 0, 0],
  ['croissant/1.1-commoncrawl-CC-MAIN-2025-43-draft/metadata.json', 'croissant', 15, 0, 139802903480530],
  ['croissant/1.0-bigcode-the-stack/metadata.json', 'croissant', 2, 0, 0],
  ['croissant/1.0-huggingface-open-hermes/metadata.json', 'croissant', 2, 0, 0],
  ['data-provenance/Data-Provenance-Collection/data_summaries/Dolly 15k.json', 'data-provenance', 7, 15011, 0],
  ['data-provenance/Data-Provenance-Collection/data_summaries/UltraChat.json', 'data-provenance', 1, 1468352, 0],
  ['data-provenance/Data-Provenance-Collection/data_summaries/_template.json', 'data-provenance', 0, 0, 0],
];

/** Files that hold no manifest of a supported kind (pipelines, vocabularies, statistics, CSVs). */
const NOT_MANIFESTS = [
  'dvc/iterative-example-get-started/dvc.yaml',
  'croissant/croissant_rai.ttl',
  'hf-dataset-cards/huggingface-datasets-gh/squad/dataset_infos.json',
  'data-mixtures/loubnabnl-bigcode-data-mix/data/data_sources.csv',
  'olmo-dolma/allenai-OLMo/configs/official-1124/provenance.csv',
];

(present ? describe : describe.skip)('real manifests in ../shared/corpus', () => {
  afterAll(() => {
    const manifests = [...read.values()].filter((m): m is ManifestFile => !!m);
    const shards = manifests.reduce((n, m) => n + m.dataset.shards.length, 0);
    const formats = [...new Set(manifests.map((m) => m.format))].sort().join(', ');
    process.stdout.write(`corpus: ${files.length} files read in place, ${manifests.length} manifests (${formats}), ${shards} shards\n`);
  });

  it('reads every file without error', () => {
    expect(errors).toEqual([]);
  });

  it.each(EXPECTED)('%s is %s with %i shards, %i rows, %i bytes', (file, format, shards, rows, bytes) => {
    const m = read.get(file);
    expect(m?.format).toBe(format);
    expect(m!.dataset.shards).toHaveLength(shards);
    expect(sum(m!, 'rows')).toBe(rows);
    expect(sum(m!, 'bytes')).toBe(bytes);
    expect(new Set(m!.dataset.shards.map((s) => s.id)).size).toBe(shards);
  });

  it.each(NOT_MANIFESTS)('%s is not taken for a manifest', (file) => {
    expect(read.get(file)).toBeUndefined();
  });

  it('maps Croissant and Data Provenance facts to origin', () => {
    const first = (f: string) => read.get(f)!.dataset.shards[0]!;
    expect(first('croissant/1.0-huggingface-open-hermes/metadata.json')).toMatchObject({ origin: 'synthetic', generator: { model: 'GPT-4' } });
    expect(first('croissant/1.0-bigcode-the-stack/metadata.json')).toMatchObject({ origin: 'human', tags: ['web'] });
    expect(first('data-provenance/Data-Provenance-Collection/data_summaries/Alpaca.json').origin).toBe('synthetic');
    expect(first('data-provenance/Data-Provenance-Collection/data_summaries/Dolly 15k.json').origin).toBe('human');
  });

  it('maps Hugging Face creators to origin', () => {
    const origin = (name: string) => read.get(`hf-dataset-cards/huggingface-datasets-gh/${name}/README.md`)!.dataset.shards[0]!.origin;
    expect([origin('squad'), origin('babi_qa'), origin('gem'), origin('c4')]).toEqual(['human', 'synthetic', 'mixed', 'human']);
  });

  it('cats-dogs.dvc@0547f58 → @99d1cdb: the same shard with new content (modified)', () => {
    const d = pair('dvc/iterative-dataset-registry/use-cases/cats-dogs.dvc@0547f58', 'dvc/iterative-dataset-registry/use-cases/cats-dogs.dvc@99d1cdb');
    expect(d.counts).toEqual({ added: 0, removed: 0, modified: 1, renamed: 0, unchanged: 0 });
    expect(d.shards[0]).toMatchObject({ status: 'modified', changed: ['hash'] });
  });

  it('data.xml.dvc@2-track-data → data.xml.dvc: tracked data replaced by an import from the registry (modified source)', () => {
    const d = pair('dvc/iterative-example-get-started/data/data.xml.dvc@2-track-data', 'dvc/iterative-example-get-started/data/data.xml.dvc');
    expect(d.counts.modified).toBe(1);
    expect(d.shards[0]).toMatchObject({ status: 'modified', changed: ['source'] });
    expect(d.shards[0]!.head!.source).toBe('https://github.com/iterative/dataset-registry:get-started/data.xml');
  });
});

function pair(base: string, head: string) {
  const b = read.get(base)!;
  const h = read.get(head)!;
  return diffManifest({ path: asCommitted(head), format: h.format, kind: 'inventory', status: 'modified', base: b.dataset, head: h.dataset, dataset: '' });
}
