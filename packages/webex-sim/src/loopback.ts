// What "this machine" means to the simulator, in one place: where it may
// listen, which webhook targets it calls, which pages may drive its control
// API, and what the browser tests' network guard lets through. Browser-safe.

/** `localhost`, any `127.x.x.x`, or `::1` (brackets allowed, as in URLs). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * An http(s) or ws(s) URL on a loopback host. Unparseable values, and the
 * opaque `null` origin of sandboxed frames and files, are not loopback.
 */
export function isLoopbackUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return /^(https?|wss?):$/.test(url.protocol) && isLoopbackHost(url.hostname);
}
