// The job summary: the report, bounded under GitHub's 1 MiB.
import * as core from '@actions/core';
import { renderSummary } from '../report/markdown.js';
import type { Publisher } from './types.js';

export const jobSummary: Publisher = {
  name: 'job summary',
  async publish({ analysis, docsUrl, links }) {
    await core.summary.addRaw(renderSummary(analysis, { docsUrl, lineUrl: links.lineUrl })).write();
  },
};
