// The publishers, in the order they run: what the step reports wherever GitHub shows it.
import { annotations } from './annotations.js';
import { inlineReview } from './inline-review.js';
import { jobSummary } from './job-summary.js';
import { outputs } from './outputs.js';
import { sarifFile } from './sarif-file.js';
import { stickyComment } from './sticky-comment.js';
import type { Publisher } from './types.js';

export const PUBLISHERS: readonly Publisher[] = [outputs, annotations, jobSummary, sarifFile, stickyComment, inlineReview];
