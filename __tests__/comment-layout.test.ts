// The PR comment as a reviewer reads it (SPEC §8): the verdict first, one line per dataset, the
// checklist, findings grouped by manifest with links to their lines, a waiver to paste, and the
// synthetic-share trend over the base branch's history.
import { parse as parseYaml } from 'yaml';
import { analyse, type Analysis } from '../src/analysis/analyse.js';
import { DEFAULT_POLICY_PATH } from '../src/analysis/settings.js';
import { renderComment } from '../src/report/markdown.js';
import { analyseChange } from '../test-support/analyse-repo.js';
import { human, removeTempDirs, synthetic, TestRepo, yamlManifest } from '../test-support/git-repo.js';

afterAll(removeTempDirs);

const lineUrl = (path: string, line: number, commit: string) => `https://github.example/o/r/blob/${commit}/${path}#L${line}`;
const SFT = { dataset: 'assist-sft' };

/** Two manifests of one dataset: real data replaced by synthetic in one, a shard without provenance added in the other. */
async function riskyChange(): Promise<Analysis> {
  return analyseChange(
    {
      'data/tickets.manifest.yaml': yamlManifest([human('zd-2023', 40_000_000_000), human('zd-2024', 5_300_000_000)], SFT),
      'data/forums.manifest.yaml': yamlManifest([human('forum-a', 3_000)], SFT),
    },
    {
      'data/tickets.manifest.yaml': yamlManifest([human('zd-2024', 5_300_000_000), synthetic('zd-synth', 40_000_000_000)], SFT),
      'data/forums.manifest.yaml': yamlManifest([human('forum-a', 3_000), { id: 'forum-b', path: 's3://data/forum-b.parquet', rows: 2_000 }], SFT),
    },
  );
}

describe('the PR comment', () => {
  it('starts with the verdict, then one line per dataset with short amounts, then the checklist', async () => {
    const body = renderComment(await riskyChange(), { lineUrl });
    const lines = body.split('\n');
    expect(lines[1]).toBe('### ❌ Collapse risk ⛔ critical: the check fails');
    const dataset = lines.findIndex((l) => l.startsWith('- **assist-sft**'));
    expect(lines[dataset]).toBe(
      '- **assist-sft**, 2 manifests: real 45.3 B → 5.3 B rows · synthetic 0 → 40 B rows · unknown 0 → 2 k rows · synthetic share **0.0 % → 88.3 %**',
    );
    const checklist = lines.indexOf('#### Collapse-risk checklist');
    expect(dataset).toBeLessThan(checklist);
    const items = lines.slice(checklist + 2, checklist + 9);
    expect(items.map((l) => l.slice(0, 6))).toEqual(['- ❌ **', '- ❌ **', '- ➖ **', '- ❌ **', '- ➖ **', '- ❌ **', '- ✅ **']);
    expect(items[2]).toBe('- ➖ **3. Measuring only task accuracy**: nothing in this change concerns it');
    expect(items[3]).toMatch(
      /^- ❌ \*\*4\. Replacing real data instead of accumulating it\*\*: .*zd-2023: 1 human shard removed \(40 B rows\).* \(\+1 more finding: real-data-removed\)$/,
    );
    expect(items[6]).toMatch(/^- ✅ \*\*7\. "It can't happen to us": no periodic audit\*\*: no problem found \(dataset assist-sft: audited /);
    expect(body.indexOf('#### Findings')).toBeGreaterThan(checklist);
  });

  it('groups findings under their manifest, each linked to its line at the head commit and to its rule doc', async () => {
    const a = await riskyChange();
    const body = renderComment(a, { lineUrl });
    // Each manifest is named once in each list of findings, as the heading of its findings.
    const blocking = body.slice(body.indexOf('#### Findings'), body.indexOf('<details>'));
    const below = body.slice(body.indexOf('<details><summary>3 more findings below fail-on (high)</summary>'));
    expect(blocking.match(/^\*\*`data\/tickets\.manifest\.yaml`\*\* · dataset assist-sft$/gm)).toHaveLength(1);
    for (const manifest of ['tickets', 'forums'])
      expect(
        below.slice(0, below.indexOf('</details>')).match(new RegExp(`^\\*\\*\`data/${manifest}\\.manifest\\.yaml\`\\*\\* · dataset assist-sft$`, 'gm')),
      ).toHaveLength(1);
    const lines = body.split('\n');
    const forumB = lines.find((l) => l.includes('[missing-provenance]'));
    expect(forumB).toContain(`\`forum-b\` · [line 5](https://github.example/o/r/blob/${a.revisions.head}/data/forums.manifest.yaml#L5)`);
    expect(forumB).toContain('[missing-provenance](https://github.com/collapse-guard/collapse-guard/blob/main/docs/rules/missing-provenance.md)');
    // A removed shard links to its line on the base.
    const removed = lines.find((l) => l.includes('[real-data-replaced]'));
    expect(removed).toContain(`\`zd-2023\` · [base line 4](https://github.example/o/r/blob/${a.revisions.base}/data/tickets.manifest.yaml#L4)`);
    // No link to a line without a place to link to (the command line's report).
    expect(renderComment(a, {})).not.toContain('](https://github.example');
  });

  it('offers a waiver for each blocking finding that the policy file refuses until a reason is written', async () => {
    const a = await riskyChange();
    const body = renderComment(a, { lineUrl });
    const fold = body.slice(body.indexOf('<details><summary>Waive a blocking finding: paste into .github/collapse-guard.yml</summary>'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(fold)![1]!;
    const waivers = parseYaml(yaml).waivers as { rule: string; manifests: string[]; shards?: string[]; reason: string; expires: string }[];
    const blocking = a.blocking.filter((f) => !f.waived && !f.inherited);
    expect(waivers.map((w) => w.rule).sort()).toEqual([...new Set(blocking.map((f) => f.rule))].sort());
    expect(waivers.find((w) => w.rule === 'real-data-replaced')).toMatchObject({ manifests: ['data/tickets.manifest.yaml'], shards: ['zd-2023'], reason: '' });
    const in90Days = new Date(Date.parse(`${a.today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
    expect(waivers.every((w) => w.expires === in90Days)).toBe(true);

    // Pasted as it is, the policy file refuses it; with a reason, the finding is waived.
    const repo = new TestRepo();
    const files = {
      'data/tickets.manifest.yaml': yamlManifest([human('zd-2023', 40_000), human('zd-2024', 5_300)], SFT),
    };
    const base = repo.commit(files);
    repo.branch('pr');
    const change = { 'data/tickets.manifest.yaml': yamlManifest([human('zd-2024', 5_300), synthetic('zd-synth', 40_000)], SFT) };
    const head = repo.commit(change);
    const first = await analyse({ repoDir: repo.dir, base, head, settings: { kind: 'input', values: {} }, policyPath: DEFAULT_POLICY_PATH });
    const snippet = /```yaml\n([\s\S]*?)```/.exec(renderComment(first, {}).split('Waive a blocking finding')[1]!)![1]!;
    const asPasted = repo.commit({ '.github/collapse-guard.yml': snippet });
    await expect(
      analyse({ repoDir: repo.dir, base, head: asPasted, settings: { kind: 'input', values: {} }, policyPath: DEFAULT_POLICY_PATH }),
    ).rejects.toThrow(/reason/);
    const reasoned = repo.commit({ '.github/collapse-guard.yml': snippet.replaceAll('reason: ""', 'reason: "licence withdrawn, replaced on purpose"') });
    const waived = await analyse({ repoDir: repo.dir, base, head: reasoned, settings: { kind: 'input', values: {} }, policyPath: DEFAULT_POLICY_PATH });
    expect(waived.blocking.filter((f) => !f.waived)).toEqual([]);
    expect(renderComment(waived, {})).not.toContain('Waive a blocking finding');
  });
});

describe('a manifest that cannot be read', () => {
  it('is the verdict, counted as a manifest not read, with each error at its line', async () => {
    const bad = 'dataset: x\nshards:\n  - id: a\n    path: s3://a\n    rows: 12k\n    collected: 2024-02-30\n  - path: s3://b\n    origin: robots\n';
    const a = await analyseChange({ 'data/x.manifest.yaml': yamlManifest([human('a', 10)]) }, { 'data/x.manifest.yaml': bad });
    const lines = renderComment(a, { lineUrl }).split('\n');
    expect(lines[1]).toBe('### ❌ Could not read 1 manifest: the check fails');
    expect(lines[3]).toMatch(/ · 1 manifest not read · 3 findings<\/sub>$/);
    const url = (line: number) => `https://github.example/o/r/blob/${a.revisions.head}/data/x.manifest.yaml#L${line}`;
    for (const [line, text] of [
      [5, 'shard a: rows must be a number ≥ 0, got "12k"'],
      [6, 'shard a: collected must be a real date like 2024-05-31, got "2024-02-30"'],
      [8, 'shard 2: origin must be one of human, synthetic, mixed, unknown, got "robots"'],
    ] as const)
      expect(lines).toContain(
        `- **🔴 high** [manifest-invalid](https://github.com/collapse-guard/collapse-guard/blob/main/docs/rules/manifest-invalid.md) · [line ${line}](${url(line)}): ${text}\\`,
      );
  });
});

describe('the synthetic-share trend', () => {
  /** main: five commits growing the synthetic part of one dataset (and one that does not touch it); the PR adds more. */
  function growingHistory(): { repo: TestRepo; commits: string[]; base: string; head: string } {
    const repo = new TestRepo();
    const commits: string[] = [];
    const manifest = (synth: number, license: string) => yamlManifest([human('real', 900, { license }), ...(synth ? [synthetic('synth', synth)] : [])], SFT);
    for (const [synth, license] of [
      [0, 'a'],
      [100, 'a'],
      [100, 'b'],
      [300, 'b'],
      [600, 'b'],
    ] as const) {
      commits.push(repo.commit({ 'data/sft.manifest.yaml': manifest(synth, license) }));
      repo.commit({ 'README.md': `notes ${synth}\n` }); // touches no manifest: not a point
    }
    const base = repo.git('rev-parse', 'HEAD');
    repo.branch('pr');
    const head = repo.commit({ 'data/sft.manifest.yaml': manifest(2_100, 'b') });
    return { repo, commits, base, head };
  }
  const run = (h: ReturnType<typeof growingHistory>, values: Record<string, unknown> = {}) =>
    analyse({ repoDir: h.repo.dir, base: h.base, head: h.head, settings: { kind: 'input', values }, policyPath: DEFAULT_POLICY_PATH });

  it("charts each commit of the base branch that changed the dataset, then this PR's head", async () => {
    const h = growingHistory();
    const body = renderComment(await run(h), {});
    const chart = /```mermaid\n([\s\S]*?)```/.exec(body)![1]!;
    // A commit that left the share as it was (100 → 100) is still a point: it changed the dataset.
    expect(chart).toContain(`x-axis [${[...h.commits.map((c) => `"${c.slice(0, 7)}"`), '"this PR"'].join(', ')}]`);
    expect(chart).toContain('line [0, 10, 10, 25, 40, 70]');
    expect(chart).toContain('title "Synthetic share of assist-sft (%, by rows)"');
    expect(chart).toContain('y-axis "synthetic %" 0 --> 90');
    expect(body.indexOf('#### Synthetic share over time')).toBeGreaterThan(body.indexOf('#### Collapse-risk checklist'));
    const date = h.repo.git('log', '-1', '--format=%cs', h.base);
    const [first, last] = [h.commits[0]!.slice(0, 7), h.commits[4]!.slice(0, 7)];
    expect(body).toContain(`<sub>assist-sft: 5 commits of the base branch, \`${first}\` (${date}) to \`${last}\` (${date}), then this PR.</sub>`);
  });

  it('counts the commits on the x-axis when there are too many to label', async () => {
    const repo = new TestRepo();
    const manifest = (synth: number) => yamlManifest([human('real', 1_000), synthetic('synth', synth)], SFT);
    for (let k = 0; k < 11; k++) repo.commit({ 'data/sft.manifest.yaml': manifest(10 * k + 10) });
    const base = repo.git('rev-parse', 'HEAD');
    repo.branch('pr');
    const head = repo.commit({ 'data/sft.manifest.yaml': manifest(1_000) });
    const a = await analyse({ repoDir: repo.dir, base, head, settings: { kind: 'input', values: {} }, policyPath: DEFAULT_POLICY_PATH });
    const chart = /```mermaid\n([\s\S]*?)```/.exec(renderComment(a, {}))![1]!;
    expect(chart).toContain('x-axis "commits, oldest first; the last is this PR" 1 --> 12');
    expect(chart).toContain('line [1, 2, 2.9, 3.8, 4.8, 5.7, 6.5, 7.4, 8.3, 9.1, 9.9, 50]');
  });

  it('charts the three datasets whose share moved most and says how many more changed', async () => {
    const files = (synth: number[]) =>
      Object.fromEntries(
        synth.map((n, k) => [`data/d${k}.manifest.yaml`, yamlManifest([human('real', 1_000), synthetic('synth', n)], { dataset: `set-${k}` })]),
      );
    const a = await analyseChange(files([10, 10, 10, 10]), files([20, 500, 300, 900]));
    const body = renderComment(a, {});
    expect([...body.matchAll(/title "Synthetic share of (set-\d)/g)].map((m) => m[1])).toEqual(['set-3', 'set-1', 'set-2']);
    expect(body).toContain('Not charted: 1 more changed dataset (the charts show those whose share moved most).');
  });

  it('shows the last trend-commits commits only, and none with trend-commits: 0', async () => {
    const h = growingHistory();
    const three = await run(h, { 'trend-commits': 3 });
    expect(three.trends[0]!.points.map((p) => [p.commit?.slice(0, 7) ?? 'head', Math.round(p.share * 100)])).toEqual([
      [h.commits[2]!.slice(0, 7), 10],
      [h.commits[3]!.slice(0, 7), 25],
      [h.commits[4]!.slice(0, 7), 40],
      ['head', 70],
    ]);
    const off = await run(h, { 'trend-commits': 0 });
    expect(off.trends).toEqual([]);
    expect(renderComment(off, {})).not.toContain('```mermaid');
  });
});
