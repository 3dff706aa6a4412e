// A small JSON-over-HTTP caller for tests that talk to the simulator, or to
// a server built on it, over real loopback HTTP.

/** What a call answered; the body is parsed JSON, else the raw text. */
export interface HttpCallResponse {
  status: number;
  headers: Headers;
  // Bodies are whatever the server sent; tests assert on their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export interface HttpCallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * `call('POST', '/v1/meetings', {token, body})` against `baseUrl`. `init`
 * adds fetch options to every call (e.g. `{redirect: 'manual'}`).
 */
export function httpCaller(baseUrl: string, init: Pick<RequestInit, 'redirect'> = {}) {
  return async (
    method: string,
    path: string,
    opts: HttpCallOptions = {},
  ): Promise<HttpCallResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (typeof opts.body === 'string') body = opts.body;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { ...init, method, headers, body });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}
