// The JSON report (SPEC §8): a stable shape for scripts.
import type { Analysis } from '../analysis/analyse.js';
import type { Waiver } from '../rules/types.js';
import type { ShardStatus } from '../diff/shards.js';
import type { ChecklistItem } from '../analysis/checklist.js';
import type { Risk, Severity } from '../rules/severity.js';
import type { AmountUnit, Units } from '../formats/units.js';

interface WaiverReport {
  rule: string;
  shards?: string[];
  manifests?: string[];
  reason: string;
  expires: string;
  line?: number;
}

export interface JsonReport {
  version: 1;
  base: string;
  head: string;
  risk: Risk;
  datasets: {
    name: string;
    previousName?: string;
    status: string;
    kind: string;
    manifests: string[];
    units: { unit: AmountUnit; base: Units; head: Units };
    share: { base: number | null; head: number | null };
  }[];
  manifests: {
    path: string;
    previousPath?: string;
    format: string;
    status: string;
    dataset: string;
    shards: Record<ShardStatus, number>;
    unit: AmountUnit;
    units: { base: Units; head: Units };
    share: { base: number | null; head: number | null };
  }[];
  findings: {
    rule: string;
    severity: Severity;
    manifest: string;
    dataset: string | null;
    shard: string | null;
    shards: string[];
    line: number | null;
    message: string;
    waived: boolean;
    waivedShards?: string[];
    inherited: boolean;
  }[];
  waivers: { unused: WaiverReport[]; expired: WaiverReport[] };
  checklist: ChecklistItem[];
}

export function toJsonReport(a: Analysis): JsonReport {
  const nameOf = new Map(a.change.datasets.map((d) => [d.key, d.name]));
  return {
    version: 1,
    base: a.revisions.base,
    head: a.revisions.head,
    risk: a.risk,
    datasets: a.change.datasets.map((d) => ({
      name: d.name,
      ...(d.previousName ? { previousName: d.previousName } : {}),
      status: d.status,
      kind: d.kind,
      manifests: [...new Set([...d.members.base, ...d.members.head])].sort(),
      units: { unit: d.unit, base: d.units.base, head: d.units.head },
      share: d.share,
    })),
    manifests: a.change.manifests.map((m) => ({
      path: m.path,
      ...(m.basePath ? { previousPath: m.basePath } : {}),
      format: m.format,
      status: m.status,
      dataset: nameOf.get(m.dataset) ?? m.dataset,
      shards: m.counts,
      unit: m.unit,
      units: m.units,
      share: m.share,
    })),
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      manifest: f.manifest,
      dataset: f.dataset ?? null,
      shard: f.shard ?? null,
      shards: f.shards ?? [],
      line: f.line ?? null,
      message: f.message,
      waived: f.waived,
      ...(f.waivedShards ? { waivedShards: f.waivedShards } : {}),
      inherited: f.inherited,
    })),
    waivers: { unused: a.unusedWaivers.map(waiverReport), expired: a.expiredWaivers.map(waiverReport) },
    checklist: a.checklist,
  };
}

function waiverReport(w: Waiver): WaiverReport {
  return {
    rule: w.rule,
    ...(w.shards ? { shards: w.shards } : {}),
    ...(w.manifests ? { manifests: w.manifests } : {}),
    reason: w.reason,
    expires: w.expires,
    ...(w.line ? { line: w.line } : {}),
  };
}
