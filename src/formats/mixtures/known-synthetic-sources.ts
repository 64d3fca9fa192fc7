// Well-known synthetic training sources, recognised by name in mixture paths and ids (SPEC §4).
// Mixture formats say nothing about origin; this list gives the obvious ones. It applies after
// the policy file's `provenance` map, so a team can correct any entry for its own data.
//
// Names are matched as whole names, never as substrings of longer names: a name matches a path
// segment, a dataset id's name or the value of a `key=value` segment when it is that whole segment,
// or that segment's start followed by a version or variant suffix (`cosmopedia-v2`,
// `OpenMathInstruct-2`, `nemotron-synth-qa`, `smoltalk2`). The DCLM classifier folder
// `text_openhermes_reddit_eli5_vs_rw_v2_bigram_200k_train` is therefore not OpenHermes.
// Case, `_` and `-` do not matter (`tinyGSM`, `nemotron_synth`).
import type { Dataset } from '../model.js';

/** Names of synthetic datasets, written lower-case with `-` between words. */
export const KNOWN_SYNTHETIC_SOURCES: readonly string[] = [
  'cosmopedia', // Mixtral-generated textbooks, blog posts and stories (Hugging Face)
  'openmathinstruct', // Mixtral/Llama-generated math problems and solutions (NVIDIA)
  'openmathreasoning', // DeepSeek-R1/QwQ-generated math solutions (NVIDIA)
  'tinygsm', // GPT-3.5-generated grade-school math problems with code solutions
  'mind', // MIND: math-informed synthetic dialogues generated from math web text (NVIDIA)
  'mathcoder2-synthmath', // model-generated mathematical code and reasoning steps (MathCoder2)
  'personahub', // persona-driven GPT-4-generated problems and texts (Tencent PersonaHub)
  'tulu-3-sft-personas', // persona-driven GPT-4o-generated instruction data (Tülu 3)
  'nemotron-synth', // Nemotron-CC synthetic rephrasings and question-answer pairs (NVIDIA)
  'llama-nemotron', // Llama-Nemotron post-training data: model-generated reasoning and answers (NVIDIA)
  'openthoughts', // DeepSeek-R1/QwQ-generated reasoning traces (Open Thoughts)
  'tinystories', // GPT-3.5/4-generated short stories
  'magpie', // instructions and answers self-synthesised by aligned LLMs
  'openhermes', // GPT-4-generated instructions and answers
  'openorca', // GPT-3.5/4 completions of FLAN instructions
  'slimorca', // a filtered subset of OpenOrca
  'orca-math', // GPT-4-generated grade-school math problems and solutions (Microsoft)
  'ultrachat', // ChatGPT-generated dialogues
  'self-instruct', // model-generated instructions
  'alpaca', // text-davinci-003-generated instructions
  'evol-instruct', // WizardLM's LLM-evolved instructions
  'wizardlm', // WizardLM's LLM-evolved instruction data
  'metamath', // GPT-3.5-augmented math questions and answers (MetaMathQA)
  'metamathqa', // the MetaMathQA release under its own name
  'smoltalk', // synthetic chat data (Hugging Face)
  'megamatt', // MegaMath-Web-Pro-Max rewritten by an LLM (OLMo 3 midtraining)
  'cranemath', // model-rewritten math web text (OLMo 3 midtraining)
  'cranecode', // model-rewritten code (OLMo 3 midtraining)
  'tinymath', // model-generated math problems and solutions (OLMo 3 midtraining)
  'wiki-to-rcqa', // reading-comprehension questions generated from Wikipedia (OLMo 3 midtraining)
  'reddit-to-flashcards', // flashcards generated from Reddit threads (OLMo 3 midtraining)
  'code-meta-reasoning', // model-written reasoning about code (OLMo 3 midtraining)
  'math-meta-reasoning', // model-written reasoning about math (OLMo 3 midtraining)
];

/**
 * Words by which a source says it is model-written: matched as the first or last words of a
 * segment, or a `key=value` value (`kind=synthetic`, `gsm8k-synth`, `qwq-reasoning-traces`, `4omini-rewrite`).
 */
const GENERIC_WORDS = ['synthetic', 'synth', 'reasoning-traces', 'rewrite', 'rewrites', 'rewritten', 'rephrased', 'distilled'];

/** Segments of a path or id, with the value of each `key=value` segment, lower-case with `-` for `_`. */
function segments(text: string): string[] {
  const out: string[] = [];
  for (const raw of text
    .toLowerCase()
    .replace(/_/g, '-')
    .split(/[/\s,]+/)) {
    if (!raw) continue;
    out.push(raw);
    const eq = raw.indexOf('=');
    if (eq >= 0) out.push(raw.slice(eq + 1));
  }
  return out;
}

/** `name` alone, or followed by a version or variant: `-v2`, `-qa`, `.1`, `2`, `3-1m`. */
function startsWithName(segment: string, name: string): boolean {
  return segment.startsWith(name) && /^([-.]|\d+([-.]|$)|$)/.test(segment.slice(name.length));
}

function namesGenericWord(segment: string, word: string): boolean {
  if (startsWithName(segment, word)) return true;
  // The last word, a version after it at most (`4omini-rewrite-v2`); never `non-synthetic`.
  const at = new RegExp(`-${word}([-.]?v?\\d+)?$`).exec(segment);
  return at !== null && !/(^|-)(non|no|not)$/.test(segment.slice(0, at.index));
}

export function isKnownSyntheticSource(text: string): boolean {
  return segments(text).some((s) => KNOWN_SYNTHETIC_SOURCES.some((name) => startsWithName(s, name)) || GENERIC_WORDS.some((w) => namesGenericWord(s, w)));
}

/**
 * Marks shards still of unknown origin whose path (else id) or stated source names a known synthetic
 * source. A mixture's ids add nothing to its paths but a stage name, which names no source.
 */
export function applyKnownSyntheticSources(dataset: Dataset): Dataset {
  return {
    ...dataset,
    shards: dataset.shards.map((s) =>
      (s.origin === undefined || s.origin === 'unknown') && isKnownSyntheticSource(`${s.path ?? s.id} ${s.source ?? ''}`)
        ? { ...s, origin: 'synthetic' as const }
        : s,
    ),
  };
}
