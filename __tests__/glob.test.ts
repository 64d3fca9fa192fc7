// Globs select manifests and fill provenance: what users write must match what they mean.
import { matchesGlob } from '../src/text/glob.js';

it.each([
  ['croissant/openml.json', 'croissant/[ot]*.json', true],
  ['croissant/coco.json', 'croissant/[ot]*.json', false],
  ['croissant/coco.json', 'croissant/[!ot]*.json', true],
  ['data/a1.manifest.yaml', 'data/a[0-9].manifest.yaml', true],
  ['data/a/b.yaml', 'data/a[/]b.yaml', false],
  ['data/x/y/z.dvc', 'data/**/*.dvc', true],
  ['data/z.dvc', 'data/**/*.dvc', true],
  ['data/z.yaml', 'data/*.{yaml,yml}', true],
  ['data/x/z.yaml', 'data/*.yaml', false],
  ['data/ab.yaml', 'data/a?.yaml', true],
])('%s against %s: %s', (path, glob, expected) => {
  expect(matchesGlob(path, glob)).toBe(expected);
});
