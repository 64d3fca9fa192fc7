// A local stand-in for the GitHub REST API endpoints the action uses for its sticky comment.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Comment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number;
  side?: string;
  body: string;
}

export class MockGitHub {
  readonly comments: Comment[] = [];
  readonly reviewComments: ReviewComment[] = [];
  readonly reviews: { event: string; commit_id: string; comments: { path: string; line: number; side: string; body: string }[] }[] = [];
  /** The PR's current head, as GET /pulls/N answers; undefined answers 404. */
  pullHead: string | undefined;
  /** Statuses answered, in turn, to the next comment-list requests (e.g. 502 to test retries). */
  failNext: number[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Status answered to comment writes: 403 imitates a fork PR's read-only token. */
  writeStatus = 0;
  private server: Server;
  private nextId = 1000;

  constructor(
    readonly owner = 'acme',
    readonly repo = 'training-data',
  ) {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, json, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(status === 204 ? undefined : JSON.stringify(json));
      });
    });
  }

  private base = '';
  /** Requests came under /api/v3, as on GitHub Enterprise Server. */
  enterprise = false;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; json: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL((req.url ?? '/').replace(/^\/api\/v3(?=\/)/, ''), 'http://localhost');
    if (req.url?.startsWith('/api/v3/')) this.enterprise = true;
    this.requests.push({ method: req.method ?? '', path: url.pathname, body });
    const prefix = `/repos/${this.owner}/${this.repo}/issues`;
    const list = new RegExp(`^${prefix}/(\\d+)/comments$`).exec(url.pathname);
    const one = new RegExp(`^${prefix}/comments/(\\d+)$`).exec(url.pathname);
    const pulls = `/repos/${this.owner}/${this.repo}/pulls`;
    const pull = new RegExp(`^${pulls}/(\\d+)$`).exec(url.pathname);
    const reviewComments = new RegExp(`^${pulls}/(\\d+)/comments$`).exec(url.pathname);
    const reviews = new RegExp(`^${pulls}/(\\d+)/reviews$`).exec(url.pathname);
    if (pull && req.method === 'GET') {
      return this.pullHead ? { status: 200, json: { number: Number(pull[1]), head: { sha: this.pullHead } } } : { status: 404, json: { message: 'Not Found' } };
    }
    if (reviewComments && req.method === 'GET') return { status: 200, json: this.reviewComments };
    if (reviews && req.method === 'POST') {
      if (this.writeStatus) return { status: this.writeStatus, json: { message: 'Resource not accessible by integration' } };
      this.reviews.push(body);
      for (const c of body.comments ?? []) this.reviewComments.push({ id: this.nextId++, path: c.path, line: c.line, side: c.side, body: c.body });
      return { status: 200, json: { id: this.nextId++, state: 'COMMENTED' } };
    }
    if (list && req.method === 'GET' && this.failNext.length) {
      const status = this.failNext.shift()!;
      return { status, json: { message: 'Server Error' } };
    }
    if (list && req.method === 'GET') {
      // Paginated as GitHub does: 100 a page at most, with a Link header to the next.
      const page = Number(url.searchParams.get('page') ?? '1');
      const per = Math.min(Number(url.searchParams.get('per_page') ?? '30'), 100);
      const slice = this.comments.slice((page - 1) * per, page * per);
      const more = page * per < this.comments.length;
      return { status: 200, json: slice, headers: more ? { link: `<${this.base}${url.pathname}?per_page=${per}&page=${page + 1}>; rel="next"` } : {} };
    }
    if (list && req.method === 'POST') {
      if (this.writeStatus) return { status: this.writeStatus, json: { message: 'Resource not accessible by integration' } };
      const id = this.nextId++;
      const comment = {
        id,
        body: body.body,
        html_url: `https://github.com/${this.owner}/${this.repo}/pull/${list[1]}#issuecomment-${id}`,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      };
      this.comments.push(comment);
      return { status: 201, json: comment };
    }
    if (one && req.method === 'DELETE') {
      const i = this.comments.findIndex((c) => c.id === Number(one[1]));
      if (i >= 0) this.comments.splice(i, 1);
      return { status: 204, json: null };
    }
    if (one && req.method === 'PATCH') {
      if (this.writeStatus) return { status: this.writeStatus, json: { message: 'Resource not accessible by integration' } };
      const comment = this.comments.find((c) => c.id === Number(one[1]));
      if (!comment) return { status: 404, json: { message: 'Not Found' } };
      comment.body = body.body;
      return { status: 200, json: comment };
    }
    return { status: 404, json: { message: `Not Found: ${req.method} ${url.pathname}` } };
  }
}
