import { beforeAll, describe, expect, it } from 'vitest';
import { backendPerFile } from './testing/harness';

const env = backendPerFile({ seed: 'backend-fuzz' }, { logLevel: 'warn' });
let consultationId: string;
let capability: string;
let pass: string;
let otherOrgId: string;

beforeAll(async () => {
  const created = (await env.t.op('POST', '/api/consultations', {})).body;
  consultationId = created.consultation.id;
  capability = created.links.guests[0].capability;
  pass = (await env.t.op('POST', '/api/walk-in-passes', {})).body.pass;
  otherOrgId = env.t.backend.simOrgs![1]!.orgId;
});

/** mulberry32: a small seeded PRNG, so every run sends the same cases. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES = 1600;

describe('fuzz', () => {
  it(`${CASES} malformed bodies and headers never yield a 5xx`, { timeout: 120_000 }, async () => {
    const rnd = prng(20240611);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const str = (n: number) =>
      Array.from({ length: n }, () => String.fromCodePoint(Math.floor(rnd() * 0x2fff))).join('');
    // Header values must be bytes: printable ASCII and Latin-1 only.
    const hstr = (n: number) =>
      Array.from({ length: n }, () => {
        const c = 0x21 + Math.floor(rnd() * 0xde);
        return String.fromCharCode(c >= 0x7f && c < 0xa1 ? c - 0x40 : c);
      }).join('');
    const weird: unknown[] = [
      null,
      true,
      0,
      -1,
      1e308,
      NaN,
      '',
      ' ',
      '\u0000',
      '\u202e',
      'x'.repeat(300),
      [],
      {},
      [1, 2],
      { __proto__: { admin: true } },
      { constructor: { prototype: {} } },
      '2024-13-45T99:99:99Z',
      'not-an-email',
      '<script>',
      '../../etc/passwd',
      "' OR 1=1 --",
      Number.MAX_SAFE_INTEGER + 2,
    ];
    const value = (): unknown =>
      rnd() < 0.7
        ? pick(weird)
        : rnd() < 0.5
          ? str(Math.floor(rnd() * 40))
          : Math.floor(rnd() * 1e6) - 5e5;
    const fields = [
      'title',
      'mode',
      'guests',
      'startsAt',
      'durationMinutes',
      'hostEmail',
      'space',
      'displayName',
      'subject',
      'verticalType',
      'short',
      'numHost',
      'numGuest',
      'linkGraceMinutes',
      '__proto__',
      'resource',
      'event',
      'data',
      'id',
      'orgId',
      'validMinutes',
      'name',
      'licenceLimit',
      'label',
      'created',
      'joinedTime',
    ];
    const body = (): string | undefined => {
      const r = rnd();
      if (r < 0.1) return undefined;
      if (r < 0.25) return str(Math.floor(rnd() * 60)); // not JSON at all
      if (r < 0.35) return JSON.stringify(value());
      if (r < 0.42) return '{"displayName":'; // truncated
      if (r < 0.47) return `{"a":${'['.repeat(200)}`;
      const obj: Record<string, unknown> = {};
      const n = Math.floor(rnd() * 5);
      for (let i = 0; i < n; i++) obj[pick(fields)] = value();
      if (rnd() < 0.3) obj.space = { memberEmails: [value(), value()] };
      return JSON.stringify(obj);
    };
    const id = () =>
      pick([
        consultationId,
        'nope',
        '00000000-0000-0000-0000-000000000000',
        '%00',
        'a'.repeat(300),
        '..%2F..',
      ]);
    const auth = () =>
      pick([
        undefined,
        `Bearer ${env.t.backend.operatorKey}`,
        `Bearer ${env.t.backend.operatorKeys[1]!.key}`,
        `Bearer ${env.t.backend.adminKey}`,
        `Bearer ${capability}`,
        `Bearer ${pass}`,
        `Bearer ${capability.slice(0, -3)}abc`,
        'Bearer',
        'Basic Zm9vOmJhcg==',
        `Bearer ${hstr(20)}`,
        'Bearer a.b.c',
        `Bearer ${'x'.repeat(3000)}`,
      ]);
    const contentType = () =>
      pick([
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        undefined,
      ]);
    const route = () =>
      pick([
        ['POST', '/api/consultations'],
        ['GET', '/api/consultations'],
        ['GET', `/api/consultations/${id()}`],
        ['DELETE', `/api/consultations/${id()}`],
        ['POST', `/api/consultations/${id()}/join`],
        ['POST', `/api/consultations/${consultationId}/join`],
        ['POST', '/api/guest-tokens'],
        ['POST', '/api/instant-connect'],
        ['POST', '/webhooks/webex'],
        ['GET', '/api/status'],
        ['PUT', '/api/consultations'],
        ['PATCH', `/api/consultations/${id()}`],
        ['POST', '/healthz'],
        ['GET', '/api/tenant'],
        ['GET', `/api/consultations/${id()}/links`],
        ['POST', `/api/consultations/${id()}/end`],
        ['POST', `/api/consultations/${consultationId}/end`],
        ['POST', '/api/walk-in-passes'],
        ['GET', '/api/admin/tenants'],
        ['POST', `/api/admin/tenants/${pick([otherOrgId, 'nope', '%00', 'a'.repeat(300)])}/accept`],
        ['POST', `/api/admin/tenants/${pick([otherOrgId, 'nope'])}/refuse`],
        ['GET', `/api/admin/tenants/${pick([otherOrgId, 'x'.repeat(20)])}/operator-keys`],
        ['POST', `/api/admin/tenants/${pick([otherOrgId, 'nope'])}/operator-keys`],
        ['DELETE', `/api/admin/operator-keys/${pick(['0123456789abcdef', 'nope', '%2e%2e'])}`],
        ['GET', `/%${pick(['', 'zz', 'E0%A4'])}`],
      ] as const);

    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const [method, path] = route();
      const headers: Record<string, string> = {};
      const a = auth();
      if (a) headers.Authorization = a;
      const ct = contentType();
      if (ct) headers['Content-Type'] = ct;
      if (rnd() < 0.2) headers['X-Spark-Signature'] = pick(['', 'zz', '0'.repeat(40), hstr(10)]);
      if (rnd() < 0.1)
        headers.Origin = pick(['https://evil.example', 'null', 'http://localhost:5173']);
      const b = method === 'GET' || method === 'DELETE' ? undefined : body();
      const res = await fetch(`${env.t.backend.url}${path}`, { method, headers, body: b });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500)
        failures.push(`${method} ${path} ${JSON.stringify(headers)} ${b} → ${res.status} ${text}`);
      if (i % 50 === 0) env.sim.control.clearRequests();
    }
    expect(failures).toEqual([]);
    // The run exercised validation, auth and routing, not just one kind of refusal.
    expect(statuses.get(400)).toBeGreaterThan(50);
    expect(statuses.get(401)).toBeGreaterThan(50);
  });
});
