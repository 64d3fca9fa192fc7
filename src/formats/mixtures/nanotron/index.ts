// nanotron / SmolLM training configs: `data_stages[].data.dataset` names the sources
// (`dataset_folder`, a path, a list, or a path → weight mapping) and their `dataset_weights`.
// Each source of each stage is a shard (SPEC §5a): its id is the dataset name derived from the
// folder (see `sourceName`), prefixed by the stage when there are several (`stable: fineweb-edu`),
// so moving the data to another bucket or tokenizer folder changes nothing. Its weight is its
// share within the stage, divided by the number of stages so that one file is one mixture.
// Duplicate keys are read as the YAML loaders of training code read them (the later one counts).
import { duplicateKeyNotes } from '../../notes.js';
import type { ManifestFormat, ReadOptions } from '../../types.js';
import { applyKnownSyntheticSources } from '../known-synthetic-sources.js';
import { SourceError } from '../../../text/source-error.js';
import { readYaml } from '../../../text/read.js';
import { MixtureSources, normalise, sourceName } from '../sources.js';
import type { Dataset } from '../../model.js';
import type { YamlSource } from '../../../text/yaml.js';

export const nanotronMixtureFormat: ManifestFormat = {
  title: 'nanotron / SmolLM mixture',
  kind: 'recipe',
  provenanceFields: [],
  weights: 'shares',
  name: 'nanotron-mixture',
  candidate: (path) => /\.ya?ml$/i.test(path),
  // A source key on a line of its own, not in a comment (configs keep old sources commented out).
  detect: (_path, text) => /^data_stages\s*:/m.test(text) && /^[ \t]*(- )?(dataset_folder|hf_dataset_or_datasets)\s*:/m.test(text),
  parse: parseNanotronMixture,
  fillDefaults: applyKnownSyntheticSources,
};

type DatasetArgs = { dataset_folder?: unknown; dataset_weights?: unknown; hf_dataset_or_datasets?: unknown };
type Stage = { name?: unknown; data?: { dataset?: DatasetArgs | null } };

export function parseNanotronMixture(file: string, text: string, options: ReadOptions = {}): Dataset {
  const source = readYaml(file, text, { duplicateKeys: 'last-wins', fast: options.fastPaths !== false });
  const root = source.value as { data_stages?: unknown } | null;
  const stages = root?.data_stages;
  if (!Array.isArray(stages)) throw new SourceError(file, source.lineOf(['data_stages']), 'data_stages: expected a list of stages');
  const mixture = new MixtureSources();
  const notes = duplicateKeyNotes(source);
  stages.forEach((stage: Stage, i) => {
    const at = ['data_stages', i, 'data', 'dataset'];
    const dataset = stage?.data?.dataset;
    // No dataset (nanotron then trains on generated dummy tokens, for benchmarks), or one given
    // another way: no data to judge in this stage, said in a note.
    if (!dataset || typeof dataset !== 'object' || (dataset.dataset_folder == null && dataset.hf_dataset_or_datasets == null)) {
      notes.push({
        field: `data_stages.${i}.data.dataset`,
        line: source.lineOf(['data_stages', i]) ?? 1,
        severity: 'info',
        detail: `stage ${i + 1} names no dataset_folder or hf_dataset_or_datasets (dummy data, or a loader the reader does not know): no source read`,
      });
      return;
    }
    const { folders, weights } =
      dataset.dataset_folder != null ? sources(file, dataset, at, source) : hubSources(file, dataset.hf_dataset_or_datasets, at, source);
    const name = typeof stage.name === 'string' && stage.name ? stage.name : `stage ${i + 1}`;
    const share = normalise(weights);
    folders.forEach((folder, j) => {
      const id = stages.length === 1 ? sourceName(folder.path) : `${name}: ${sourceName(folder.path)}`;
      mixture.add(id, folder.path, share[j]! / stages.length, folder.line);
    });
  });
  return notes.length > 0 ? { shards: mixture.shards(), notes } : { shards: mixture.shards() };
}

/** `hf_dataset_or_datasets`: a Hub dataset id, a list of them, or an id → weight mapping. */
function hubSources(file: string, value: unknown, at: (string | number)[], src: YamlSource) {
  const line = (...p: (string | number)[]) => src.lineOf([...at, 'hf_dataset_or_datasets', ...p]) ?? 1;
  if (typeof value === 'string') return { folders: [{ path: value, line: line() }], weights: [1] };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return { folders: value.map((v, j) => ({ path: v as string, line: line(j) })), weights: value.map(() => 1) };
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((w) => typeof w === 'number' && w >= 0)) {
    const entries = Object.entries(value as Record<string, number>);
    return { folders: entries.map(([id]) => ({ path: id, line: line(id) })), weights: entries.map(([, w]) => w) };
  }
  throw new SourceError(file, line(), 'hf_dataset_or_datasets: expected a dataset id, a list of ids, or an id → weight mapping');
}

function sources(file: string, dataset: DatasetArgs, at: (string | number)[], src: YamlSource) {
  const folder = dataset.dataset_folder;
  const line = (...p: (string | number)[]) => src.lineOf([...at, ...p]) ?? 1;
  let folders: { path: string; line: number }[];
  let weights: number[];
  if (typeof folder === 'string') {
    // One folder. Several paths in one string are a list written without its dashes (a YAML
    // plain scalar folds its lines into one string): not one source, and not what was meant.
    const w = dataset.dataset_weights;
    const paths = folder.trim().split(/\s+/);
    if (paths.length > 1 && paths.every((p) => p.includes('/'))) {
      throw new SourceError(
        file,
        line('dataset_folder'),
        `dataset_folder: ${paths.length} paths written as one string ("${folder.slice(0, 60)}…"); write them as a list, one "- path" per line`,
      );
    }
    if (Array.isArray(w) && w.length !== 1) {
      throw new SourceError(file, line('dataset_folder'), `dataset_folder: one folder for ${w.length} dataset_weights; give one folder per weight, as a list`);
    }
    folders = [{ path: folder, line: line('dataset_folder') }];
    weights = [1];
  } else if (Array.isArray(folder) && folder.every((f) => typeof f === 'string')) {
    folders = folder.map((f, j) => ({ path: f as string, line: line('dataset_folder', j) }));
    const w = dataset.dataset_weights;
    if (w === undefined || w === null) weights = folders.map(() => 1);
    else if (Array.isArray(w) && w.length === folders.length && w.every((x) => typeof x === 'number' && x >= 0)) weights = w as number[];
    else {
      throw new SourceError(file, line('dataset_weights'), `dataset_weights: expected ${folders.length} non-negative numbers, one per dataset_folder entry`);
    }
  } else if (folder && typeof folder === 'object' && !Array.isArray(folder)) {
    const entries = Object.entries(folder as Record<string, unknown>);
    if (!entries.every(([, w]) => typeof w === 'number' && w >= 0)) {
      throw new SourceError(file, line('dataset_folder'), 'dataset_folder: expected folder → non-negative weight');
    }
    folders = entries.map(([p]) => ({ path: p, line: line('dataset_folder', p) }));
    weights = entries.map(([, w]) => w as number);
  } else {
    throw new SourceError(file, line('dataset_folder'), 'dataset_folder: expected a path, a list of paths, or a path → weight mapping');
  }
  return { folders, weights };
}
