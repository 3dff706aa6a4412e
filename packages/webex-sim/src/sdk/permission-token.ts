import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * meetingInfo's `permissionToken`: the SDK decodes it as a JWT (with `iat`
 * and `exp` in milliseconds) and sends it back on join. We sign it so Locus
 * can tell who verified the password, and with which role.
 */
export interface PermissionClaims {
  meetingId: string;
  personId: string;
  role: 'host' | 'attendee';
  iat: number;
  exp: number;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signPermissionToken(secret: string, claims: PermissionClaims): string {
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({
    ...claims,
    permission: { userPolicies: { a: true }, enforceVBGImagesURL: '' },
  });
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

export function verifyPermissionToken(
  secret: string,
  token: unknown,
  now: number,
): PermissionClaims | undefined {
  if (typeof token !== 'string') return undefined;
  const [header, payload, sig] = token.split('.');
  if (!header || !payload || !sig) return undefined;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as PermissionClaims;
    return claims.exp > now ? claims : undefined;
  } catch {
    return undefined;
  }
}
