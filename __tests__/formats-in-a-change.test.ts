// Formats other than the native one, diffed and judged exactly like it on real git histories.
import { analyseChange } from '../test-support/analyse-repo.js';

const stage = (sources: [string, number][]) => `data_stages:
- data:
    dataset:
      dataset_folder:
${sources.map(([p]) => `      - ${p}`).join('\n')}
      dataset_weights:
${sources.map(([, w]) => `      - ${w}`).join('\n')}
  name: stable
`;

it('a SmolLM-style mixture whose language source falls from 0.00325 to 0.00005 while synthetic sources are added', async () => {
  const base: [string, number][] = [
    ['s3://mix/fineweb-edu/', 0.6],
    ['s3://mix/dclm/', 0.39675],
    ['s3://mix/fw2-swa/', 0.00325],
  ];
  const head: [string, number][] = [
    ['s3://mix/fineweb-edu/', 0.5],
    ['s3://mix/dclm/', 0.29995],
    ['s3://mix/fw2-swa/', 0.00005],
    ['s3://mix/cosmopedia-v2/', 0.1],
    ['s3://mix/openmathinstruct-2/', 0.1],
  ];
  const a = await analyseChange({ 'train/stage1.yaml': stage(base) }, { 'train/stage1.yaml': stage(head) });
  const m = a.change.manifests[0]!;
  expect(m).toMatchObject({ format: 'nanotron-mixture', unit: 'weight', status: 'modified' });
  expect(m.share.base).toBe(0);
  expect(m.units.head.unknown).toBeCloseTo(0.79995 + 0.00005);
  expect(m.share.head).toBeCloseTo(0.2);
  const tail = a.findings.filter((f) => f.rule === 'category-tail-loss');
  expect(tail).toEqual([expect.objectContaining({ shard: 'fw2-swa', severity: 'medium', line: 7 })]);
  // Measured without the sources this change adds: 0.00325 → 0.0000625 of the mix.
  expect(tail[0]!.message).toMatch(/mixture share falls by 98\.1 %/);
  expect(a.findings.find((f) => f.rule === 'synthetic-share')).toMatchObject({ message: 'synthetic share 0.0 % → 20.0 % (by weight)' });
});

it('an OLMo-core mix that drops every file of a source loses that category', async () => {
  const mix = (labels: string[]) => labels.map((l, i) => `${l},data/${l}/part-${i}.npy`).join('\n') + '\n';
  const a = await analyseChange({ 'mixes/main.txt': mix(['web', 'web', 'math', 'code']) }, { 'mixes/main.txt': mix(['web', 'web', 'code', 'code']) });
  expect(a.findings.find((f) => f.rule === 'category-tail-loss')).toMatchObject({
    severity: 'high',
    shard: 'math',
    message: 'mixture source leaves the mix (share 25.0 % → 0)',
  });
});

it('a Hugging Face card that records its text as machine-generated and drops a config', async () => {
  const card = (creators: string, configs: string[]) => `---
pretty_name: Support chats
language_creators:
- ${creators}
license: cc-by-4.0
source_datasets:
- original
configs:
${configs.map((c) => `- config_name: ${c}\n  data_files:\n  - split: train\n    path: ${c}/train-*.parquet`).join('\n')}
dataset_info:
${configs.map((c) => `- config_name: ${c}\n  splits:\n  - name: train\n    num_examples: ${c === 'sw' ? 400 : 10000}`).join('\n')}
---

# Support chats
`;
  const a = await analyseChange(
    { 'data/chats/README.md': card('found', ['en', 'fr', 'sw']) },
    { 'data/chats/README.md': card('machine-generated', ['en', 'fr']) },
  );
  expect(a.change.manifests[0]).toMatchObject({ format: 'hf-dataset-card', status: 'modified', unit: 'rows' });
  const rules = a.findings.filter((f) => !f.inherited).map((f) => f.rule);
  expect(rules).toEqual(expect.arrayContaining(['real-data-removed', 'synthetic-share', 'category-tail-loss']));
  // The configs that stay hold the same rows: a card cannot state hashes, so their new origin is a label, not new data.
  expect(rules).not.toContain('real-data-replaced');
  expect(a.findings.find((f) => f.rule === 'real-data-removed')).toMatchObject({
    severity: 'high',
    shard: 'sw/train',
    message: expect.stringContaining('400 rows (2.0 %'),
  });
  expect(a.findings.find((f) => f.rule === 'category-tail-loss')).toMatchObject({ severity: 'high', message: 'category "sw" disappears (400 → 0)' });
  expect(a.findings.find((f) => f.rule === 'synthetic-share')).toMatchObject({ severity: 'medium', message: expect.stringContaining('origins recorded') });
});
