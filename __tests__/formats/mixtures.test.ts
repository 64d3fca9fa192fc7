// Data mixtures: nanotron/SmolLM data_stages, OLMo-core mixes, Megatron blends.
import { megatronBlendFormat, parseMegatronBlend } from '../../src/manifest/megatron-blend.js';
import { nanotronMixtureFormat, parseNanotronMixture } from '../../src/manifest/nanotron-mixture.js';
import { olmoMixFormat, parseOlmoMix } from '../../src/manifest/olmo-mix.js';
import { applyKnownSyntheticSources, isKnownSyntheticSource } from '../../src/manifest/known-synthetic-sources.js';

const SMOL = `checkpoints:
  save_final_state: true
data_stages:
- data:
    dataset:
      dataset_folder:
      - s3://mix/fineweb-edu/
      - s3://mix/fw2-swa/
      - s3://mix/cosmopedia-v2/
      dataset_weights:
      - 0.6
      - 0.2
      - 0.2
  name: stable
- data:
    dataset:
      dataset_folder:
        s3://mix/fineweb-edu/: 3
        s3://mix/stack-edu/: 1
  name: decay
model:
  dtype: bfloat16
`;

describe('nanotron / SmolLM data_stages', () => {
  it('is detected by its data_stages and read as weighted sources per stage', () => {
    expect(nanotronMixtureFormat.candidate('configs/stage1.yaml')).toBe(true);
    expect(nanotronMixtureFormat.detect('configs/stage1.yaml', SMOL)).toBe(true);
    expect(nanotronMixtureFormat.detect('x.yaml', 'model:\n  dtype: bf16\n')).toBe(false);
    const d = parseNanotronMixture('stage.yaml', SMOL);
    expect(d.shards.map((s) => [s.id, s.weight, s.line])).toEqual([
      ['stable: s3://mix/fineweb-edu/', 0.3, 7],
      ['stable: s3://mix/fw2-swa/', 0.1, 8],
      ['stable: s3://mix/cosmopedia-v2/', 0.1, 9],
      ['decay: s3://mix/fineweb-edu/', 0.375, 18],
      ['decay: s3://mix/stack-edu/', 0.125, 19],
    ]);
  });

  it('names the line of a weights list that does not fit the folders', () => {
    expect(() => parseNanotronMixture('s.yaml', SMOL.replace('      - 0.2\n  name: stable', '  name: stable'))).toThrow(/^s\.yaml:11: dataset_weights: expected 3 non-negative numbers/);
  });

  it('marks well-known synthetic sources as synthetic, after anything the policy said', () => {
    const d = applyKnownSyntheticSources(parseNanotronMixture('stage.yaml', SMOL));
    expect(d.shards.filter((s) => s.origin === 'synthetic').map((s) => s.id)).toEqual(['stable: s3://mix/cosmopedia-v2/']);
    expect(isKnownSyntheticSource('datasets/OpenMathInstruct-2/train')).toBe(true);
    expect(isKnownSyntheticSource('datasets/fineweb-edu')).toBe(false);
    const told = applyKnownSyntheticSources({ shards: [{ id: 'cosmopedia', tags: [], line: 1, origin: 'human' }] });
    expect(told.shards[0]!.origin).toBe('human');
  });
});

describe('OLMo-core mixes', () => {
  const MIX = '# Math\nproofpile2,preprocessed/pp2/part-00.npy\nproofpile2,preprocessed/pp2/part-01.npy\n\n# Code\nstarcoder,preprocessed/sc/part-00.npy\n';

  it('is read as one shard per line, its label as category', () => {
    expect(olmoMixFormat.candidate('src/olmo_core/data/mixes/dolmino.txt')).toBe(true);
    expect(olmoMixFormat.candidate('requirements.txt')).toBe(false);
    expect(olmoMixFormat.detect('mixes/a.txt', MIX)).toBe(true);
    expect(olmoMixFormat.detect('mixes/a.txt', 'numpy==1.26\n')).toBe(false);
    const d = parseOlmoMix('mixes/a.txt', MIX);
    expect(d.shards.map((s) => [s.id, s.line, s.categories])).toEqual([
      ['preprocessed/pp2/part-00.npy', 2, { proofpile2: 1 }],
      ['preprocessed/pp2/part-01.npy', 3, { proofpile2: 1 }],
      ['preprocessed/sc/part-00.npy', 6, { starcoder: 1 }],
    ]);
    expect(() => parseOlmoMix('mixes/a.txt', 'a,b/c\nnot a line\n')).toThrow(/^mixes\/a\.txt:2: expected "label,path"/);
    // A file listed twice is sampled twice.
    const twice = parseOlmoMix('mixes/a.txt', 'web,d/x.npy\nweb,d/x.npy\nmath,d/y.npy\n');
    expect(twice.shards.map((s) => [s.id, s.weight, s.line, s.categories])).toEqual([['d/x.npy', 2, 1, { web: 2 }], ['d/y.npy', 1, 3, { math: 1 }]]);
  });
});

describe('Megatron blends', () => {
  it('reads weight/path pairs, with an optional split range and NAME: prefix', () => {
    const text = '"TRAIN: 3.0 0:0.969 ${DATA}/code/css/doc, 1.0 0:0.969 ${DATA}/code/c/doc"\n';
    expect(megatronBlendFormat.candidate('data/train_data_paths.txt')).toBe(true);
    expect(megatronBlendFormat.detect('data/train_data_paths.txt', text)).toBe(true);
    const d = parseMegatronBlend('blend.txt', text);
    expect(d.shards.map((s) => [s.id, s.weight])).toEqual([['${DATA}/code/css/doc', 0.75], ['${DATA}/code/c/doc', 0.25]]);
    const plain = parseMegatronBlend('blend.txt', '0.3 /data/web\n0.7 /data/books\n');
    expect(plain.shards.map((s) => [s.id, s.weight, s.line])).toEqual([['/data/web', 0.3, 1], ['/data/books', 0.7, 2]]);
  });

  it('names the line of a weight without a path', () => {
    expect(() => parseMegatronBlend('b.txt', '0.3 /data/web\n0.7\n')).toThrow(/^b\.txt:2: weight 0\.7 has no path/);
    expect(megatronBlendFormat.detect('b.txt', 'hello world\n')).toBe(false);
  });
});

describe('known synthetic sources', () => {
  it('match whole names: a path segment, a dataset id, a key=value value, with a version or variant suffix', () => {
    const yes = [
      'datasets/OpenMathInstruct-2/train', 'HuggingFaceTB/cosmopedia', 's3://mix/cosmopedia-v2/', 'preprocessed/x/nemotron-synth-qa/v0/part-0.npy',
      'nemotron_synth_qa', 'data/kind=synthetic/part-0.npy', 'preprocessed/tinyGSM/mind-2students', 'preprocessed/gsm8k-synth/resample_v1_6x',
      'preprocessed/mathcoder2-synthmath/ajibawa-2023', 'preprocessed/personahub_math_v5_regen_149960', 'preprocessed/MIND/clean_stop',
      'MIND/owm', 'smoltalk2', 'open-thoughts/OpenThoughts3-1.2M', 'metamath-qa', 'synthetic-textbooks', 'longmino/LC_synth/cwe',
      'allenai/tulu-3-sft-personas-math-grade', 'llama_nemotron-reasoning-traces', 'OpenMathReasoning-rewrite-full-thoughts',
    ];
    const no = [
      'preprocessed/dclm/text_openhermes_reddit_eli5_vs_rw_v2_bigram_200k_train/{TOKENIZER}/part-1-00000.npy',
      'datasets/fineweb-edu', 'mind2web/train', 'mindspore', 'non-synthetic', 'photosynthesis', 'synthesis-notes', 'data/human_vs_synthetic_classifier',
      'the-alpacas', 'quality=high', 'preprocessed/olmo-mix/v1_6-decontaminated/books',
    ];
    expect(yes.filter((t) => !isKnownSyntheticSource(t))).toEqual([]);
    expect(no.filter((t) => isKnownSyntheticSource(t))).toEqual([]);
  });
});
