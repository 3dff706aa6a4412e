import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HttpError, MESSAGES } from './http/errors';
import type { Router } from './http/router';
import type { SimRequest, SimResponse } from './http/types';
import type { Faults } from './faults';
import type { ResponseChecker } from './http/response-check';
import { isLoopbackUrl } from './loopback';
import { CLIENT_LOG_UPLOAD_PATH } from './sdk/urls';
import type { RequestLog } from './requestLog';
import type { World } from './world/world';

/** Bodies larger than this get a 413: no Webex API call is bigger... */
const MAX_BODY_BYTES = 1024 * 1024;
/** ...except the SDK's log upload to a client-logs `tempURL`, which is a file. */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export type UpgradeHandler = (socket: WebSocket, req: IncomingMessage, url: URL) => void;

interface ServerDeps {
  world: World;
  routers: Router[];
  faults: Faults;
  log: RequestLog;
  /** Websocket endpoints by path prefix. */
  upgrades: { prefix: string; handle: UpgradeHandler }[];
  /** When set, every REST answer is held to the shared schemas before it is sent. */
  checker?: ResponseChecker;
}

// Unref'd: an injected 30 s latency must not keep a test process alive after close().
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * One HTTP + websocket server for every face. Cross-origin by design: the
 * SDK runs in a browser page on another origin.
 */
export class SimServer {
  readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  readonly sockets = new Set<{ ws: WebSocket; path: string }>();
  baseUrl = '';

  constructor(private readonly deps: ServerDeps) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A bug in the simulator, not a client mistake: still answer, never hang.
        console.error('[webex-sim] internal error', err);
        // With CORS headers: without them a page sees a status-less CORS error
        // and nobody can tell the simulator's bug from a network failure.
        if (!res.headersSent)
          this.send(
            res,
            500,
            { message: MESSAGES.serverError, errors: [{ description: MESSAGES.serverError }] },
            corsHeaders(req),
          );
      });
    });
    this.http.keepAliveTimeout = 5_000;
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    const addr = this.http.address() as AddressInfo;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Closes the open websockets whose path matches (all when omitted). */
  dropSockets(match: (path: string) => boolean = () => true): number {
    let n = 0;
    for (const s of this.sockets) {
      if (match(s.path)) {
        s.ws.terminate();
        n++;
      }
    }
    return n;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { world, faults, log } = this.deps;
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const clientTracking = header(req, 'trackingid');
    const trackingId = clientTracking ?? world.ids.trackingId();
    const cors = corsHeaders(req);

    // The control API changes a developer's whole simulator: a page from
    // anywhere else on the web must not reach it through their browser. A
    // missing Origin is a Node caller (tests, the backend); a foreign one is
    // refused outright, since a "simple" cross-origin POST runs without a
    // preflight even when its answer cannot be read.
    if (url.pathname.startsWith('/_sim')) {
      const origin = header(req, 'origin');
      if (origin !== undefined && !isLoopbackUrl(origin)) {
        this.send(
          res,
          403,
          envelope(
            `The simulator's control API only answers pages served from loopback, not ${origin}.`,
            trackingId,
          ),
          { Trackingid: trackingId, Vary: 'Origin' },
        );
        return;
      }
    }

    if (method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }

    let rawBody: Buffer;
    try {
      rawBody = await readBody(
        req,
        url.pathname.startsWith(CLIENT_LOG_UPLOAD_PATH) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES,
      );
    } catch {
      this.send(res, 413, envelope('The request body is too large.', trackingId), {
        ...cors,
        Trackingid: trackingId,
      });
      return;
    }

    const auth = world.tokens.authenticate(header(req, 'authorization'));
    const entry = {
      at: world.now(),
      method,
      path: url.pathname,
      query: url.search,
      trackingId,
      ...(auth && auth !== 'expired' ? { personId: auth.personId } : {}),
      ...(header(req, 'authorization')
        ? {
            auth:
              auth === undefined
                ? ('invalid' as const)
                : auth === 'expired'
                  ? ('expired' as const)
                  : auth.kind,
          }
        : {}),
    };

    const fault = url.pathname.startsWith('/_sim') ? undefined : faults.take(method, url.pathname);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    let response: SimResponse & { unmodelled?: true };
    if (fault?.status) {
      response = {
        status: fault.status,
        headers: fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {},
        body: faultBody(url.pathname, fault.status, trackingId),
      };
    } else {
      response = await this.route({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        trackingId,
        baseUrl: this.baseUrl,
      });
    }

    if (this.deps.checker) {
      response = this.deps.checker.check(method, url.pathname, response, trackingId);
    }

    // The log is for the Webex surfaces; control calls would only blur assertions.
    if (!url.pathname.startsWith('/_sim'))
      log.add({
        ...entry,
        status: response.status,
        ...(fault ? { fault: fault.id } : {}),
        ...(response.unmodelled ? { unmodelled: true } : {}),
      });
    this.send(
      res,
      response.status,
      response.body,
      { ...cors, Trackingid: trackingId, ...response.headers },
      method === 'HEAD',
    );
  }

  /** Routes a request; one no route knows is answered 404/405 and marked `unmodelled`. */
  private async route(req: SimRequest): Promise<SimResponse & { unmodelled?: true }> {
    let methodMismatch = false;
    for (const router of this.deps.routers) {
      const found = router.match(req.method, req.path);
      if ('handler' in found) {
        try {
          return await found.handler(req, found.params);
        } catch (err) {
          if (err instanceof HttpError) {
            return {
              status: err.status,
              headers: err.headers,
              body: err.rawBody ?? envelope(err.message, req.trackingId, err.descriptions),
            };
          }
          throw err;
        }
      }
      methodMismatch ||= found.methodMismatch;
    }
    return methodMismatch
      ? { status: 405, body: envelope('Method not allowed.', req.trackingId), unmodelled: true }
      : { status: 404, body: envelope(MESSAGES.notFound, req.trackingId), unmodelled: true };
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    headOnly = false,
  ): void {
    let payload: Buffer | undefined;
    const out: Record<string, string> = { ...headers };
    if (body === undefined || status === 204) {
      payload = undefined;
    } else if (Buffer.isBuffer(body)) {
      payload = body;
    } else if (typeof body === 'string') {
      payload = Buffer.from(body);
      out['Content-Type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = Buffer.from(JSON.stringify(body));
      out['Content-Type'] ??= 'application/json;charset=UTF-8';
    }
    if (payload) out['Content-Length'] = String(payload.length);
    res.writeHead(status, out);
    res.end(headOnly ? undefined : payload);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://localhost');
    const target = this.deps.upgrades.find((u) => url.pathname.startsWith(u.prefix));
    const fault = this.deps.faults.take('GET', url.pathname, 'websocket');
    if (!target || fault) {
      this.deps.log.add({
        at: this.deps.world.now(),
        method: 'GET',
        path: url.pathname,
        query: url.search,
        status: fault ? 503 : 404,
        trackingId: '',
        ...(fault ? { fault: fault.id } : {}),
      });
      socket.write(
        `HTTP/1.1 ${fault ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`,
      );
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.deps.log.add({
        at: this.deps.world.now(),
        method: 'GET',
        path: url.pathname,
        query: url.search,
        status: 101,
        trackingId: '',
      });
      const entry = { ws, path: url.pathname };
      this.sockets.add(entry);
      ws.on('close', () => this.sockets.delete(entry));
      target.handle(ws, req, url);
    });
  }
}

export function envelope(message: string, trackingId: string, descriptions: string[] = [message]) {
  return { message, errors: descriptions.map((description) => ({ description })), trackingId };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = header(req, 'origin');
  return {
    'Access-Control-Allow-Origin': origin ?? '*',
    ...(origin ? { 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {}),
    'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'Access-Control-Allow-Headers':
      header(req, 'access-control-request-headers') ?? 'authorization,content-type,trackingid',
    'Access-Control-Expose-Headers': 'Trackingid,Retry-After,Location,Content-Type',
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * An injected failure in the shape the endpoint fails in: the OAuth token
 * endpoint answers RFC 6749 `{error, error_description}`, every other REST
 * route the Webex envelope (both held to `@g2g/webex-spec/rest`).
 */
function faultBody(path: string, status: number, trackingId: string) {
  const message = status === 429 ? MESSAGES.tooMany : MESSAGES.serverError;
  if (path === '/v1/access_token') {
    const error =
      status === 400
        ? 'invalid_request'
        : status === 401
          ? 'invalid_client'
          : status === 429 || status === 503
            ? 'temporarily_unavailable'
            : 'server_error';
    return { error, error_description: message };
  }
  return envelope(message, trackingId);
}
