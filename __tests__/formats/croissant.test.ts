import { croissantFormat, parseSize } from '../../src/formats/croissant/index.js';
import { errorOf } from '../helpers/error-of.js';

const SHA = 'ab'.repeat(32);
const MD5 = 'cd'.repeat(16);
const CONTEXT =
  '{ "@vocab": "https://schema.org/", "sc": "https://schema.org/", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/", "prov": "http://www.w3.org/ns/prov#" }';

// A small hand-written Croissant 1.0 file: a repo placeholder hash, a real digest, FileSets with sizes.
const CRAWL = `{
  "@context": ${CONTEXT},
  "@type": "sc:Dataset",
  "name": "forum-crawl",
  "license": ["cc-by-4.0", { "@type": "sc:CreativeWork", "name": "odc-by" }],
  "url": "https://example.org/forum-crawl",
  "datePublished": "2025-01-01",
  "temporalCoverage": "2023-01-01/2023-06-30T12:00:00Z",
  "rai:dataCollectionType": ["Web Scraping", "Others"],
  "distribution": [
    {
      "@type": "cr:FileObject",
      "@id": "repo",
      "contentUrl": "https://example.org/forum-crawl.git",
      "sha256": "https://github.com/mlcommons/croissant/issues/80"
    },
    {
      "@type": "cr:FileObject",
      "@id": "index.csv.gz",
      "contentUrl": "s3://bucket/index.csv.gz",
      "sha256": "${SHA}",
      "contentSize": "512 B"
    },
    {
      "@type": "cr:FileSet",
      "name": "threads",
      "containedIn": { "@id": "repo" },
      "includes": "threads/*.jsonl",
      "md5": "${MD5}",
      "contentSize": "1.5 GB"
    },
    { "@type": "sc:CreativeWork", "@id": "paper", "url": "https://example.org/paper.pdf" },
    {
      "@type": "FileSet",
      "@id": "images",
      "includes": ["img/*.png", "img/*.jpg"],
      "contentSize": "2 GiB"
    }
  ]
}
`;

function dataset(fields: Record<string, unknown>, distribution: unknown[] = [{ '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'f.csv' }]): string {
  return JSON.stringify({ '@context': JSON.parse(CONTEXT), '@type': 'sc:Dataset', name: 'd', ...fields, distribution }, null, 2);
}

const parse = (text: string) => croissantFormat.parse('data/metadata.json', text);
const first = (fields: Record<string, unknown>) => parse(dataset(fields)).shards[0]!;

describe('croissant: recognising files', () => {
  it('takes metadata.json, croissant.json, *.croissant.json and *.jsonld as candidates', () => {
    for (const p of ['metadata.json', 'data/metadata.json', 'croissant.json', 'x/chat.croissant.json', 'x/ds.jsonld']) {
      expect(croissantFormat.candidate(p)).toBe(true);
    }
    for (const p of ['package.json', 'data/train.json', 'README.md', 'x/metadata.yaml', 'croissant.json.bak']) {
      expect(croissantFormat.candidate(p)).toBe(false);
    }
  });

  it('detects a @context naming croissant (object or array) or a schema.org Dataset with a distribution', () => {
    expect(croissantFormat.detect('metadata.json', CRAWL)).toBe(true);
    const arrayContext = JSON.stringify({ '@context': ['https://schema.org/', { cr: 'http://mlcommons.org/croissant/' }], name: 'x' });
    expect(croissantFormat.detect('metadata.json', arrayContext)).toBe(true);
    const plain = JSON.stringify({ '@context': 'https://schema.org/', '@type': 'schema:Dataset', distribution: [] });
    expect(croissantFormat.detect('ds.jsonld', plain)).toBe(true);
  });

  it('does not detect other JSON that happens to be called metadata.json, nor a README', () => {
    expect(croissantFormat.detect('metadata.json', JSON.stringify({ name: 'pkg', version: '1.0.0', distribution: 'stable' }))).toBe(false);
    expect(croissantFormat.detect('metadata.json', JSON.stringify({ '@type': 'sc:Dataset', name: 'no files' }))).toBe(false);
    expect(croissantFormat.detect('metadata.json', '[1, 2, 3]')).toBe(false);
    expect(croissantFormat.detect('README.md', '# My dataset\n\nSome prose about http://example.org.\n')).toBe(false);
  });

  it('claims broken JSON that names croissant, so that parsing reports the line', () => {
    expect(croissantFormat.detect('metadata.json', '{ "@context": { "cr": "http://mlcommons.org/croissant/" }, ')).toBe(true);
    expect(croissantFormat.detect('metadata.json', '{ "name": ')).toBe(false);
    // Non-JSON files that mention croissant (the RAI vocabulary in Turtle) are not claimed.
    expect(croissantFormat.detect('docs/croissant_rai.ttl', '@prefix rai: <http://mlcommons.org/croissant/RAI/> .\n')).toBe(false);
  });
});

describe('croissant: shards', () => {
  const d = parse(CRAWL);

  it('makes a shard of each FileObject and FileSet, with its line, and skips other resources', () => {
    expect(d.name).toBe('forum-crawl');
    expect(d.shards.map((s) => [s.id, s.path, s.line])).toEqual([
      ['repo', 'https://example.org/forum-crawl.git', 11],
      ['index.csv.gz', 's3://bucket/index.csv.gz', 17],
      ['threads', 'threads/*.jsonl', 24],
      ['images', 'img/*.png, img/*.jpg', 33],
    ]);
  });

  it('keeps real digests and drops the placeholder URL', () => {
    expect(d.shards.map((s) => s.hash)).toEqual([undefined, `sha256:${SHA}`, `md5:${MD5}`, undefined]);
  });

  it('reads contentSize in decimal and binary units', () => {
    expect(d.shards.map((s) => s.bytes)).toEqual([undefined, 512, 1_500_000_000, 2 * 1024 ** 3]);
    expect(parseSize('1.2 MB')).toBe(1_200_000);
    expect(parseSize('3.5 GB')).toBe(3_500_000_000);
    expect(parseSize('97.73 TiB')).toBe(Math.round(97.73 * 1024 ** 4));
    expect(parseSize('1 KiB')).toBe(1024);
    expect(parseSize('1 kB')).toBe(1000);
    expect(parseSize(2048)).toBe(2048);
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('1,234 B')).toBe(1234);
  });

  it('gives every shard the dataset-level facts', () => {
    for (const s of d.shards) {
      expect(s).toMatchObject({
        origin: 'human',
        tags: ['web'],
        license: 'cc-by-4.0, odc-by',
        source: undefined, // the dataset url is a home page, not a source
        collected: '2023-06-30',
      });
    }
    // Each shard has its own tags array.
    expect(d.shards[0]!.tags).not.toBe(d.shards[1]!.tags);
  });

  it('matches shards by id whatever their order', () => {
    const parsed = JSON.parse(CRAWL) as { distribution: unknown[] };
    const reordered = JSON.stringify({ ...parsed, distribution: [...parsed.distribution].reverse() }, null, 2);
    const ids = (t: string) =>
      parse(t)
        .shards.map((s) => s.id)
        .sort();
    expect(ids(reordered)).toEqual(ids(CRAWL));
    const byId = new Map(parse(reordered).shards.map((s) => [s.id, s.hash]));
    expect(byId.get('index.csv.gz')).toBe(`sha256:${SHA}`);
  });

  it('falls back to the name, then the location, for the id', () => {
    const text = dataset({}, [
      { '@type': 'cr:FileObject', name: 'by-name', contentUrl: 'a.csv' },
      { '@type': 'cr:FileObject', contentUrl: 'b.csv' },
    ]);
    expect(parse(text).shards.map((s) => s.id)).toEqual(['by-name', 'b.csv']);
  });

  it('rejects a hash that is not a hex digest of the right length', () => {
    const text = dataset({}, [
      { '@type': 'cr:FileObject', '@id': 'a', sha256: 'abc123' },
      { '@type': 'cr:FileObject', '@id': 'b', sha256: '', md5: MD5.toUpperCase() },
    ]);
    expect(parse(text).shards.map((s) => s.hash)).toEqual([undefined, `md5:${MD5}`]);
  });

  it('reads a Dataset inside an @graph', () => {
    const text = JSON.stringify(
      {
        '@context': JSON.parse(CONTEXT),
        '@graph': [{ '@type': 'sc:Dataset', name: 'g', distribution: [{ '@type': 'cr:FileSet', '@id': 's', includes: '*.csv' }] }],
      },
      null,
      2,
    );
    expect(parse(text).shards).toMatchObject([{ id: 's', path: '*.csv', line: 14 }]);
  });
});

describe('croissant: origin (SPEC §4)', () => {
  it('maps RAI dataCollectionType values', () => {
    expect(first({ 'rai:dataCollectionType': 'Manual Human Curation' }).origin).toBe('human');
    expect(first({ 'rai:dataCollectionType': ['Crowdsourced', 'Surveys'] })).toMatchObject({ origin: 'human', tags: [] });
    expect(first({ dataCollectionType: 'User-generated content data' }).origin).toBe('human');
    expect(first({ 'rai:dataCollectionType': 'Synthetic' }).origin).toBe('synthetic');
    expect(first({ 'rai:dataCollectionType': ['Simulation'] }).origin).toBe('synthetic');
    expect(first({ 'rai:dataCollectionType': ['Web Scraping', 'Generated'] })).toMatchObject({ origin: 'mixed', tags: ['web'] });
    expect(first({ 'http://mlcommons.org/croissant/RAI/dataCollectionType': 'Surveys' }).origin).toBe('human');
  });

  it('leaves origin unknown when nothing is stated, and ignores prose in dataCollectionType', () => {
    expect(first({}).origin).toBeUndefined();
    expect(first({ 'rai:dataCollectionType': 'Others' }).origin).toBeUndefined();
    const prose = 'The corpus consists of 350 adversarial conversations, each annotated by a pool of raters along 16 criteria.';
    expect(first({ 'rai:dataCollectionType': prose }).origin).toBeUndefined();
  });

  it('reads "synthetic" keywords, mixed when human collection is stated, with a model named in the keywords', () => {
    expect(first({ keywords: ['English', 'Synthetic', 'GPT-4'] })).toMatchObject({ origin: 'synthetic', generator: { model: 'GPT-4' } });
    expect(first({ keywords: ['synthetic-data'], 'rai:dataCollectionType': 'Surveys' }).origin).toBe('mixed');
    expect(first({ keywords: ['crowdsourced', 'expert-generated'] }).origin).toBe('human');
    expect(first({ keywords: ['Text', 'pandas'] }).origin).toBeUndefined();
  });

  it('treats a SoftwareAgent that generated the data as a generator', () => {
    const generated = first({
      'prov:wasGeneratedBy': {
        '@type': 'prov:Activity',
        '@id': 'answers',
        'prov:description': 'Answers generated with an LLM from seed questions.',
        'prov:startedAtTime': '2024-02-01',
        'prov:endedAtTime': '2024-03-15',
        'prov:wasAssociatedWith': { '@type': 'prov:SoftwareAgent', '@id': 'llm', name: 'Llama-3-70B-Instruct' },
      },
    });
    expect(generated).toMatchObject({ origin: 'synthetic', generator: { model: 'Llama-3-70B-Instruct' }, collected: '2024-03-15' });
    expect(first({ 'prov:wasAttributedTo': { '@type': 'prov:SoftwareAgent', name: 'sim-engine' } })).toMatchObject({
      origin: 'synthetic',
      generator: { model: 'sim-engine' },
    });
    const mixed = first({
      'rai:dataCollectionType': 'Crowdsourced',
      'prov:wasAttributedTo': [
        { '@type': 'prov:Person', name: 'A. Rater' },
        { '@type': 'prov:SoftwareAgent', name: 'gpt-4o' },
      ],
    });
    expect(mixed).toMatchObject({ origin: 'mixed', generator: { model: 'gpt-4o' } });
  });

  it('does not count software that only filtered or de-identified the data', () => {
    const s = first({
      'prov:wasGeneratedBy': [
        {
          '@type': 'prov:Activity',
          '@id': 'toxicRemoval',
          'prov:description': 'Toxic conversations flagged by the moderation API were removed.',
          'prov:startedAtTime': '2024-07-22',
          'prov:wasAssociatedWith': { '@type': 'prov:SoftwareAgent', '@id': 'moderation', name: 'Moderation API' },
        },
        { '@type': 'prov:Activity', '@id': 'pii', description: 'De-identified with a PII scrubber.', wasAssociatedWith: { '@id': 'scrubber' } },
      ],
      'prov:wasAssociatedWith': [
        { '@type': 'prov:Person', '@id': 'someone', name: 'Someone' },
        { '@type': 'prov:SoftwareAgent', id: 'scrubber', name: 'PII scrubber' },
      ],
    });
    expect(s.origin).toBeUndefined();
    expect(s.generator).toBeUndefined();
    // The activity's date is the latest processing date known: a collection end no earlier than that.
    expect(s.collected).toBe('2024-07-22');
  });
});

describe('croissant: dates, source and license', () => {
  it('takes the end of the collection period, never the publication date', () => {
    expect(first({ temporalCoverage: '2021-03-01/2021-04-15' }).collected).toBe('2021-04-15');
    expect(first({ temporalCoverage: '2022' }).collected).toBe('2022-12-31');
    expect(first({ temporalCoverage: '2020-2022' }).collected).toBe('2022-12-31');
    expect(first({ temporalCoverage: '2023-02' }).collected).toBe('2023-02-28');
    expect(first({ temporalCoverage: '2020/..' }).collected).toBeUndefined();
    expect(first({ temporalCoverage: 'the Victorian era' }).collected).toBeUndefined();
    expect(first({ datePublished: '2024-05-01' }).collected).toBeUndefined();
    expect(first({ 'rai:dataCollectionTimeframe': '2019/2020-06', temporalCoverage: '1900/1950' }).collected).toBe('2020-06-30');
    expect(first({ 'rai:dataCollectionTimeframe': ['2019-01-01', '2019-09-30'] }).collected).toBe('2019-09-30');
  });

  it("takes the source from prov:wasDerivedFrom, never from the dataset's home page url", () => {
    const derived = first({
      url: 'https://example.org/d',
      citeAs: '@article{x}',
      'prov:wasDerivedFrom': [{ '@type': 'prov:Entity', 'prov:label': 'Full', 'prov:atLocation': 'https://example.org/full' }, 'CC-MAIN-2023-06'],
    });
    expect(derived.source).toBe('Full (https://example.org/full), CC-MAIN-2023-06');
    expect(first({ url: 'https://example.org/d', citeAs: 'x' }).source).toBeUndefined();
    expect(first({ citeAs: 'x' }).source).toBeUndefined();
  });

  it('joins license lists and reads a single license', () => {
    expect(first({ license: 'cc-by-sa-4.0' }).license).toBe('cc-by-sa-4.0');
    expect(first({ license: [{ '@id': 'https://spdx.org/licenses/MIT' }, 'apache-2.0'] }).license).toBe('https://spdx.org/licenses/MIT, apache-2.0');
    expect(first({}).license).toBeUndefined();
  });
});

describe('croissant: malformed input', () => {
  it('names the file and line of invalid JSON', () => {
    const e = errorOf(() => parse('{\n  "@context": {},\n  "name": "x",,\n}\n'));
    expect(e.file).toBe('data/metadata.json');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^data\/metadata\.json:3: invalid JSON/);
  });

  it('rejects a document that is not an object, an empty file, and a @graph without a Dataset', () => {
    expect(errorOf(() => parse('[]')).line).toBe(1);
    expect(errorOf(() => parse('  \n')).detail).toMatch(/empty/);
    expect(errorOf(() => parse('{\n  "@context": {},\n  "@graph": [{ "@type": "sc:Person" }]\n}\n')).line).toBe(3);
  });

  it('reads duplicate keys as JSON readers do (the later one), with a low note at its line', () => {
    const d = parse(
      '{\n  "@context": { "@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/" },\n  "@type": "sc:Dataset",\n  "name": "a",\n  "name": "b"\n}\n',
    );
    expect(d.name).toBe('b');
    expect(d.notes).toEqual([expect.objectContaining({ field: 'name', severity: 'low', line: 5 })]);
  });
});

describe('croissant: values that are not understood are unknown, with a note', () => {
  it('a blank contentSize (" B", as some generators write it, or "") is an unknown size', () => {
    for (const blank of ['" B"', '""']) {
      const d = parse(CRAWL.replace('"512 B"', blank));
      expect(d.shards.map((s) => [s.id, s.bytes])).toEqual([
        ['repo', undefined],
        ['index.csv.gz', undefined],
        ['threads', 1_500_000_000],
        ['images', 2 * 1024 ** 3],
      ]);
      expect(d.shards[1]).toMatchObject({ hash: `sha256:${SHA}`, origin: 'human', line: 17 });
      expect(d.notes).toEqual([
        {
          field: 'contentSize',
          severity: 'info',
          line: 22,
          shard: 'index.csv.gz',
          detail: `contentSize ${blank} is not a size (such as 8813 B, 1.2 MB, 3.5 GiB): not understood, treated as unknown`,
        },
      ]);
    }
    expect(parse(CRAWL).notes).toBeUndefined();
  });

  it('a contentSize in words or negative is unknown', () => {
    const words = parse(CRAWL.replace('"1.5 GB"', '"about a gigabyte"'));
    expect(words.shards[2]!.bytes).toBeUndefined();
    expect(words.notes).toEqual([expect.objectContaining({ field: 'contentSize', line: 30, shard: 'threads' })]);
    const negative = parse(CRAWL.replace('"512 B"', '-3'));
    expect(negative.shards[1]!.bytes).toBeUndefined();
    expect(negative.notes).toEqual([expect.objectContaining({ field: 'contentSize', line: 22, shard: 'index.csv.gz' })]);
    expect(parseSize(' B')).toBeUndefined();
    expect(parseSize(-1)).toBeUndefined();
  });

  it('a distribution entry that is not an object is skipped, with a note at its line', () => {
    const text = CRAWL.replace('    { "@type": "sc:CreativeWork", "@id": "paper", "url": "https://example.org/paper.pdf" },', '    "paper.pdf",');
    const d = parse(text);
    expect(d.shards.map((s) => s.id)).toEqual(['repo', 'index.csv.gz', 'threads', 'images']);
    expect(d.notes).toEqual([
      { field: 'distribution', severity: 'info', line: 32, detail: 'distribution[3] is "paper.pdf", not a FileObject or FileSet: it is not read' },
    ]);
  });

  it('a file entry with no identity is skipped, with a note at its line', () => {
    const d = parse(dataset({}, [{ '@type': 'cr:FileObject' }, { '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'f.csv' }]));
    expect(d.shards.map((s) => s.id)).toEqual(['f']);
    expect(d.notes).toEqual([expect.objectContaining({ field: '@id', severity: 'info', line: 12 })]);
  });
});
