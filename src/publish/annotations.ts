// Annotations on the manifest lines of active findings (SPEC §8), within GitHub's per-step limits.
import * as core from '@actions/core';
import { escapeWorkflowCommand } from '../report/log-escape.js';
import { severityRank } from '../rules/severity.js';
import type { Finding } from '../rules/types.js';
import type { Publisher } from './types.js';

/** GitHub shows at most this many error and this many warning annotations of a step (notices alike). */
const PER_KIND = 10;

function kindOf(f: Finding): 'error' | 'warning' | 'notice' {
  return f.severity === 'critical' || f.severity === 'high' ? 'error' : f.severity === 'info' ? 'notice' : 'warning';
}

/**
 * One annotation per active finding, on the line it concerns (for removed shards, the nearest line
 * of the head file), most serious first; past the limit, the last one of a kind counts the rest.
 */
export const annotations: Publisher = {
  name: 'annotations',
  publish({ analysis, positions }) {
    const active = [...analysis.active].sort((x, y) => severityRank(y.severity) - severityRank(x.severity));
    for (const [kind, emit] of [
      ['error', core.error],
      ['warning', core.warning],
      ['notice', core.notice],
    ] as const) {
      const all = active.filter((f) => kindOf(f) === kind);
      const shown = all.length > PER_KIND ? all.slice(0, PER_KIND - 1) : all;
      for (const f of shown) {
        const line = f.line ?? (f.baseLine ? positions.headLineFor(f.manifest, f.baseLine) : undefined);
        const text = escapeWorkflowCommand(`${f.rule}: ${f.message}${f.shard ? ` (shard ${f.shard})` : ''}`);
        emit(text, { title: `collapse-guard ${f.severity}`, file: f.manifest, startLine: line });
      }
      if (shown.length < all.length) emit(`…and ${all.length - shown.length} more finding(s) at this level: see the job summary.`, { title: 'collapse-guard' });
    }
  },
};
