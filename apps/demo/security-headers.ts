// Security headers for the demo SPA, used by `vite preview` and meant to be
// copied to whatever serves the built app in production.

/** Where the browser may talk to: the simulator in sim mode, Webex in real mode. */
function webexSources(simUrl: string | undefined) {
  if (simUrl) {
    const http = new URL(simUrl).origin;
    const ws = http.replace(/^http/, 'ws');
    return { connect: [http, ws], media: [http] };
  }
  // Webex's API, meeting, media and Mercury hosts; captcha images come from *.webex.com.
  const hosts = [
    '*.webex.com',
    '*.wbx2.com',
    '*.ciscospark.com',
    'webexapis.com',
    '*.webexcontent.com',
  ];
  return {
    connect: [...hosts.map((h) => `https://${h}`), ...hosts.map((h) => `wss://${h}`)],
    media: hosts.map((h) => `https://${h}`),
  };
}

/**
 * `dev` relaxes script-src for Vite's inline React-refresh preamble and
 * allows its HMR websocket; production stays strict.
 */
export function securityHeaders(simUrl: string | undefined, dev = false): Record<string, string> {
  const src = webexSources(simUrl);
  const csp = [
    "default-src 'self'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''} 'wasm-unsafe-eval'`,
    // The stock widget and React set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${src.connect.join(' ')}${dev ? ' ws: http://127.0.0.1:* http://localhost:*' : ''}`,
    `img-src 'self' data: blob: ${src.media.join(' ')}`,
    `media-src 'self' blob: mediastream: ${src.media.join(' ')}`,
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Capability tokens travel in the URL fragment, which is never sent; still, leak no paths.
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy':
      'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
