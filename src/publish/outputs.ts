// The step's outputs (SPEC §2) and the JSON report file they point to.
import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonReport } from '../report/json.js';
import { tempDir } from '../git.js';
import type { Publisher } from './types.js';

export const outputs: Publisher = {
  name: 'outputs',
  publish({ analysis: a }) {
    const report = join(tempDir(), 'collapse-guard-report.json');
    writeFileSync(report, `${JSON.stringify(toJsonReport(a), null, 2)}\n`);
    core.setOutput('risk', a.risk);
    core.setOutput('findings', a.active.length);
    core.setOutput('report', report);
    core.setOutput('synthetic-share', a.syntheticShare === null ? '' : a.syntheticShare.toFixed(4));
    // Set again by the sticky comment once it is posted.
    core.setOutput('comment-url', '');
  },
};
