/*
 * The access-token format the SDK accepts, as webex-core's
 * `credentials.getOrgId()` checks it at init (2.60.4 and 3.12 alike):
 *
 * 1. `jsonwebtoken.decode(token)`: three dot-separated base64url parts (the
 *    signature may be empty), a header that parses as JSON, a payload that
 *    parses as a JSON object; the org id is its `realm` claim, which must be
 *    truthy;
 * 2. otherwise the opaque form `<a>_<b>_<orgId>`: exactly three
 *    `_`-separated fields (whatever they contain).
 *
 * Anything else makes init fail with "the provided token is not a valid
 * format" deep inside the SDK (and the stock widget then spins for ever), so
 * clients check first and say so.
 */

// jws's JWS_REGEX.
const JWS = /^[a-zA-Z0-9\-_]+?\.[a-zA-Z0-9\-_]+?\.([a-zA-Z0-9\-_]+)?$/;

function base64UrlJson(part: string): unknown {
  try {
    const std = part.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(std + '='.repeat((4 - (std.length % 4)) % 4))) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The claims of a JWT-shaped token, without verifying anything; `undefined`
 * for an opaque token or a malformed one.
 */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  if (!JWS.test(token)) return undefined;
  const [header, payload] = token.split('.');
  if (!base64UrlJson(header!)) return undefined;
  const claims = base64UrlJson(payload!);
  return claims && typeof claims === 'object' && !Array.isArray(claims)
    ? (claims as Record<string, unknown>)
    : undefined;
}

/** Whether the SDK will accept this token at init (see the module comment). */
export function isWebexTokenFormat(token: unknown): token is string {
  if (typeof token !== 'string' || !token) return false;
  return !!jwtClaims(token)?.realm || token.split('_').length === 3;
}

/** When a JWT-shaped token expires (its `exp` claim, in ms since the epoch), if it says. */
export function tokenExpiresAt(token: string): number | undefined {
  const exp = jwtClaims(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}
