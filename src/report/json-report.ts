// The JSON report (SPEC §8): a stable shape for scripts.
import type { Analysis } from '../analyse.js';
import type { ShardStatus } from '../diff.js';
import type { ChecklistItem } from './checklist.js';
import type { Risk, Severity } from '../severity.js';
import type { AmountUnit, Units } from '../units.js';

export interface JsonReport {
  version: 1;
  base: string;
  head: string;
  risk: Risk;
  manifests: {
    path: string;
    previousPath?: string;
    format: string;
    status: string;
    shards: Record<ShardStatus, number>;
    unit: AmountUnit;
    units: { base: Units; head: Units };
    share: { base: number | null; head: number | null };
  }[];
  findings: {
    rule: string;
    severity: Severity;
    manifest: string;
    shard: string | null;
    line: number | null;
    message: string;
    waived: boolean;
    inherited: boolean;
  }[];
  checklist: ChecklistItem[];
}

export function toJsonReport(a: Analysis): JsonReport {
  return {
    version: 1,
    base: a.revisions.base,
    head: a.revisions.head,
    risk: a.risk,
    manifests: a.change.manifests.map((m) => ({
      path: m.path,
      ...(m.basePath ? { previousPath: m.basePath } : {}),
      format: m.format,
      status: m.status,
      shards: m.counts,
      unit: m.unit,
      units: m.units,
      share: m.share,
    })),
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      manifest: f.manifest,
      shard: f.shard ?? null,
      line: f.line ?? null,
      message: f.message,
      waived: f.waived,
      inherited: f.inherited,
    })),
    checklist: a.checklist,
  };
}
