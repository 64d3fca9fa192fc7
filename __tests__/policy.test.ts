// The policy file (SPEC §7): strict validation, thresholds, rule severities, the provenance map,
// waivers with reasons and expiry dates.
import { analyseChange, rulesOf } from '../test-support/analyse-repo.js';
import { human, synthetic, yamlManifest } from '../test-support/git-repo.js';
import { policySource, resolveSettings } from '../src/analysis/settings.js';
import { renderMarkdown } from '../src/report/markdown.js';

const M = 'data/train.manifest.yaml';
const P = '.github/collapse-guard.yml';
const m = (shards: object[]) => ({ [M]: yamlManifest(shards) });
const base = [human('a', 100), human('b', 100)];
/** The settings a policy file gives, on top of the defaults. */
const parsePolicy = (file: string, text: string) => resolveSettings([policySource(file, text)]);

describe('parsing the policy file', () => {
  it('reads every documented setting', () => {
    const c = parsePolicy(
      P,
      `
fail-on: medium
required-provenance: [origin, license]
thresholds: { synthetic-share-warn: 0.2, contamination-cutoff: 2023-06-01, audit-max-age-days: 90 }
rules: { stale-audit: off, unverified-synthetic: medium }
provenance:
  - match: "s3://corpus/synth/**"
    origin: synthetic
    generator: { model: llama-3.1-70b }
waivers:
  - rule: real-data-removed
    shards: ["pii-purge-*"]
    reason: "PII takedown, ticket DATA-123"
    expires: 2027-01-31
`,
    );
    expect(c).toMatchObject({
      'fail-on': 'medium',
      'required-provenance': ['origin', 'license'],
      rules: { 'stale-audit': 'off', 'unverified-synthetic': 'medium' },
      provenance: [{ match: 's3://corpus/synth/**', origin: 'synthetic', generator: { model: 'llama-3.1-70b' } }],
      limits: { 'max-manifest-bytes': 512 * 1024 * 1024, 'max-shards': 5_000_000, 'max-id-length': 1024 },
      waivers: [{ rule: 'real-data-removed', shards: ['pii-purge-*'], reason: 'PII takedown, ticket DATA-123', expires: '2027-01-31', line: 11 }],
    });
    expect(c.thresholds).toMatchObject({
      'synthetic-share-warn': 0.2,
      'synthetic-share-high': 0.5,
      'contamination-cutoff': '2023-06-01',
      'audit-max-age-days': 90,
    });
  });

  it('names the key and line of a mistake', () => {
    expect(() => parsePolicy(P, 'fail-on: high\nthresholds:\n  rare-shrnk: 0.3\n')).toThrow(
      `policy file ${P} line 3: thresholds has no setting "rare-shrnk"; did you mean "rare-shrink"?`,
    );
    expect(() => parsePolicy(P, 'fail-on: sometimes\n')).toThrow(
      `policy file ${P} line 1: fail-on must be one of info, low, medium, high, critical, never (got "sometimes")`,
    );
    expect(() => parsePolicy(P, 'rules:\n  stale-audt: off\n')).toThrow(
      `policy file ${P} line 2: rules has no setting "stale-audt"; did you mean "stale-audit"?`,
    );
    expect(() => parsePolicy(P, 'thresholds: { rare-shrink: 2 }\n')).toThrow(`policy file ${P} line 1: thresholds.rare-shrink must be ≤ 1, got 2`);
    expect(() => parsePolicy(P, 'fail_on: high\n')).toThrow(`policy file ${P} line 1: there is no setting "fail_on"; did you mean "fail-on"?`);
  });

  it('requires a reason and an expiry date on every waiver, and names manifests for a manifest-invalid waiver', () => {
    expect(() => parsePolicy(P, 'waivers:\n  - rule: real-data-removed\n    expires: 2027-01-01\n')).toThrow(
      `policy file ${P} line 2: waiver 1: reason is missing`,
    );
    expect(() => parsePolicy(P, 'waivers:\n  - rule: real-data-removed\n    reason: x\n')).toThrow(
      `policy file ${P} line 2: waiver 1: expires is missing (it must be a real date like 2027-01-31)`,
    );
    expect(() => parsePolicy(P, 'waivers:\n  - rule: real-data-removed\n    reason: x\n    expires: 2027-02-29\n')).toThrow(
      `policy file ${P} line 4: waiver 1: expires must be a real date like 2027-01-31, got "2027-02-29"`,
    );
    expect(() => parsePolicy(P, 'waivers:\n  - rule: manifest-invalid\n    reason: x\n    expires: 2030-01-01\n')).toThrow(
      /a manifest-invalid waiver must name the manifests/,
    );
    expect(
      parsePolicy(P, 'waivers:\n  - rule: manifest-invalid\n    manifests: [vendor/*.json]\n    reason: x\n    expires: 2030-01-01\n').waivers,
    ).toHaveLength(1);
    expect(() => parsePolicy(P, 'rules: { manifest-invalid: off }\n')).toThrow(/manifest-invalid cannot be changed or turned off/);
  });
});

describe('the policy file in a change', () => {
  it('is read at the head revision: fail-on, rule severity, off and thresholds apply', async () => {
    const policy = 'rules: { real-data-removed: low, synthetic-share: off, unverified-synthetic: off }\n';
    const a = await analyseChange({ ...m(base), [P]: policy }, m([human('a', 100), synthetic('s', 300)]));
    expect(a.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['real-data-replaced', 'high'],
      ['real-data-removed', 'low'],
    ]);
    expect(a.checklist[0]).toMatchObject({ status: 'not-applicable', evidence: 'turned off by the policy file' });
    const strict = await analyseChange(m(base), { ...m([...base, synthetic('s', 30)]), [P]: 'thresholds: { synthetic-share-warn: 0.1 }\nfail-on: medium\n' });
    expect(strict.findings.find((f) => f.rule === 'synthetic-share')?.severity).toBe('low');
    expect(strict.settings['fail-on']).toBe('medium');
    expect(strict.policy).toEqual({ file: P, changedByThisChange: true });
  });

  it('lets explicit settings (inputs) win over the file', async () => {
    const a = await analyseChange({ ...m(base), [P]: 'fail-on: low\n' }, m([...base, human('c', 1)]), { 'fail-on': 'critical' });
    expect(a.settings['fail-on']).toBe('critical');
  });

  it('fills missing provenance from the provenance map, never overwriting the manifest', async () => {
    const policy = `provenance:
  - match: "s3://vendor/**"
    origin: human
    source: vendor-x
    license: cc-by-4.0
    collected: 2021-01-01
`;
    const shards = [
      ...base,
      { id: 'v1', path: 's3://vendor/v1.parquet', rows: 10 },
      { id: 'v2', path: 's3://vendor/v2.parquet', rows: 10, source: 'own', origin: 'synthetic', generator: { model: 'g', verified: true } },
    ];
    const a = await analyseChange({ ...m(base), [P]: policy }, m(shards));
    expect(rulesOf(a).filter((r) => r !== 'synthetic-share')).toEqual([]);
    const head = a.change.manifests[0]!.head!.shards;
    expect(head.find((s) => s.id === 'v1')).toMatchObject({ origin: 'human', source: 'vendor-x', license: 'cc-by-4.0' });
    expect(head.find((s) => s.id === 'v2')).toMatchObject({ origin: 'synthetic', source: 'own' });
  });

  it('uses required-provenance', async () => {
    const a = await analyseChange({ ...m(base), [P]: 'required-provenance: [origin, hash]\n' }, m([...base, { id: 'c', rows: 1, origin: 'human' }]));
    expect(a.findings.find((f) => f.rule === 'missing-provenance')?.message).toBe('added shard lacks hash');
  });
});

describe('waivers', () => {
  const purge = [human('a', 100), human('pii-purge-7', 100)];
  const waiver = (expires: string) => `waivers:
  - rule: real-data-removed
    shards: ["pii-purge-*"]
    reason: "PII takedown, ticket DATA-123"
    expires: ${expires}
`;

  it('a valid waiver marks the finding waived: shown, not counted', async () => {
    const a = await analyseChange({ ...m(purge), [P]: waiver('2099-12-31') }, m([human('a', 100)]));
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'real-data-removed', waived: true })]);
    expect(a.risk).toBe('none');
    const md = renderMarkdown(a, {});
    expect(md).toContain('No collapse risk found');
    expect(md).toContain('Waived by the policy file, not counted (1)');
    expect(md).toContain('**Waived** until 2099-12-31: PII takedown, ticket DATA-123');
    expect(a.checklist[3]).toMatchObject({
      status: 'waived',
      evidence: expect.stringMatching(/^problem waived by the policy file until 2099-12-31 \(PII takedown, ticket DATA-123\)/),
    });
  });

  it('an expired waiver stops applying and the report says so', async () => {
    const a = await analyseChange({ ...m(purge), [P]: waiver('2020-01-31') }, m([human('a', 100)]));
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'real-data-removed', waived: false, severity: 'high' })]);
    expect(a.risk).toBe('high');
    expect(a.expiredWaivers).toHaveLength(1);
    const md = renderMarkdown(a, {});
    expect(md).toContain('Expired waivers no longer apply');
    expect(md).toContain('expired 2020-01-31 (`.github/collapse-guard.yml` line 2): PII takedown, ticket DATA-123');
    expect(md).toContain('(its waiver expired 2020-01-31)');
  });

  it('a waiver only covers the shards its globs match', async () => {
    const a = await analyseChange({ ...m([...purge, human('other', 100)]), [P]: waiver('2099-12-31') }, m([human('a', 100)]));
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'real-data-removed', waived: false })]);
  });
});
