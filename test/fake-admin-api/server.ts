// The HTTP side: one request's life from arrival to response.
//
//   record → read body → global latency → auth (401/403) → rate limit (429) → faults → route → handler → respond
//   (a GET runs auth … handler at once and responds when the global latency is over: see handleV1)
//
// Fault semantics for writes (documented in README.md):
//   status / reset / timeout  happen before the handler runs: the write did NOT happen.
//   malformed / truncated / slow-body  mangle the response of a handler that DID run.
//   latency  delays the handler; if the client gives up while waiting, the handler is skipped.
import http from 'node:http';
import { ApiError, faultError, invalidApiKey, invalidUrl, notAdminKey, rateLimited, type ErrorBody } from './errors';
import type { Faults } from './faults';
import type { TokenBucket } from './rateLimit';
import { Query } from './query';
import type { Rng } from './rng';
import { matchRoute, routeLabel, type Match } from './router';
import type { FakeState } from './state';
import type { FakeStats, FaultRule, RequestRecord } from './types';
import { encodeJson, encodeJsonParts } from './viewCache';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ServerContext {
  state: FakeState;
  faults: Faults;
  requests: RequestRecord[];
  stats: FakeStats;
  config: { adminKey: string; nonAdminKey: string; latencyMs: number; rateLimit: TokenBucket | null };
  /** Source of x-request-id values. */
  ids: Rng;
  /** Set while close() runs, so hung requests it ends are not counted as client aborts. */
  closing: boolean;
  seq: number;
}

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  record: RequestRecord;
  /** Set when the connection closed (the client went away, or the response finished). */
  gone: boolean;
  /** Marks that the fake itself cut the connection (reset/truncated), not the client. */
  cutByServer(): void;
}

/** Waits `ms`, or less if the client goes away first. */
function sleep(ms: number, ex: Exchange): Promise<void> {
  return ms > 0 ? sleepUntil(performance.now() + ms, ex) : Promise.resolve();
}

/**
 * Waits until `deadline` (a performance.now() time), or less if the client goes away first. Never
 * less otherwise: a timer counts from the event loop's cached time, which can be a few milliseconds
 * old when many requests arrived together, so it can fire early; the wait goes on until the deadline.
 */
function sleepUntil(deadline: number, ex: Exchange): Promise<void> {
  if (ex.gone || performance.now() >= deadline) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    tick();
    // The response's own close event rather than an AbortSignal: an aborted signal builds a
    // DOMException with a stack for every request, a tenth of the fake's time per request.
    ex.res.once('close', done);
    function tick() {
      const left = deadline - performance.now();
      // Timers have whole milliseconds; the last fraction is waited out one event-loop turn at a time.
      if (left >= 1) timer = setTimeout(tick, Math.floor(left));
      else if (left > 0) immediate = setImmediate(tick);
      else done();
    }
    function done() {
      clearTimeout(timer);
      clearImmediate(immediate);
      ex.res.removeListener('close', done);
      resolve();
    }
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, `Request body too large (limit ${MAX_BODY_BYTES} bytes).`, 'invalid_request_error', null, 'request_too_large'));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function baseHeaders(ctx: ServerContext, started: number, bytes: number, extra: Record<string, string> = {}): http.OutgoingHttpHeaders {
  return {
    'content-type': 'application/json',
    'content-length': bytes,
    'x-request-id': `req_${ctx.ids.hex(32)}`,
    'openai-version': '2020-10-01',
    'openai-processing-ms': String(Date.now() - started),
    ...extra,
  };
}

function send(ctx: ServerContext, ex: Exchange, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (ex.res.destroyed) return;
  const parts = encodeJsonParts(body);
  ex.record.status = status;
  ex.res.writeHead(status, baseHeaders(ctx, ex.record.startedAt, parts.reduce((n, p) => n + p.length, 0), extra));
  // Corked, the pieces leave in one write.
  ex.res.cork();
  for (const p of parts) ex.res.write(p);
  ex.res.end();
  ex.res.uncork();
}

function sendError(ctx: ServerContext, ex: Exchange, err: ApiError): void {
  send(ctx, ex, err.status, err.body() satisfies ErrorBody, err.headers);
}

type Auth = 'admin' | 'not-admin' | 'invalid';

function authenticate(ctx: ServerContext, header: string | undefined): { auth: Auth; key?: string } {
  const key = /^Bearer\s+(\S.*)$/i.exec(header ?? '')?.[1]?.trim();
  if (!key) return { auth: 'invalid' };
  if (key === ctx.config.adminKey) return { auth: 'admin', key };
  if (key === ctx.config.nonAdminKey) return { auth: 'not-admin', key };
  const cred = ctx.state.credentials.get(key);
  if (cred) return { auth: cred.kind === 'admin' ? 'admin' : 'not-admin', key };
  return { auth: 'invalid', key };
}

/** Faults that replace the handler: nothing is written. */
function applyPreFault(ctx: ServerContext, ex: Exchange, fault: FaultRule): void {
  switch (fault.kind) {
    case 'status': {
      const err = faultError(fault.status ?? 500);
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      send(ctx, ex, err.status, err.body(), headers);
      return;
    }
    case 'reset':
      ex.cutByServer();
      ex.req.socket.resetAndDestroy();
      return;
    case 'timeout':
      // Never answer. The socket stays open until the client aborts or close() runs.
      return;
  }
}

/** Faults that mangle the response of a handler that ran. */
async function sendMangled(ctx: ServerContext, ex: Exchange, fault: FaultRule, status: number, body: unknown): Promise<void> {
  const bytes = encodeJson(body);
  const text = bytes.toString('utf8');
  if (fault.kind === 'malformed') {
    const broken = `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}<!-- upstream error -->`;
    ex.record.status = 200;
    ex.res.writeHead(200, baseHeaders(ctx, ex.record.startedAt, Buffer.byteLength(broken)));
    ex.res.end(broken);
    return;
  }
  ex.record.status = status;
  ex.res.writeHead(status, baseHeaders(ctx, ex.record.startedAt, bytes.length));
  if (fault.kind === 'truncated') {
    // Promise the whole body, deliver half, hang up.
    ex.cutByServer();
    ex.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => ex.req.socket.destroy());
    return;
  }
  // slow-body: trickle the body out over latencyMs.
  const pieces = Math.max(1, Math.min(10, bytes.length));
  const pause = (fault.latencyMs ?? 1000) / pieces;
  for (let i = 0; i < pieces; i++) {
    if (ex.gone) return;
    const chunk = bytes.subarray(Math.floor((i * bytes.length) / pieces), Math.floor(((i + 1) * bytes.length) / pieces));
    if (i === pieces - 1) ex.res.end(chunk);
    else ex.res.write(chunk);
    if (i < pieces - 1) await sleep(pause, ex);
  }
}

function runHandler(ctx: ServerContext, match: Match, query: URLSearchParams, body: unknown): { status: number; body: unknown } {
  try {
    const result = match.def.handler({ state: ctx.state, params: match.params, query: new Query(query), body });
    if (match.def.method !== 'GET') ctx.state.touch();
    return { status: 200, body: result };
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, body: err.body() };
    console.error('[fake-admin-api] handler crashed:', err);
    return { status: 500, body: new ApiError(500, 'The server had an error while processing your request.', 'server_error').body() };
  }
}

async function handleV1(ctx: ServerContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const arrived = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice('/v1'.length) || '/';
  const match = matchRoute(method, path);
  const record: RequestRecord = {
    seq: ++ctx.seq,
    method,
    path,
    query: url.search,
    route: match ? routeLabel(match.def) : '',
    operationId: match?.def.operationId ?? '',
    status: 0,
    aborted: false,
    authorization: req.headers.authorization,
    headers: { ...req.headers },
    startedAt: Date.now(),
  };
  ctx.requests.push(record);
  ctx.stats.total++;
  ctx.stats.inFlight++;
  ctx.stats.maxInFlight = Math.max(ctx.stats.maxInFlight, ctx.stats.inFlight);

  let cut = false;
  res.on('close', () => {
    ctx.stats.inFlight--;
    record.endedAt = Date.now();
    record.durationMs = performance.now() - arrived;
    if (!res.writableFinished && !cut && !ctx.closing) {
      record.aborted = true;
      ctx.stats.aborted++;
    }
    ex.gone = true;
  });
  const ex: Exchange = { req, res, record, gone: false, cutByServer: () => void (cut = true) };

  let raw: string;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof ApiError) sendError(ctx, ex, err);
    return;
  }
  let body: unknown;
  let badJson = false;
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
      badJson = true;
    }
    record.body = body;
  }

  // A read is answered at arrival + latency, its work done during the wait, as a server's own time
  // is part of a real round trip. Done after the wait, the work of reads that arrived together would
  // run one after another on this one thread and hold the last one's answer back by all of theirs
  // (about 0.3 ms each; BENCHMARKS.md figure 6 counts the difference). A write still waits first, so a
  // client that gives up during the wait never has it applied.
  const reads = method === 'GET';
  const answerAt = arrived + ctx.config.latencyMs;
  if (!reads) {
    await sleepUntil(answerAt, ex);
    if (ex.gone) return;
  }
  const next = decide(ctx, ex, method, path, match, url, body, badJson, reads);
  if (reads) {
    await sleepUntil(answerAt, ex);
    if (ex.gone) return;
  }
  await sleep(next.latencyMs, ex);
  if (ex.gone) return;
  await next.reply();
}

/**
 * Auth, rate limit, faults and routing for one request, and the reply they lead to. With `eager`, the
 * handler runs now; otherwise only when the reply is sent (after any fault latency).
 */
function decide(
  ctx: ServerContext,
  ex: Exchange,
  method: string,
  path: string,
  match: Match | undefined,
  url: URL,
  body: unknown,
  badJson: boolean,
  eager: boolean,
): { latencyMs: number; reply: () => void | Promise<void> } {
  const now = (reply: () => void | Promise<void>) => ({ latencyMs: 0, reply });
  const { auth, key } = authenticate(ctx, ex.req.headers.authorization);
  if (auth === 'invalid') return now(() => sendError(ctx, ex, invalidApiKey(key)));
  if (auth === 'not-admin') return now(() => sendError(ctx, ex, notAdminKey()));
  const bucket = ctx.config.rateLimit;
  if (bucket) {
    const waitMs = bucket.take();
    if (waitMs > 0) return now(() => sendError(ctx, ex, rateLimited(bucket.perSecond, waitMs)));
  }

  const decision = ctx.faults.decide(method, path);
  const later = (reply: () => void | Promise<void>) => ({ latencyMs: decision.latencyMs, reply });
  const fault = decision.fault;
  if (fault && (fault.kind === 'status' || fault.kind === 'reset' || fault.kind === 'timeout')) return later(() => applyPreFault(ctx, ex, fault));

  if (!match) return later(() => sendError(ctx, ex, invalidUrl(method, `/v1${path}`)));
  if (badJson) {
    return later(() =>
      sendError(
        ctx,
        ex,
        new ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)", 'invalid_request_error'),
      ),
    );
  }
  const run = () => runHandler(ctx, match, url.searchParams, body);
  const ready = eager ? run() : undefined;
  return later(() => {
    const result = ready ?? run();
    if (fault) return sendMangled(ctx, ex, fault, result.status, result.body);
    send(ctx, ex, result.status, result.body);
  });
}

export function createFakeServer(ctx: ServerContext, controlPlane: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const work = url.pathname.startsWith('/__fake/')
      ? controlPlane(req, res, url)
      : url.pathname === '/v1' || url.pathname.startsWith('/v1/')
        ? handleV1(ctx, req, res, url)
        : Promise.resolve(sendPlain404(ctx, res, req.method ?? 'GET', url.pathname));
    work.catch((err: unknown) => {
      console.error('[fake-admin-api] request failed:', err);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-request-id': `req_${ctx.ids.hex(32)}` });
        res.end(JSON.stringify(new ApiError(500, 'Internal error in the fake.', 'server_error').body()));
      } else {
        res.destroy();
      }
    });
  });
}

/** Outside /v1 (e.g. a client configured without the /v1 suffix): a 404 like the real host's. */
function sendPlain404(ctx: ServerContext, res: http.ServerResponse, method: string, path: string): void {
  const text = JSON.stringify(invalidUrl(method, path).body());
  res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': `req_${ctx.ids.hex(32)}` });
  res.end(text);
}
