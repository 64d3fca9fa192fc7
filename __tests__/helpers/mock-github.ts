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

export class MockGitHub {
  readonly comments: Comment[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Status answered to comment writes: 403 imitates a fork PR's read-only token. */
  writeStatus = 0;
  private server: Server;
  private nextId = 1000;

  constructor(readonly owner = 'acme', readonly repo = 'training-data') {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, json }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; json: unknown }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push({ method: req.method ?? '', path: url.pathname, body });
    const prefix = `/repos/${this.owner}/${this.repo}/issues`;
    const list = new RegExp(`^${prefix}/(\\d+)/comments$`).exec(url.pathname);
    const one = new RegExp(`^${prefix}/comments/(\\d+)$`).exec(url.pathname);
    if (list && req.method === 'GET') return { status: 200, json: this.comments };
    if (list && req.method === 'POST') {
      if (this.writeStatus) return { status: this.writeStatus, json: { message: 'Resource not accessible by integration' } };
      const id = this.nextId++;
      const comment = { id, body: body.body, html_url: `https://github.com/${this.owner}/${this.repo}/pull/${list[1]}#issuecomment-${id}`, user: { login: 'github-actions[bot]', type: 'Bot' } };
      this.comments.push(comment);
      return { status: 201, json: comment };
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
