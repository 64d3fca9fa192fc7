// manifest-invalid judges the change like every rule (SPEC §6, §7): a manifest already unreadable
// on the base is inherited, and a waiver that names the manifest covers it, loudly.
import { analyse } from '../src/analysis/analyse.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { active, analyseChange } from '../test-support/analyse-repo.js';
import { human, TestRepo, yamlManifest } from '../test-support/git-repo.js';

const M = 'vendor/legacy.manifest.yaml';
const broken = (n: number) => `shards:\n  - id: a\n    rows: "${'many'.repeat(n)}"\n`;

it('a manifest already unreadable on the base, edited and still unreadable, is inherited: it does not fail the check', async () => {
  const a = await analyseChange({ [M]: broken(1), 'data/x.manifest.yaml': yamlManifest([human('x', 1)]) }, { [M]: broken(2) });
  expect(active(a)).toEqual([]);
  expect(a.findings).toEqual([
    expect.objectContaining({
      rule: 'manifest-invalid',
      severity: 'info',
      inherited: true,
      manifest: M,
      line: 3,
      message: expect.stringContaining('(already unreadable on the base'),
    }),
  ]);
  expect(a.verdict).toMatchObject({ fails: false });
});

it('a manifest that becomes unreadable fails the check whatever fail-on says', async () => {
  const a = await analyseChange({ [M]: yamlManifest([human('a', 1)]) }, { [M]: broken(1) }, { 'fail-on': 'never' });
  expect(active(a)).toEqual([expect.objectContaining({ rule: 'manifest-invalid', severity: 'high', line: 3 })]);
  expect(a.verdict).toEqual({ fails: true, accepted: false, summary: `1 manifest(s) could not be read (manifest-invalid): ${M}:3` });
  const repo = new TestRepo();
  const base = repo.commit({ [M]: yamlManifest([human('a', 1)]) });
  const head = repo.commit({ [M]: broken(1) });
  const accepted = await analyse({ repoDir: repo.dir, base, head, acceptedBy: 'collapse-risk-accepted' });
  expect(accepted.verdict).toMatchObject({ fails: false, accepted: true, summary: expect.stringContaining('accepted by the label "collapse-risk-accepted"') });
  repo.remove();
});

it('a waiver naming the manifest covers it, and the comment says nothing in it was checked', async () => {
  const policy =
    'waivers:\n  - rule: manifest-invalid\n    manifests: ["vendor/*"]\n    reason: "vendor file, fixed upstream in VEND-7"\n' + '    expires: 2099-01-01\n';
  const a = await analyseChange({ [M]: yamlManifest([human('a', 1)]), '.github/collapse-guard.yml': policy }, { [M]: broken(1) });
  expect(active(a)).toEqual([]);
  expect(a.findings[0]).toMatchObject({ rule: 'manifest-invalid', waived: true });
  expect(a.verdict).toMatchObject({ fails: false });
  expect(renderMarkdown(a, {})).toContain(
    '**1 manifest could not be read**, and a waiver in the policy file covers it: ' +
      '`vendor/legacy.manifest.yaml` (until 2099-01-01: vendor file, fixed upstream in VEND-7). Nothing in them was checked.',
  );
});
