// Data mixtures (recipes): nanotron/SmolLM data_stages, OLMo-core mixes, Megatron blends. A source
// is identified by its label or dataset name, never by the character string of its path.
import { diffManifest } from '../../src/diff/shards.js';
import { megatronBlendFormat, parseMegatronBlend } from '../../src/formats/mixtures/megatron-blend/index.js';
import { sourceName } from '../../src/formats/mixtures/sources.js';
import { nanotronMixtureFormat, parseNanotronMixture } from '../../src/formats/mixtures/nanotron/index.js';
import { olmoMixFormat, parseOlmoMix } from '../../src/formats/mixtures/olmo-mix/index.js';
import { applyKnownSyntheticSources, isKnownSyntheticSource } from '../../src/formats/mixtures/known-synthetic-sources.js';
import type { Dataset } from '../../src/formats/model.js';
import { errorOf } from '../helpers/error-of.js';

/** Base and head of one recipe, diffed as the action diffs them. */
const diff = (base: Dataset, head: Dataset) => diffManifest({ path: 'mix', format: 'mix', kind: 'recipe', status: 'modified', base, head, dataset: '' });
/** Every fact of each shard but where its first file sits. */
const facts = (d: Dataset) => d.shards.map(({ path: _path, files: _files, ...rest }) => rest);

describe('source names derived from paths', () => {
  it('drop the store prefix, the tokenizer folder or placeholder, and the numbered file', () => {
    const names = [
      's3://ai2-llm/preprocessed/pes2o/allenai/dolma2-tokenizer/part-03-00000.npy',
      'https://olmo-data.org/preprocessed/pes2o/{TOKENIZER}/part-12-00000.npy',
      'gs://ai2-llm/preprocessed/pes2o/gpt-neox-20b-pii-special/part-1-00000.npy',
      'preprocessed/pes2o/dolma2-tokenizer/0004/part-0-00000.npy',
    ].map(sourceName);
    expect(new Set(names)).toEqual(new Set(['preprocessed/pes2o']));
    expect(sourceName('eval/v3_small_dolma2-tokenizer/c4_en/val/part-0-00000.npy')).toBe(sourceName('eval/v3_small_{TOKENIZER}/c4_en/val/part-0-00000.npy'));
    expect(sourceName('${DATA_PATH}/code/css/doc')).toBe('code/css/doc');
    expect(sourceName('s3://mix/fineweb-edu/')).toBe('fineweb-edu');
    expect(sourceName('hf://datasets/HuggingFaceTB/smollm-corpus/cosmopedia-v2/train-00000-of-00004.parquet')).toBe(
      'HuggingFaceTB/smollm-corpus/cosmopedia-v2',
    );
  });

  it('keep what tells sources apart: named files, split and variant folders', () => {
    expect(sourceName('/data/blend/wiki_text_document')).not.toBe(sourceName('/data/blend/books_text_document'));
    expect(sourceName('data/wiki.jsonl')).toBe('data/wiki');
    expect(sourceName('pdfs/length_2e12/art/part-0.npy')).not.toBe(sourceName('pdfs/length_2e13/art/part-0.npy'));
    expect(sourceName('ppl/c4_en/val/part-0-00000.npy')).toBe('ppl/c4_en/val');
  });
});

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
  it('is detected by its data_stages and read as weighted sources per stage, the stage in the id', () => {
    expect(nanotronMixtureFormat.candidate('configs/stage1.yaml')).toBe(true);
    expect(nanotronMixtureFormat.detect('configs/stage1.yaml', SMOL)).toBe(true);
    expect(nanotronMixtureFormat.detect('x.yaml', 'model:\n  dtype: bf16\n')).toBe(false);
    const d = parseNanotronMixture('stage.yaml', SMOL);
    expect(d.shards.map((s) => [s.id, s.path, s.weight, s.line])).toEqual([
      ['stable: fineweb-edu', 's3://mix/fineweb-edu/', 0.3, 7],
      ['stable: fw2-swa', 's3://mix/fw2-swa/', 0.1, 8],
      ['stable: cosmopedia-v2', 's3://mix/cosmopedia-v2/', 0.1, 9],
      ['decay: fineweb-edu', 's3://mix/fineweb-edu/', 0.375, 18],
      ['decay: stack-edu', 's3://mix/stack-edu/', 0.125, 19],
    ]);
    expect(d.notes).toBeUndefined();
  });

  it('reads a single stage without the stage in the id, and a single folder as one source', () => {
    const one = 'data_stages:\n- data:\n    dataset:\n      dataset_folder: datasets/c4-es/tokenized\n  name: main\n';
    expect(parseNanotronMixture('c.yaml', one).shards.map((s) => [s.id, s.weight, s.line])).toEqual([['datasets/c4-es/tokenized', 1, 4]]);
  });

  it('gives identical sources when the data moves to another bucket or tokenizer folder', () => {
    const moved = SMOL.replace(/s3:\/\/mix\//g, 'https://data.example.org/llama3/');
    expect(facts(parseNanotronMixture('s.yaml', moved))).toEqual(facts(parseNanotronMixture('s.yaml', SMOL)));
    const d = diff(parseNanotronMixture('s.yaml', SMOL), parseNanotronMixture('s.yaml', moved));
    expect([d.counts.added, d.counts.removed, d.counts.modified]).toEqual([0, 0, 0]);
  });

  it('reads two folders of one dataset in a stage as one source with their weights added', () => {
    const two =
      'data_stages:\n- data:\n    dataset:\n      dataset_folder:\n      - s3://a/web/\n      - s3://b/web/\n      - s3://a/math/\n' +
      '      dataset_weights: [1, 1, 2]\n  name: s\n';
    expect(parseNanotronMixture('t.yaml', two).shards.map((s) => [s.id, s.weight, s.line])).toEqual([
      ['web', 0.5, 5],
      ['math', 0.5, 7],
    ]);
  });

  it('names the line of a weights list that does not fit the folders', () => {
    expect(errorOf(() => parseNanotronMixture('s.yaml', SMOL.replace('      - 0.2\n  name: stable', '  name: stable'))).message).toMatch(
      /^s\.yaml:11: dataset_weights: expected 3 non-negative numbers/,
    );
    const oneForFive = 'data_stages:\n- data:\n    dataset:\n      dataset_folder:\n      - datasets/a\n      dataset_weights: [0.5, 0.2, 0.1, 0.1, 0.1]\n';
    expect(errorOf(() => parseNanotronMixture('o.yaml', oneForFive)).message).toMatch(/^o\.yaml:6: dataset_weights: expected 1 non-negative number/);
  });

  it('is invalid, never one source, when the folders are one multi-line string', () => {
    const broken = `data_stages:
- data:
    dataset:
      dataset_folder: # paths to tokenized datasets
        datasets/fineweb-edu-dedup
        datasets/cosmopedia-v2
        datasets/python-edu
      dataset_weights:
        - 0.7
        - 0.2
        - 0.1
  name: training stage
`;
    expect(nanotronMixtureFormat.detect('c.yaml', broken)).toBe(true);
    expect(errorOf(() => parseNanotronMixture('c.yaml', broken)).message).toMatch(/^c\.yaml:5: dataset_folder: 3 paths written as one string/);
    const oneFolder = broken.replace(/ {8}datasets\/(cosmopedia-v2|python-edu)\n/g, '');
    expect(errorOf(() => parseNanotronMixture('c.yaml', oneFolder)).message).toMatch(/^c\.yaml:5: dataset_folder: one folder for 3 dataset_weights/);
  });

  it('reads duplicate keys as training code reads them (the later one counts), with a low note', () => {
    const twice = `data_stages:
- data:
    dataset:
      dataset_folder:
      - datasets/web
      dataset_folder:
      - datasets/web
      - datasets/cosmopedia
  name: stable
`;
    const d = parseNanotronMixture('twice.yaml', twice);
    expect(d.shards.map((s) => [s.id, s.weight])).toEqual([
      ['datasets/web', 0.5],
      ['datasets/cosmopedia', 0.5],
    ]);
    expect(d.notes).toEqual([expect.objectContaining({ field: 'dataset_folder', line: 6, severity: 'low' })]);
  });

  it('marks well-known synthetic sources as synthetic, after anything the policy said', () => {
    const d = applyKnownSyntheticSources(parseNanotronMixture('stage.yaml', SMOL));
    expect(d.shards.filter((s) => s.origin === 'synthetic').map((s) => s.id)).toEqual(['stable: cosmopedia-v2']);
    const told = applyKnownSyntheticSources({ shards: [{ id: 'cosmopedia', tags: [], line: 1, origin: 'human' }] });
    expect(told.shards[0]!.origin).toBe('human');
    // A stage name is not a source name.
    const stage = applyKnownSyntheticSources(parseNanotronMixture('s.yaml', SMOL.replace('name: stable', 'name: synthetic warm-up')));
    expect(stage.shards.filter((s) => s.origin === 'synthetic').map((s) => s.id)).toEqual(['synthetic warm-up: cosmopedia-v2']);
  });
});

describe('OLMo-core mixes', () => {
  const MIX =
    '# Math\nproofpile2,preprocessed/pp2/{TOKENIZER}/part-00-00000.npy\nproofpile2,preprocessed/pp2/{TOKENIZER}/part-01-00000.npy\n\n' +
    '# Code\nstarcoder,preprocessed/sc/{TOKENIZER}/part-00-00000.npy\n';

  it('is read as one shard per source: its label, the number of its files, its first file', () => {
    expect(olmoMixFormat.candidate('src/olmo_core/data/mixes/dolmino.txt')).toBe(true);
    expect(olmoMixFormat.detect('mixes/a.txt', MIX)).toBe(true);
    const d = parseOlmoMix('mixes/a.txt', MIX);
    expect(d.shards).toEqual([
      {
        id: 'proofpile2',
        path: 'preprocessed/pp2/{TOKENIZER}/part-00-00000.npy',
        weight: 2,
        source: 'proofpile2',
        tags: [],
        line: 2,
        files: ['preprocessed/pp2/part-00-00000.npy', 'preprocessed/pp2/part-01-00000.npy'],
      },
      {
        id: 'starcoder',
        path: 'preprocessed/sc/{TOKENIZER}/part-00-00000.npy',
        weight: 1,
        source: 'starcoder',
        tags: [],
        line: 6,
        files: ['preprocessed/sc/part-00-00000.npy'],
      },
    ]);
    // A file listed twice is sampled twice.
    const twice = parseOlmoMix('mixes/a.txt', 'web,d/x.npy\nweb,d/x.npy\nmath,d/y.npy\n');
    expect(twice.shards.map((s) => [s.id, s.weight, s.line])).toEqual([
      ['web', 2, 1],
      ['math', 1, 3],
    ]);
  });

  it('reads labels as OLMo-core does: everything before the comma, "=" and all', () => {
    const label = 'nemotron-synth-qa_v0_quality=high_kind=synthetic_kind2=diverse_qa_pairs-decon';
    const text =
      `${label},preprocessed/x/{TOKENIZER}/nemotron-synth-qa/v0/quality=high/kind=synthetic/part-050-00000.npy\n` +
      'olmocr_science_pdfs-high_quality_length_2e12_art+design (v2),preprocessed/x/{TOKENIZER}/olmocr/part-0-00000.npy\n';
    expect(olmoMixFormat.detect('src/olmo_core/data/mixes/mid.txt', text)).toBe(true);
    const d = applyKnownSyntheticSources(parseOlmoMix('mid.txt', text));
    expect(d.shards.map((s) => [s.id, s.origin])).toEqual([
      [label, 'synthetic'],
      ['olmocr_science_pdfs-high_quality_length_2e12_art+design (v2)', undefined],
    ]);
  });

  it('reads the original path-only mixes, each source named by its dataset folder', () => {
    const text = `######### NON WEB DATA #########
# ~> GUTENBERG BOOKS (5.256 GT)
preprocessed/olmo-mix/v1_6-decontaminated/books/{TOKENIZER}/part-0-00000.npy
preprocessed/olmo-mix/v1_6-decontaminated/books/{TOKENIZER}/part-1-00000.npy
#SOURCE: gs://ai2-llm/preprocessed/tinyGSM/mind/dolma2-tokenizer/ (3.06BT)
preprocessed/tinyGSM/mind/dolma2-tokenizer/part-0-00000.npy

preprocessed/dclm/v0_fw2/documents/allenai/dolma2-tokenizer/0000/part-1-00000.npy
preprocessed/dclm/v0_fw2/documents/allenai/dolma2-tokenizer/0001/part-0-00000.npy
`;
    expect(olmoMixFormat.detect('src/olmo_core/data/mixes/dolma17.txt', text)).toBe(true);
    const d = applyKnownSyntheticSources(parseOlmoMix('dolma17.txt', text));
    expect(d.shards.map((s) => [s.id, s.weight, s.line, s.origin])).toEqual([
      ['preprocessed/olmo-mix/v1_6-decontaminated/books', 2, 3, undefined],
      ['preprocessed/tinyGSM/mind', 1, 6, 'synthetic'],
      ['preprocessed/dclm/v0_fw2/documents', 2, 8, undefined],
    ]);
    expect(d.shards[0]!.source).toBeUndefined();
  });

  it('recognises a mix by its content outside a mixes/ folder, and no other .txt file', () => {
    const mix = 'preprocessed/tinyGSM/mind/dolma2-tokenizer/part-0-00000.npy\nmath,preprocessed/m/{TOKENIZER}/part-1-00000.npy\n';
    expect(olmoMixFormat.candidate('src/scripts/train/anneal/dolmino.txt')).toBe(true);
    expect(olmoMixFormat.detect('src/scripts/train/anneal/dolmino.txt', mix)).toBe(true);
    const notMixes: [string, string][] = [
      ['requirements.txt', 'numpy==1.26\ntorch>=2.1 # cuda\n-e git+https://github.com/org/repo.git#egg=repo\n'],
      ['docs/notes.txt', 'We moved the mix to data/mixes/a.txt.\nSee preprocessed/x/part-0-00000.npy for an example.\n'],
      ['data/sources.txt', 'name,path\nwiki,data/wiki.parquet\nbooks,data/books.parquet\n'],
      ['data/labels.txt', 'a,b\nc,d\n'],
      ['weights.txt', 'https://example.org/models/pytorch_model.bin\n'],
      ['data/train_data_paths.txt', '0.3 data/web/part-0.npy\n0.7 data/books/part-0.npy\n'],
      ['CMakeLists.txt', 'cmake_minimum_required(VERSION 3.10)\nproject(x)\n'],
      ['data/only-comments.txt', '# preprocessed/x/part-0-00000.npy\n'],
      ['data/paths.txt', 'preprocessed/x/part-0-00000.npy\nthe rest is prose, not paths\n'],
    ];
    for (const [path, text] of notMixes) expect([path, olmoMixFormat.detect(path, text)]).toEqual([path, false]);
    expect(olmoMixFormat.candidate('data/train.json')).toBe(false);
  });

  it('reads a mix with a stray line, leaving the line out with a note at its line', () => {
    const broken = 'web,d/{TOKENIZER}/part-0.npy\nweb,d/{TOKENIZER}/part-1.npy oops\n';
    expect(olmoMixFormat.detect('src/olmo_core/data/mixes/m.txt', broken)).toBe(true);
    const d = parseOlmoMix('mixes/m.txt', broken);
    expect(d.shards.map((s) => [s.id, s.weight])).toEqual([['web', 1]]);
    expect(d.notes).toEqual([
      expect.objectContaining({ field: 'line 2', line: 2, severity: 'info', detail: expect.stringMatching(/^line 2 is not "label,path" or a data file/) }),
    ]);
    // Outside a mixes/ folder, a long mix with one stray line is still a mix.
    const long = Array.from({ length: 30 }, (_, i) => `preprocessed/dclm/{TOKENIZER}/part-${i}-00000.npy`).join('\n') + '\npreprocessed/dclm-baseline_npy/:\n';
    expect(olmoMixFormat.detect('src/scripts/train/lc.txt', long)).toBe(true);
    expect(errorOf(() => parseOlmoMix('mixes/m.txt', 'a,b,c/d.npy\n')).message).toMatch(/^mixes\/m\.txt:1: the mix lists no data files/);
  });

  it('gives identical sources when the paths are rewritten (tokenizer folder, placeholder, URL)', () => {
    const labelled = (root: string, tok: string) => [0, 1, 2].map((i) => `books,${root}preprocessed/books/${tok}/part-${i}-00000.npy`).join('\n') + '\n';
    const base = parseOlmoMix('m.txt', labelled('', 'dolma2-tokenizer'));
    const rewrites = [labelled('', '{TOKENIZER}'), labelled('s3://ai2-llm/', 'allenai/dolma2-tokenizer'), labelled('https://olmo-data.org/', '{TOKENIZER}')];
    for (const head of rewrites) {
      expect(facts(parseOlmoMix('m.txt', head))).toEqual(facts(base));
    }
    const bare = (root: string, tok: string) => [0, 1].map((i) => `${root}preprocessed/books/${tok}/part-${i}-00000.npy`).join('\n') + '\n';
    const before = parseOlmoMix('m.txt', bare('s3://ai2-llm/', 'gpt-neox-20b-pii-special'));
    const after = parseOlmoMix('m.txt', bare('https://olmo-data.org/', '{TOKENIZER}'));
    expect(facts(after)).toEqual(facts(before));
    // Only the first file's path differs: in a recipe that is no change at all.
    const d = diff(before, after);
    expect(d.counts).toEqual({ added: 0, removed: 0, modified: 0, renamed: 0, unchanged: 1 });
  });

  it('reads one file of a source leaving as that source shrinking', () => {
    const text = 'web,d/web/{TOKENIZER}/part-0.npy\nweb,d/web/{TOKENIZER}/part-1.npy\nweb,d/web/{TOKENIZER}/part-2.npy\nmath,d/m/{TOKENIZER}/part-0.npy\n';
    const d = diff(parseOlmoMix('m.txt', text), parseOlmoMix('m.txt', text.replace('web,d/web/{TOKENIZER}/part-1.npy\n', '')));
    expect(d.shards.map((c) => [c.status, c.base?.id, c.base?.weight, c.head?.weight, c.changed])).toEqual([
      ['modified', 'web', 3, 2, ['weight']],
      ['unchanged', 'math', 1, 1, []],
    ]);
  });
});

describe('Megatron blends', () => {
  it('reads weight/path pairs, with an optional split range and NAME: prefix', () => {
    const text = '"TRAIN: 3.0 0:0.969 ${DATA}/code/css/doc, 1.0 0:0.969 ${DATA}/code/c/doc"\n';
    expect(megatronBlendFormat.candidate('data/train_data_paths.txt')).toBe(true);
    expect(megatronBlendFormat.detect('data/train_data_paths.txt', text)).toBe(true);
    const d = parseMegatronBlend('blend.txt', text);
    expect(d.shards.map((s) => [s.id, s.path, s.weight])).toEqual([
      ['code/css/doc', '${DATA}/code/css/doc', 0.75],
      ['code/c/doc', '${DATA}/code/c/doc', 0.25],
    ]);
    const plain = parseMegatronBlend('blend.txt', '0.3 /data/web\n0.7 /data/books\n');
    expect(plain.shards.map((s) => [s.id, s.weight, s.line])).toEqual([
      ['data/web', 0.3, 1],
      ['data/books', 0.7, 2],
    ]);
  });

  it('gives identical sources under another root, and adds up two paths of one dataset', () => {
    const a = parseMegatronBlend('b.txt', '0.3 ${DATA}/web/gpt2/text_document\n0.7 ${DATA}/books/text_document\n');
    const b = parseMegatronBlend('b.txt', '0.3 $ROOT/web/llama3/text_document\n0.7 $ROOT/books/text_document\n');
    expect(facts(b)).toEqual(facts(a));
    const merged = parseMegatronBlend('b.txt', '1 s3://a/web/text_document\n1 s3://b/web/text_document\n2 /books/text_document\n');
    expect(merged.shards.map((s) => [s.id, s.weight, s.line])).toEqual([
      ['web/text_document', 0.5, 1],
      ['books/text_document', 0.5, 3],
    ]);
  });

  it('names the line of a weight without a path', () => {
    expect(errorOf(() => parseMegatronBlend('b.txt', '0.3 /data/web\n0.7\n')).message).toMatch(/^b\.txt:2: weight 0\.7 has no path/);
    expect(megatronBlendFormat.detect('b.txt', 'hello world\n')).toBe(false);
  });
});

describe('known synthetic sources', () => {
  it('match whole names: a path segment, a dataset id, a key=value value, with a version or variant suffix', () => {
    const yes = [
      'datasets/OpenMathInstruct-2/train',
      'HuggingFaceTB/cosmopedia',
      's3://mix/cosmopedia-v2/',
      'preprocessed/x/nemotron-synth-qa/v0/part-0.npy',
      'nemotron_synth_qa',
      'data/kind=synthetic/part-0.npy',
      'preprocessed/tinyGSM/mind-2students',
      'preprocessed/gsm8k-synth/resample_v1_6x',
      'preprocessed/mathcoder2-synthmath/ajibawa-2023',
      'preprocessed/personahub_math_v5_regen_149960',
      'preprocessed/MIND/clean_stop',
      'MIND/owm',
      'smoltalk2',
      'open-thoughts/OpenThoughts3-1.2M',
      'metamath-qa',
      'synthetic-textbooks',
      'longmino/LC_synth/cwe',
      'allenai/tulu-3-sft-personas-math-grade',
      'llama_nemotron-reasoning-traces',
      'OpenMathReasoning-rewrite-full-thoughts',
    ];
    const no = [
      'preprocessed/dclm/text_openhermes_reddit_eli5_vs_rw_v2_bigram_200k_train/{TOKENIZER}/part-1-00000.npy',
      'datasets/fineweb-edu',
      'mind2web/train',
      'mindspore',
      'non-synthetic',
      'photosynthesis',
      'synthesis-notes',
      'data/human_vs_synthetic_classifier',
      'the-alpacas',
      'quality=high',
      'preprocessed/olmo-mix/v1_6-decontaminated/books',
    ];
    expect(yes.filter((t) => !isKnownSyntheticSource(t))).toEqual([]);
    expect(no.filter((t) => isKnownSyntheticSource(t))).toEqual([]);
  });
});
