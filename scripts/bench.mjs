// `npm run bench`: manifest histories at real scale in a temp git repository, the real CLI run
// end to end on each (--format json), and in the same run the references the targets are judged
// against: the read floor (git cat-file --batch of every manifest blob at both revisions),
// `git diff base head`, js-yaml's parse of both YAML revisions, and a bare `node -e 0`. Scenarios
// with a history on main also run with --trend-commits 0: the difference is what the trend costs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import yaml from 'js-yaml';
import { createHash } from 'node:crypto';

const CLI = resolve('dist/cli.js');
const quick = process.argv.includes('--quick'); // a smaller run, for trying the script out
// Each timing is the fastest of this many runs (the CLI and the references alike): on a shared
// machine the fastest run is the one least disturbed by others.
const repeatArg = process.argv.indexOf('--repeat');
const REPEAT = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : quick ? 1 : 3;
const scaleArg = process.argv.indexOf('--scale');
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : quick ? 0.05 : 1;

function shard(i, variant = 0) {
  return {
    id: `shard-${i}`,
    path: `s3://corpus/data/part-${String(i).padStart(7, '0')}.parquet`,
    sha256: createHash('sha256').update(`${i}/${variant}`).digest('hex'),
    rows: 1000 + (i % 97) + variant,
    origin: i % 10 === 0 ? 'synthetic' : 'human',
    source: i % 10 === 0 ? 'gen-pipeline' : 'crawl-export',
    collected: '2021-06-30',
    license: 'cc-by-4.0',
    ...(i % 10 === 0 ? { generator: { model: 'gen-1', depth: 1, verified: true } } : {}),
  };
}

const jsonl = (ids, variant = () => 0) =>
  `{"dataset": "bench", "audit": {"last": "${new Date().toISOString().slice(0, 10)}"}}\n${ids.map((i) => JSON.stringify(shard(i, variant(i)))).join('\n')}\n`;
const yamlDoc = (ids, variant = () => 0) =>
  `dataset: bench\naudit: { last: ${new Date().toISOString().slice(0, 10)} }\nshards:\n${ids
    .map((i) => {
      const s = shard(i, variant(i));
      return [
        `  - id: ${s.id}`,
        `    path: ${s.path}`,
        `    sha256: ${s.sha256}`,
        `    rows: ${s.rows}`,
        `    origin: ${s.origin}`,
        `    source: ${s.source}`,
        `    collected: ${s.collected}`,
        `    license: ${s.license}`,
        ...(s.generator ? ['    generator: { model: gen-1, depth: 1, verified: true }'] : []),
      ].join('\n');
    })
    .join('\n')}\n`;

const range = (from, n) => Array.from({ length: n }, (_, k) => from + k);

/** `fraction` of `n` shards changed: a third modified, a third removed, a third added. */
function changeFraction(ids, total, fraction) {
  const k = Math.round((total * fraction) / 3);
  const modified = new Set(ids.filter((_, j) => j % Math.floor(ids.length / k) === 0).slice(0, k));
  const removed = new Set(ids.filter((_, j) => j % Math.floor(ids.length / k) === 1).slice(0, k));
  const kept = ids.filter((i) => !removed.has(i));
  return { ids: [...kept, ...range(10_000_000, k)], variant: (i) => (modified.has(i) ? 1 : 0) };
}

function git(dir, ...args) {
  return execFileSync('git', args, { cwd: dir, maxBuffer: 1 << 30, encoding: 'utf8' });
}

function newRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'config', 'user.name', 'bench');
  git(dir, 'config', 'core.bigFileThreshold', '2g');
  return dir;
}

function commit(dir, files, message) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', message);
}

/** The fastest of REPEAT runs of the CLI (wall seconds), with the highest peak RSS (MB) seen. */
function runCli(dir, flags = []) {
  const runs = Array.from({ length: REPEAT }, () => runCliOnce(dir, flags));
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

/** Wall seconds and peak RSS (MB) of the CLI, run as a user runs it. */
function runCliOnce(dir, flags) {
  const report = "import{writeSync}from'node:fs';process.on('exit',()=>writeSync(3,String(process.resourceUsage().maxRSS)))";
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(report)}`, CLI, '--repo', dir, '--base', 'main', '--head', 'pr', '--format', 'json', ...flags],
    { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
  const report_ = JSON.parse(r.stdout);
  const invalid = report_.findings.filter((f) => f.rule === 'manifest-invalid');
  if (invalid.length) throw new Error(`the bench's own manifests are invalid: ${invalid[0].message}`);
  return { seconds, rssMb: Number(r.output[3]) / 1024, findings: report_.findings.length, manifests: report_.manifests.length };
}

/** The fastest of REPEAT runs of `fn`, in seconds. */
function timed(fn) {
  let best = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

/** The read floor: every manifest blob at both revisions through one `git cat-file --batch`. */
function readFloor(dir, paths) {
  const shas = ['main', 'pr'].flatMap((rev) => paths.map((p) => git(dir, 'rev-parse', `${rev}:${p}`).trim()).filter(Boolean));
  return timed(() =>
    spawnSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${shas.join('\n')}\n`, maxBuffer: 2 ** 31, stdio: ['pipe', 'ignore', 'inherit'] }),
  );
}

function gitDiff(dir) {
  return timed(() => spawnSync('git', ['diff', 'main', 'pr'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] }));
}

const results = [];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function scenario(name, build, extra = () => ({})) {
  if (only && !name.includes(only)) return;
  const dir = newRepo();
  try {
    process.stderr.write(`bench: building "${name}"…\n`);
    const { base, head, paths, shards, bytes, history = [] } = build();
    history.forEach((files, i) => commit(dir, files, `history ${i + 1}`));
    commit(dir, base, 'base');
    git(dir, 'checkout', '--quiet', '-b', 'pr');
    commit(dir, head, 'pr');
    process.stderr.write(`bench: running "${name}"…\n`);
    const cli = runCli(dir);
    const trendOff = history.length ? runCli(dir, ['--trend-commits', '0']).seconds : undefined;
    results.push({ name, shards, bytes, ...cli, trendOff, floor: paths.length ? readFloor(dir, paths) : 0, diff: gitDiff(dir), ...extra(base, head) });
  } finally {
    if (process.argv.includes('--keep')) process.stderr.write(`bench: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const MILLION = Math.round(1_000_000 * SCALE);

scenario('1M shards, JSONL in 20 files, 1 % changed in 3', () => {
  const per = MILLION / 20;
  const base = {};
  const head = {};
  let total = 0;
  for (let f = 0; f < 20; f++) {
    const ids = range(f * per, per);
    const path = `data/part-${String(f).padStart(2, '0')}.manifest.jsonl`;
    base[path] = jsonl(ids);
    total += base[path].length;
    if (f < 3) {
      const k = Math.round((MILLION * 0.01) / 3);
      const changed =
        f === 0
          ? { ids, variant: (i) => (i - ids[0] < k ? 1 : 0) }
          : f === 1
            ? { ids: ids.slice(k), variant: () => 0 }
            : { ids: [...ids, ...range(20_000_000, k)], variant: () => 0 };
      head[path] = jsonl(changed.ids, changed.variant);
    }
  }
  return { base, head, paths: Object.keys(base), shards: MILLION, bytes: total };
});

scenario('1M shards, one JSONL file, 1 % changed', () => {
  const ids = range(0, MILLION);
  const base = jsonl(ids);
  const change = changeFraction(ids, MILLION, 0.01);
  return {
    base: { 'data/all.manifest.jsonl': base },
    head: { 'data/all.manifest.jsonl': jsonl(change.ids, change.variant) },
    paths: ['data/all.manifest.jsonl'],
    shards: MILLION,
    bytes: base.length,
  };
});

scenario('1M shards, one JSONL file, 10 % changed', () => {
  const ids = range(0, MILLION);
  const base = jsonl(ids);
  const change = changeFraction(ids, MILLION, 0.1);
  return {
    base: { 'data/all.manifest.jsonl': base },
    head: { 'data/all.manifest.jsonl': jsonl(change.ids, change.variant) },
    paths: ['data/all.manifest.jsonl'],
    shards: MILLION,
    bytes: base.length,
  };
});

scenario('a dataset of 200 manifests (1M shards), one touched', () => {
  const per = MILLION / 200;
  const base = {};
  let total = 0;
  for (let f = 0; f < 200; f++) {
    base[`data/part-${String(f).padStart(3, '0')}.manifest.jsonl`] = jsonl(range(f * per, per));
    total += per;
  }
  const touched = 'data/part-007.manifest.jsonl';
  const ids = range(7 * per, per);
  const change = changeFraction(ids, per, 0.1);
  return {
    base,
    head: { [touched]: jsonl(change.ids, change.variant) },
    paths: Object.keys(base),
    shards: total,
    bytes: Object.values(base).reduce((n, t) => n + t.length, 0),
  };
});

scenario('1M shards, JSONL in 20 files, 1 % changed in 1, after 20 commits that each changed one file', () => {
  const per = MILLION / 20;
  const path = (f) => `data/part-${String(f).padStart(2, '0')}.manifest.jsonl`;
  const ids = (f) => range(f * per, per);
  // Each file written, then changed once (its first 50 shards), one commit per file.
  const changed = (f, extra = []) => jsonl([...ids(f), ...extra], (i) => (i - f * per < 50 ? 1 : 0));
  const history = [Object.fromEntries(range(0, 20).map((f) => [path(f), jsonl(ids(f))])), ...range(0, 19).map((f) => ({ [path(f)]: changed(f) }))];
  const base = { [path(19)]: changed(19) };
  const head = { [path(0)]: changed(0, range(20_000_000, Math.round(MILLION * 0.01))) };
  const atBase = range(0, 20).map((f) => changed(f));
  return { history, base, head, paths: range(0, 20).map(path), shards: MILLION, bytes: atBase.reduce((n, t) => n + t.length, 0) };
});

scenario('1M shards, one JSONL file, 1 % changed, after 5 commits that changed it', () => {
  const ids = range(0, MILLION);
  const version = (k) => ({ 'data/all.manifest.jsonl': jsonl(ids, (i) => (i < (k + 1) * 1000 ? 1 : 0)) });
  const change = changeFraction(ids, MILLION, 0.01);
  const base = version(4);
  return {
    history: range(0, 4).map(version),
    base,
    head: { 'data/all.manifest.jsonl': jsonl(change.ids, (i) => change.variant(i) || (i < 5000 ? 1 : 0)) },
    paths: ['data/all.manifest.jsonl'],
    shards: MILLION,
    bytes: base['data/all.manifest.jsonl'].length,
  };
});

const HUNDRED_K = Math.round(100_000 * SCALE);
scenario(
  '100k shards, one YAML file, 1 % changed',
  () => {
    const ids = range(0, HUNDRED_K);
    const base = yamlDoc(ids);
    const change = changeFraction(ids, HUNDRED_K, 0.01);
    return {
      base: { 'data/all.manifest.yaml': base },
      head: { 'data/all.manifest.yaml': yamlDoc(change.ids, change.variant) },
      paths: ['data/all.manifest.yaml'],
      shards: HUNDRED_K,
      bytes: base.length,
    };
  },
  (base, head) => ({
    jsYaml: timed(() => {
      yaml.load(base['data/all.manifest.yaml']);
      yaml.load(head['data/all.manifest.yaml']);
    }),
  }),
);

scenario('a PR that touches no manifest (1M shards present)', () => {
  const per = MILLION / 20;
  const base = {};
  for (let f = 0; f < 20; f++) base[`data/part-${String(f).padStart(2, '0')}.manifest.jsonl`] = jsonl(range(f * per, per));
  return { base, head: { 'README.md': '# notes\n' }, paths: [], shards: MILLION, bytes: Object.values(base).reduce((n, t) => n + t.length, 0) };
});

const nodeStart = timed(() => spawnSync(process.execPath, ['-e', '0']));

const fmt = (n, d = 2) => n.toFixed(d);
const rows = results.map((r) => {
  const target =
    r.jsYaml !== undefined
      ? `≤ 1.5 × js-yaml: ${fmt(r.seconds / r.jsYaml)} ×`
      : r.floor
        ? `≤ 4 × read floor: ${fmt(r.seconds / r.floor)} ×`
        : `≤ 0.5 s: ${fmt(r.seconds)} s (node -e 0: ${fmt(nodeStart)} s)`;
  return [
    r.name,
    r.shards.toLocaleString('en-US'),
    `${fmt(r.bytes / 1e6, 1)} MB`,
    fmt(r.seconds),
    `${fmt(r.rssMb, 0)} MB`,
    r.floor ? fmt(r.floor) : '–',
    fmt(r.diff),
    r.diff ? `${fmt(r.seconds / r.diff)} ×` : '–',
    r.jsYaml !== undefined ? fmt(r.jsYaml) : '–',
    r.trendOff !== undefined ? `${fmt(r.seconds - r.trendOff)} (${fmt(((r.seconds - r.trendOff) / r.trendOff) * 100, 0)} %)` : '–',
    target,
  ];
});
const header = ['scenario', 'shards', 'manifest bytes', 'wall s', 'peak RSS', 'read floor s', 'git diff s', 'vs git diff', 'js-yaml s', 'trend s', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const machine = `${cpus().length} × ${cpus()[0]?.model?.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`collapse-guard bench${quick ? ' (--quick, 5 % scale)' : ''}: ${machine}; each time the fastest of ${REPEAT} run(s)\n`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
