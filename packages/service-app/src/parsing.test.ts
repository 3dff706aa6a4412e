// One set of schemas, both sides: a wrong shape fails the simulator's own
// check (it answers 500) and, when the simulator lets it through, fails
// service-app's parsing with a typed error, never a crash or a half-read value.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@g2g/webex-sim';
import { WebexApiError, WebexResponseError, isServiceAppError } from './errors';
import { createServiceApp, type ServiceApp } from './service-app';
import { simMinutes, tokenResponse, type App } from './testing/sim-kit';
import { worldOf } from '@g2g/webex-sim/testing/world';

async function connect(sim: Sim): Promise<{ sa: ServiceApp; app: App }> {
  const app = sim.control.createServiceApp() as App;
  const sa = createServiceApp({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    applicationId: app.applicationId,
    baseUrl: `${sim.url}/v1`,
    // No waiting between retries of the simulator's 500s.
    http: { sleep: async () => {}, maxRetries: 1 },
  });
  await sa.tokens.adopt(app.orgId, tokenResponse(app.tokens), { siteUrl: app.siteUrl });
  return { sa, app };
}

/** Schedules a meeting, then corrupts its stored title so every view of it breaks the spec. */
async function corruptMeeting(sim: Sim, sa: ServiceApp, app: App): Promise<string> {
  const m = await sa.meetings.schedule(app.orgId, {
    title: 'Consultation',
    start: simMinutes(sim, 5),
    end: simMinutes(sim, 35),
    mode: 'no-host',
  });
  (worldOf(sim).meetings.get(m.id) as unknown as { title: unknown }).title = 42;
  return m.id;
}

describe('a meeting whose answer breaks the spec', () => {
  it('the simulator refuses to send it (500 naming the field)', async () => {
    const sim = await startSim({ seed: 'parsing-strict', validateResponses: true });
    const quiet = console.error;
    console.error = () => {};
    try {
      const { sa, app } = await connect(sim);
      const id = await corruptMeeting(sim, sa, app);
      const error = await sa.meetings.get(app.orgId, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebexApiError);
      expect((error as WebexApiError).status).toBe(500);
      expect((error as WebexApiError).descriptions).toEqual([
        'title: Invalid input: expected string, received number',
      ]);
    } finally {
      console.error = quiet;
    }
    await expect(sim.close()).rejects.toThrow(/broke the Webex REST spec/);
  });

  it('service-app refuses to read it (WebexResponseError naming the field)', async () => {
    const sim = await startSim({ seed: 'parsing-loose', validateResponses: false });
    try {
      const { sa, app } = await connect(sim);
      const id = await corruptMeeting(sim, sa, app);
      const error = await sa.meetings.get(app.orgId, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebexResponseError);
      expect(isServiceAppError(error, 'unexpected-response')).toBe(true);
      expect((error as WebexResponseError).problems).toEqual([
        'title: Invalid input: expected string, received number',
      ]);
      expect((error as Error).message).toMatch(
        /^Webex GET \/meetings\/\w+ answered 200 with a body that does not match the Webex REST spec: title: /,
      );
    } finally {
      await sim.close();
    }
  });
});

describe('answers from something that is not Webex', () => {
  let server: Server;
  let base: string;
  let answer: { status: number; type: string; body: string };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  async function serviceApp() {
    const sa = createServiceApp({
      clientId: 'C1',
      clientSecret: 'secret',
      baseUrl: base,
      http: { sleep: async () => {} },
    });
    await sa.tokens.adopt('org-1', {
      access_token: 'token-1',
      expires_in: 3600,
      refresh_token: 'refresh-1',
      refresh_token_expires_in: 7200,
    });
    return sa;
  }

  it.each([
    ['HTML from a proxy', 200, 'text/html', '<html>Sign in</html>'],
    ['an empty body', 200, 'application/json', ''],
    ['a list instead of an object', 200, 'application/json', '[]'],
    ['a token without its access token', 200, 'application/json', '{"id":"x","expiresIn":60}'],
  ])('%s becomes a WebexResponseError', async (_what, status, type, body) => {
    answer = { status, type, body };
    const sa = await serviceApp();
    const error = await sa.guests
      .mint('org-1', { subject: 's', displayName: 'Pat' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexResponseError);
    expect((error as Error).message).not.toContain('token-1');
  });

  it('a failure without the envelope is still a WebexApiError with its status', async () => {
    answer = { status: 403, type: 'text/html', body: '<html>Forbidden</html>' };
    const sa = await serviceApp();
    const error = await sa.guests.count('org-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebexApiError);
    expect((error as WebexApiError).status).toBe(403);
  });
});
