import type { IncomingHttpHeaders } from 'node:http';

/** What every route handler sees: the parsed request, with its raw bytes kept. */
export interface SimRequest {
  method: string;
  /** Path without query string, e.g. `/v1/meetings/abc`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw body bytes (webhook signatures and fidelity checks need them). */
  rawBody: Buffer;
  /** The tracking id echoed back in the `Trackingid` header. */
  trackingId: string;
  /** The simulator's own base URL, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
}

export type ResponseBody = unknown;

/** A handler's answer. `body` objects become JSON; Buffers and strings are sent as they are. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: ResponseBody;
}

export type Params = Record<string, string>;
export type Handler = (req: SimRequest, params: Params) => SimResponse | Promise<SimResponse>;
