// Severity levels, ordered from least to most serious.
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Risk = Severity | 'none';
export type FailOn = Severity | 'never';

export function severityRank(s: Risk): number {
  return s === 'none' ? -1 : SEVERITIES.indexOf(s);
}

export function maxRisk(levels: Iterable<Severity>): Risk {
  let best: Risk = 'none';
  for (const s of levels) if (severityRank(s) > severityRank(best)) best = s;
  return best;
}

/** True when `risk` reaches the `fail-on` level. */
export function reaches(risk: Risk, failOn: FailOn): boolean {
  if (failOn === 'never' || risk === 'none') return false;
  return severityRank(risk) >= severityRank(failOn);
}

/** One level less serious (`verified` data, SPEC §6); info stays info. */
export function lowerSeverity(s: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - 1)]!;
}
