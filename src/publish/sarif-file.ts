// A SARIF 2.1.0 file, when the `sarif` input names one (for code-scanning upload).
import * as core from '@actions/core';
import { writeFileSync } from 'node:fs';
import { toSarif } from '../report/sarif.js';
import type { Publisher } from './types.js';

export const sarifFile: Publisher = {
  name: 'SARIF file',
  publish({ analysis, inputs, docsUrl }) {
    if (!inputs.sarif) return;
    writeFileSync(inputs.sarif, `${JSON.stringify(toSarif(analysis, docsUrl), null, 2)}\n`);
    core.info(`collapse-guard: wrote SARIF to ${inputs.sarif}`);
  },
};
