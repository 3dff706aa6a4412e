import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseChecker } from './http/response-check';
import { startSim, type ProvisionedApp, type Sim } from './index';
import { worldOf } from './testing/world';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim({ seed: 'smoke' });
});
afterAll(() => sim.close());

describe('startSim', () => {
  it('listens on loopback and answers the control and REST faces from one world', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sim.url}/_sim/service-apps`, { method: 'POST', body: '{}' });
    const app = (await res.json()) as Required<ProvisionedApp>;
    expect(app.tokens.accessToken.split('_')[2]).toBe(app.orgId);
    const me = await fetch(`${sim.url}/v1/people/me`, {
      headers: { Authorization: `Bearer ${app.tokens.accessToken}`, TrackingID: 'T-123' },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('trackingid')).toBe('T-123');
    expect(await me.json()).toMatchObject({ type: 'appuser', emails: [app.machineAccountEmail] });
  });

  it('refuses to bind beyond loopback', async () => {
    await expect(startSim({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('refuses /_sim to pages from a foreign origin, and tells loopback pages it may be read', async () => {
    const before = sim.control.listFaults().length;
    const foreign = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      // A "simple" cross-origin request: no preflight would stop it in a browser.
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: JSON.stringify({ path: '/v1/*', status: 500 }),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await foreign.json()) as { message: string }).message).toMatch(/loopback/);
    expect(sim.control.listFaults()).toHaveLength(before);

    const preflight = await fetch(`${sim.url}/_sim/reset`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://attacker.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    for (const origin of ['null', 'file://', 'http://localhost.evil.example']) {
      const res = await fetch(`${sim.url}/_sim/clock`, { headers: { Origin: origin } });
      expect(res.status, origin).toBe(403);
    }

    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:6006', 'http://[::1]:3000']) {
      const res = await fetch(`${sim.url}/_sim/clock`, { headers: { Origin: origin } });
      expect(res.status, origin).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    }
    // Node callers send no Origin at all.
    expect((await fetch(`${sim.url}/_sim/clock`)).status).toBe(200);
    // The Webex faces stay open to any page: the SDK runs on the integrator's origin.
    const rest = await fetch(`${sim.url}/u2c/api/v1/limited/catalog?format=hostmap`, {
      headers: { Origin: 'https://app.example' },
    });
    expect(rest.status).toBe(200);
    expect(rest.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });
});

describe('REST answers checked against @g2g/webex-spec/rest', () => {
  it('is on in every test run (the Vitest config sets WEBEX_SIM_VALIDATE_RESPONSES)', () => {
    expect(process.env.WEBEX_SIM_VALIDATE_RESPONSES).toBe('1');
    expect(sim.validatesResponses).toBe(true);
  });

  /** A meeting whose stored title is no longer a string, so its REST view breaks the spec. */
  async function brokenMeeting(s: Sim) {
    const app = s.control.createServiceApp();
    const t = Math.ceil(s.control.now() / 60_000) * 60_000;
    const res = await fetch(`${s.url}/v1/meetings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.tokens!.accessToken}` },
      body: JSON.stringify({
        title: 'Visit',
        start: new Date(t + 5 * 60_000).toISOString(),
        end: new Date(t + 35 * 60_000).toISOString(),
      }),
    });
    const { id } = (await res.json()) as { id: string };
    (worldOf(s).meetings.get(id) as unknown as { title: unknown }).title = 42;
    return () =>
      fetch(`${s.url}/v1/meetings/${id}`, {
        headers: { Authorization: `Bearer ${app.tokens!.accessToken}` },
      });
  }

  it('turns an answer that breaks the spec into a 500 naming the problem, and fails close()', async () => {
    const s = await startSim({ validateResponses: true });
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const res = await (await brokenMeeting(s))();
      expect(res.status).toBe(500);
      const body = (await res.json()) as { message: string; errors: { description: string }[] };
      expect(body.message).toMatch(/breaks the Webex REST spec/);
      expect(body.errors.map((e) => e.description)).toEqual([
        'title: Invalid input: expected string, received number',
      ]);
      expect(errors.join('\n')).toMatch(
        /GET \/v1\/meetings\/\w+ → 200 \(meetings\.get\) breaks the spec/,
      );
      expect(s.responseViolations()).toHaveLength(1);
    } finally {
      console.error = original;
    }
    await expect(s.close()).rejects.toThrow(/1 REST answer\(s\) broke the Webex REST spec/);
  });

  it('flags fields the spec does not have, and answers on paths it does not know', () => {
    const checker = new ResponseChecker('/mtg-broker');
    const original = console.error;
    console.error = () => {};
    try {
      const person = {
        id: 'p',
        emails: ['a@b.co'],
        displayName: 'A',
        orgId: 'o',
        created: '2030-01-01T00:00:00.000Z',
        type: 'person',
      };
      const ok = { status: 200, body: person };
      expect(checker.check('GET', '/v1/people/me', ok, 'T')).toBe(ok);
      const invented = checker.check(
        'GET',
        '/v1/people/me',
        { status: 200, body: { ...person, favouriteColour: 'teal' } },
        'T',
      );
      expect(invented.status).toBe(500);
      const unknown = checker.check('GET', '/v1/teams', { status: 200, body: { items: [] } }, 'T');
      expect(unknown.status).toBe(500);
      // Errors carry the envelope; an unknown route's 404 does too.
      expect(
        checker.check('GET', '/v1/teams', { status: 404, body: { message: 'x' } }, 'T').status,
      ).toBe(500);
      // Not REST: the SDK face and the control API are not held to these schemas.
      expect(
        checker.check('GET', '/u2c/api/v1/catalog', { status: 200, body: {} }, 'T').status,
      ).toBe(200);
      expect(checker.violations.map((v) => v.problems[0])).toEqual([
        'favouriteColour: not in the spec',
        'GET /teams is not a REST endpoint of the spec table',
        'error body errors: Invalid input: expected array, received undefined',
      ]);
    } finally {
      console.error = original;
    }
  });

  it('stays out of the way when off', async () => {
    const s = await startSim({ validateResponses: false });
    expect(s.validatesResponses).toBe(false);
    expect((await (await brokenMeeting(s))()).status).toBe(200);
    await s.close();
  });
});
