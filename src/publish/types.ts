// What a publisher is: one way the action tells what it found (outputs, annotations, the job
// summary, a SARIF file, the sticky comment, the inline review). main.ts runs each in turn.
import type { Analysis } from '../analysis/analyse.js';
import type { ActionInputs } from './inputs.js';
import type { Octokit } from './client.js';
import type { DiffPositions } from './diff-positions.js';
import type { Target } from './event.js';

/** The pull request (as an issue) comments go to. */
export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface PublishContext {
  analysis: Analysis;
  inputs: ActionInputs;
  target: Target;
  /** Where the rule docs of this version of the action are. */
  docsUrl: string;
  /** Links into the repository and this run, when the runner says where they are. */
  links: RunLinks;
  /** Where the findings sit in the change's diff. */
  positions: DiffPositions;
  /** The pull request to write to: there is one, a token, and this run is for its current head. */
  pullRequest?: { octokit: Octokit; target: CommentTarget };
}

export interface RunLinks {
  /** A manifest line at a commit, on GitHub. */
  lineUrl?: (path: string, line: number, commit: string) => string;
  /** This run's page, which shows its job summary. */
  runUrl?: string;
}

export interface Publisher {
  name: string;
  publish(context: PublishContext): Promise<void> | void;
}
