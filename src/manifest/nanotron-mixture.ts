// nanotron / SmolLM training configs: `data_stages[].data.dataset` names the sources
// (`dataset_folder`, a path, a list, or a path → weight mapping) and their `dataset_weights`.
// Each source of each stage is a shard (SPEC §5a): its id is the dataset name derived from the
// folder (see `sourceName`), prefixed by the stage when there are several (`stable: fineweb-edu`),
// so moving the data to another bucket or tokenizer folder changes nothing. Its weight is its
// share within the stage, divided by the number of stages so that one file is one mixture.
// Duplicate keys are read as the YAML loaders of training code read them (the later one counts).
import type { ManifestFormat } from './formats.js';
import { applyKnownSyntheticSources } from './known-synthetic-sources.js';
import { ManifestError } from './manifest-error.js';
import { duplicateKeyNotes, readYaml } from './read-source.js';
import { MixtureSources, normalise, sourceName } from './mixture-sources.js';
import type { Dataset } from './model.js';
import type { YamlSource } from '../yaml-source.js';

export const nanotronMixtureFormat: ManifestFormat = {
  kind: 'recipe',
  provenanceFields: [],
  name: 'nanotron-mixture',
  candidate: (path) => /\.ya?ml$/i.test(path),
  detect: (_path, text) => /^data_stages\s*:/m.test(text) && /dataset_folder\s*:/.test(text),
  parse: parseNanotronMixture,
  fillDefaults: applyKnownSyntheticSources,
};

type Stage = { name?: unknown; data?: { dataset?: { dataset_folder?: unknown; dataset_weights?: unknown } } };

export function parseNanotronMixture(file: string, text: string): Dataset {
  const source = readYaml(file, text, { duplicateKeys: 'last-wins' });
  const root = source.value as { data_stages?: unknown } | null;
  const stages = root?.data_stages;
  if (!Array.isArray(stages)) throw new ManifestError(file, source.lineOf(['data_stages']), 'data_stages: expected a list of stages');
  const mixture = new MixtureSources();
  stages.forEach((stage: Stage, i) => {
    const at = ['data_stages', i, 'data', 'dataset'];
    const dataset = stage?.data?.dataset;
    if (!dataset || typeof dataset !== 'object') {
      throw new ManifestError(file, source.lineOf(['data_stages', i]), `data_stages.${i}: expected data.dataset`);
    }
    const { folders, weights } = sources(file, dataset, at, source);
    const name = typeof stage.name === 'string' && stage.name ? stage.name : `stage ${i + 1}`;
    const share = normalise(weights);
    folders.forEach((folder, j) => {
      const id = stages.length === 1 ? sourceName(folder.path) : `${name}: ${sourceName(folder.path)}`;
      mixture.add(id, folder.path, share[j]! / stages.length, folder.line);
    });
  });
  const notes = duplicateKeyNotes(source);
  return notes.length > 0 ? { shards: mixture.shards(), notes } : { shards: mixture.shards() };
}

function sources(file: string, dataset: NonNullable<NonNullable<Stage['data']>['dataset']>, at: (string | number)[], src: YamlSource) {
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
      throw new ManifestError(file, line('dataset_folder'),
        `dataset_folder: ${paths.length} paths written as one string ("${folder.slice(0, 60)}…"); write them as a list, one "- path" per line`);
    }
    if (Array.isArray(w) && w.length !== 1) {
      throw new ManifestError(file, line('dataset_folder'),
        `dataset_folder: one folder for ${w.length} dataset_weights; give one folder per weight, as a list`);
    }
    folders = [{ path: folder, line: line('dataset_folder') }];
    weights = [1];
  } else if (Array.isArray(folder) && folder.every((f) => typeof f === 'string')) {
    folders = folder.map((f, j) => ({ path: f as string, line: line('dataset_folder', j) }));
    const w = dataset.dataset_weights;
    if (w === undefined || w === null) weights = folders.map(() => 1);
    else if (Array.isArray(w) && w.length === folders.length && w.every((x) => typeof x === 'number' && x >= 0)) weights = w as number[];
    else {
      throw new ManifestError(file, line('dataset_weights'),
        `dataset_weights: expected ${folders.length} non-negative numbers, one per dataset_folder entry`);
    }
  } else if (folder && typeof folder === 'object' && !Array.isArray(folder)) {
    const entries = Object.entries(folder as Record<string, unknown>);
    if (!entries.every(([, w]) => typeof w === 'number' && w >= 0)) {
      throw new ManifestError(file, line('dataset_folder'), 'dataset_folder: expected folder → non-negative weight');
    }
    folders = entries.map(([p]) => ({ path: p, line: line('dataset_folder', p) }));
    weights = entries.map(([, w]) => w as number);
  } else {
    throw new ManifestError(file, line('dataset_folder'), 'dataset_folder: expected a path, a list of paths, or a path → weight mapping');
  }
  return { folders, weights };
}
