import { requireToken } from '../http/auth';
import { bool, int, jsonBody, obj, str } from '../http/body';
import { HttpError, badRequest, forbidden, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { seal, unseal } from '../signing';
import type { World } from '../world/world';

/** The audience Webex's mtg-broker expects (WEBEX-REFERENCE §3, Instant Connect). */
export const INSTANT_CONNECT_AUD = 'a4d886b0-979f-4e2c-a958-3e8c14605e51';
const MAX_LINKS = 25;
const DEFAULT_TTL_SEC = 15 * 60;
const SHORT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** Short codes kept for redirects; old ones fall off so memory stays bounded. */
const MAX_SHORT_CODES = 10_000;

type Role = 'host' | 'guest';
type Vertical = 'gen' | 'hc';

interface Claims {
  sub: string;
  role: Role;
  vertical: Vertical;
  login: boolean;
  nbf: number;
  exp: number;
}

function readClaims(world: World, cipher: string): Claims | undefined {
  const c = unseal(world, cipher);
  if (!c || c.k !== 'ic' || typeof c.s !== 'string') return undefined;
  return {
    sub: c.s,
    role: c.r === 'host' ? 'host' : 'guest',
    vertical: c.v === 'gen' ? 'gen' : 'hc',
    login: c.l === true,
    nbf: Number(c.n),
    exp: Number(c.x),
  };
}

function verticalOf(v: string | undefined): Vertical {
  if (v === undefined) return 'hc';
  if (v !== 'gen' && v !== 'hc') throw badRequest('verticalType must be gen or hc.');
  return v;
}

/** Latest instant a JS Date can show (year 9999): beyond it, dates cannot be rendered. */
const MAX_EPOCH_SEC = 253_402_300_799;

function epochSeconds(jwt: Record<string, unknown>, field: string): number | undefined {
  const v = int(jwt, field);
  if (v !== undefined && (v < 0 || v > MAX_EPOCH_SEC)) {
    throw badRequest(`jwt.${field} must be seconds since the epoch.`);
  }
  return v;
}

function count(body: Record<string, unknown>, field: string): number {
  const n = int(body, field) ?? 1;
  if (n < 0) throw badRequest(`${field} must not be negative.`);
  return n;
}

/**
 * Instant Connect's `joseencrypt` under `options.instantConnectBase` (read
 * at start), plus loopback stand-ins for `instant.webex.com`: short codes
 * under `<base>/visit/` redirect to `<base>/<vertical>/v1/login|talk`,
 * which answers what the link grants as JSON.
 */
export function instantConnectRoutes(r: Router, world: World): void {
  const base = world.options.instantConnectBase.replace(/\/+$/, '');
  const shortCodes = new Map<string, string>();

  r.post(`${base}/api/v2/joseencrypt`, (req) => {
    const token = requireToken(world, req);
    if (token.kind === 'guest') throw forbidden('Guests cannot create Instant Connect links.');
    const body = jsonBody(req);
    if (str(body, 'aud', { required: true }) !== INSTANT_CONNECT_AUD) {
      throw badRequest(`aud must be ${INSTANT_CONNECT_AUD}.`);
    }
    const jwt = obj(body, 'jwt');
    if (!jwt) throw badRequest('jwt is required.');
    const sub = str(jwt, 'sub', { required: true, max: 1024 });
    const nowSec = Math.floor(world.now() / 1000);
    const nbf = epochSeconds(jwt, 'nbf') ?? nowSec;
    const exp = epochSeconds(jwt, 'exp') ?? nbf + DEFAULT_TTL_SEC;
    if (exp <= nbf) throw badRequest('jwt.exp must be after jwt.nbf.');
    if (exp <= nowSec) throw badRequest('jwt.exp must be in the future.');
    const vertical = verticalOf(str(body, 'verticalType'));
    const login = bool(body, 'loginUrlForHost') ?? true;
    const short = bool(body, 'provideShortUrls') ?? false;
    const numHost = count(body, 'numHost');
    const numGuest = count(body, 'numGuest');
    if (numHost + numGuest < 1 || numHost + numGuest > MAX_LINKS) {
      throw badRequest(`numHost + numGuest must be from 1 to ${MAX_LINKS}.`);
    }

    const links = (role: Role, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const cipher = seal(world, {
          k: 'ic',
          s: sub,
          r: role,
          v: vertical,
          l: login,
          n: nbf * 1000,
          x: exp * 1000,
          i,
        });
        if (!short) return { cipher };
        const code = world.ids.pick(SHORT_ALPHABET, 10);
        shortCodes.set(code, cipher);
        if (shortCodes.size > MAX_SHORT_CODES) shortCodes.delete(shortCodes.keys().next().value!);
        return { cipher, short: code };
      });
    return {
      status: 200,
      body: {
        host: links('host', numHost),
        guest: links('guest', numGuest),
        ...(short ? { baseUrl: `${req.baseUrl}${base}/visit/` } : {}),
      },
    };
  });

  r.get(`${base}/visit/:code`, (req, p) => {
    const cipher = shortCodes.get(p.code!);
    const claims = cipher ? readClaims(world, cipher) : undefined;
    if (!cipher || !claims) throw notFound('This link does not exist.');
    const page = claims.role === 'host' && claims.login ? 'login' : 'talk';
    return {
      status: 302,
      headers: {
        Location: `${req.baseUrl}${base}/${claims.vertical}/v1/${page}?int=jose&v=1&data=${cipher}`,
      },
    };
  });

  for (const page of ['login', 'talk'] as const) {
    r.get(`${base}/:vertical/v1/${page}`, (req, p) => {
      if (p.vertical !== 'gen' && p.vertical !== 'hc') throw notFound();
      if (req.query.get('int') !== 'jose' || req.query.get('v') !== '1') {
        throw badRequest('The link needs int=jose and v=1.');
      }
      const claims = readClaims(world, req.query.get('data') ?? '');
      if (!claims || claims.vertical !== p.vertical)
        throw badRequest('The link data is not valid.');
      const now = world.now();
      if (now < claims.nbf) throw new HttpError(403, 'This link is not valid yet.');
      if (now >= claims.exp) throw new HttpError(403, 'This link has expired.');
      return {
        status: 200,
        body: {
          sub: claims.sub,
          role: claims.role,
          verticalType: claims.vertical,
          loginRequired: page === 'login',
          notBefore: world.clock.iso(claims.nbf),
          expiration: world.clock.iso(claims.exp),
        },
      };
    });
  }
}
