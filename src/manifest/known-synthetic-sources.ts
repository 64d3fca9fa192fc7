// Well-known synthetic training sources, recognised by name in mixture paths (SPEC §4).
// Mixture formats say nothing about origin; this list gives the obvious ones. It applies after
// the policy file's `provenance` map, so a team can correct any entry for its own data.
import type { Dataset } from './model.js';

/** Name fragments (matched case-insensitively anywhere in a shard's path or id) of synthetic datasets. */
export const KNOWN_SYNTHETIC_SOURCES: readonly string[] = [
  'cosmopedia',           // Mixtral-generated textbooks and stories (Hugging Face)
  'openmathinstruct',     // Mixtral/Llama-generated math solutions (NVIDIA)
  'tinygsm',              // GPT-3.5-generated grade-school math
  'nemotron-synth',       // Nemotron-CC synthetic rephrasings
  'nemotron_synth',
  'tinystories',          // GPT-3.5/4-generated stories
  'magpie',               // self-synthesised instruction data
  'openhermes',           // GPT-4-generated instructions
  'ultrachat',            // ChatGPT-generated dialogues
  'self-instruct',        // model-generated instructions
  'alpaca',               // text-davinci-003-generated instructions
  'evol-instruct',        // WizardLM evolved instructions
  'wizardlm',
  'metamath',             // GPT-3.5-augmented math questions
  'smoltalk',             // synthetic chat data (Hugging Face)
  'synthetic',            // any source that says so in its name
  'synth-',
  '-synth',
  '_synth',
];

export function isKnownSyntheticSource(text: string): boolean {
  const lower = text.toLowerCase();
  return KNOWN_SYNTHETIC_SOURCES.some((name) => lower.includes(name));
}

/** Marks shards still of unknown origin whose path or id names a known synthetic source. */
export function applyKnownSyntheticSources(dataset: Dataset): Dataset {
  return {
    ...dataset,
    shards: dataset.shards.map((s) =>
      (s.origin === undefined || s.origin === 'unknown') && isKnownSyntheticSource(`${s.path ?? ''} ${s.id}`)
        ? { ...s, origin: 'synthetic' as const }
        : s,
    ),
  };
}
