// A small HTTP proxy between the action and Prism. It records every request the action sends
// (method, path, status, Prism's violations) so a test can count them exactly and fail on any
// request that breaks GitHub's OpenAPI description.
//
// It changes only what Prism cannot know, and says so in each record:
// - Accept: GitHub's JSON media types (application/vnd.github+json, application/vnd.github.v3+json,
//   and the .raw/.text/.html/.full variants) are sent to Prism as application/json, which is
//   what the description declares; Prism would otherwise answer 406. Any other Accept value is
//   passed through unchanged.
// - Link: the description's example Link header points at https://api.github.com/resource?page=2
//   and is the same on every page, so a client following it would leave the machine or page
//   forever. The proxy points rel="next" at page 2 of the same request on the mock and drops the
//   header from page 2 on, so pagination is exercised and ends.
// - Some of the description's own examples break its own schemas (the pulls/get example's
//   requested_teams lack the required `type`). With --errors Prism then answers 500 even though
//   the request was valid. The proxy keeps those response-side violations in the record
//   (`exampleViolations`) and asks Prism again with `Prefer: dynamic=true`, i.e. for a response
//   generated from the schema, so the action gets a response GitHub could send. The request was
//   validated all the same; a request-side violation is never retried.
// - Tests may register response edits (e.g. "this PR's head is the commit under test"), listed in
//   the record as `edited`.
import { createServer, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { GITHUB_DESCRIPTION } from './prism.mjs';

const GITHUB_JSON = /^application\/vnd\.github(?:\.v3)?(?:\.(?:raw|text|html|full))?\+json$/i;

export class RecordingProxy {
  /** @param {string} target Prism's base URL */
  constructor(target) {
    this.target = new URL(target);
    /**
     * @type {Array<{method:string,path:string,accept:string,status:number,violations:any[],exampleViolations?:any[],
     *   problem?:string,operation?:string,requestBody?:any,edited?:string[],linkRewritten?:boolean}>}
     */
    this.requests = [];
    /** @type {Array<{method:string, path:RegExp, name:string, edit:(json:any, url:URL)=>void}>} */
    this.edits = [];
    this.operations = operationMatcher();
  }

  async start() {
    this.server = createServer((req, res) => {
      this.#handle(req, res).catch((e) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recording proxy: ${e.message}`);
      });
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this.url;
  }

  async stop() {
    this.server?.closeAllConnections?.();
    await new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests from index `from` on that Prism rejected or flagged. */
  violations(from = 0) {
    return this.requests.slice(from).filter((r) => r.violations.length > 0 || r.status >= 400);
  }

  /** Requests Prism matched to an operation of the description and found valid. */
  validated(from = 0) {
    return this.requests.slice(from).filter((r) => r.violations.length === 0 && r.status < 400 && r.operation);
  }

  /** A readable line per request, for assertion messages and logs. */
  describe(list = this.requests) {
    return list
      .map(
        (r) =>
          `${r.method} ${r.path} → ${r.status}${r.operation ? ` [${r.operation}]` : ' [no operation in the description]'}` +
          (r.violations.length ? `\n    violations: ${r.violations.map((v) => `${(v.location ?? []).join('.')}: ${v.message}`).join('; ')}` : '') +
          (r.problem ? `\n    prism: ${r.problem}` : ''),
      )
      .join('\n');
  }

  /** Sends the request to Prism; returns status, headers, body and the parsed sl-violations. */
  async #forward(req, headers, body) {
    const upstream = await new Promise((resolve, reject) => {
      const out = httpRequest({ host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers }, resolve);
      out.on('error', reject);
      out.end(body);
    });
    const chunks = [];
    for await (const c of upstream) chunks.push(c);
    const resHeaders = { ...upstream.headers };
    let violations = [];
    if (resHeaders['sl-violations']) {
      try {
        violations = JSON.parse(resHeaders['sl-violations']);
      } catch {
        violations = [{ message: String(resHeaders['sl-violations']) }];
      }
    }
    return { status: upstream.statusCode ?? 0, headers: resHeaders, body: Buffer.concat(chunks), violations };
  }

  async #handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, this.url);
    const record = { method: req.method, path: url.pathname + url.search, accept: req.headers.accept ?? '', status: 0, violations: [] };
    record.operation = this.operations(req.method, url.pathname);
    if (body.length && /json/.test(req.headers['content-type'] ?? '')) {
      try {
        record.requestBody = JSON.parse(body.toString('utf8'));
      } catch {
        record.requestBody = body.toString('utf8');
      }
    }
    this.requests.push(record);

    const headers = { ...req.headers, host: this.target.host, 'content-length': String(body.length) };
    const accepts = (req.headers.accept ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (accepts.length && accepts.every((a) => GITHUB_JSON.test(a.split(';')[0]))) headers.accept = 'application/json';

    let upstream = await this.#forward(req, headers, body);
    const exampleViolations = upstream.violations.filter((v) => v.location?.[0] === 'response');
    if (upstream.status === 500 && exampleViolations.length > 0 && exampleViolations.length === upstream.violations.length) {
      record.exampleViolations = exampleViolations;
      upstream = await this.#forward(req, { ...headers, prefer: 'dynamic=true' }, body);
    }
    let resBody = upstream.body;
    const resHeaders = upstream.headers;
    record.status = upstream.status;
    // Only what Prism says of the request counts against the action.
    record.violations = upstream.violations.filter((v) => v.location?.[0] !== 'response');
    const type = String(resHeaders['content-type'] ?? '');
    if (record.status >= 400 && /json/.test(type)) {
      try {
        const p = JSON.parse(resBody.toString('utf8'));
        if (p.type?.includes('stoplight.io/prism')) record.problem = `${p.title}: ${p.detail}`;
      } catch {
        /* not JSON */
      }
    }

    if (resHeaders.link) {
      record.linkRewritten = true;
      const page = Number(url.searchParams.get('page') ?? '1');
      if (page < 2) {
        const next = new URL(url.pathname + url.search, this.url);
        next.searchParams.set('page', '2');
        resHeaders.link = `<${next}>; rel="next", <${next}>; rel="last"`;
      } else delete resHeaders.link;
    }

    if (record.status < 300 && /json/.test(type)) {
      for (const e of this.edits) {
        if (e.method !== req.method || !e.path.test(url.pathname)) continue;
        const json = JSON.parse(resBody.toString('utf8'));
        e.edit(json, url);
        resBody = Buffer.from(JSON.stringify(json));
        (record.edited ??= []).push(e.name);
      }
    }
    resHeaders['content-length'] = String(resBody.length);
    delete resHeaders['transfer-encoding'];
    res.writeHead(record.status, resHeaders);
    res.end(resBody);
  }
}

/**
 * Maps a method and path to "operationId (METHOD /template)" from the same description Prism
 * serves, so the log names each request's operation; undefined when the description has none.
 */
function operationMatcher() {
  const description = JSON.parse(readFileSync(GITHUB_DESCRIPTION, 'utf8'));
  const routes = [];
  for (const [template, item] of Object.entries(description.paths)) {
    // Escape regex characters, then let each {parameter} match one path segment.
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const literal = template.replace(/\{[^}]+\}/g, '').length;
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && op.operationId)
        routes.push({ method: method.toUpperCase(), re, literal, name: `${op.operationId} (${method.toUpperCase()} ${template})` });
    }
  }
  // The most specific template first: /repos/{o}/{r}/issues/comments/{id} before .../issues/{n}/comments.
  routes.sort((a, b) => b.literal - a.literal);
  return (method, path) => routes.find((r) => r.method === method && r.re.test(path))?.name;
}
