import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { MESSAGES } from '../http/errors';
import { type client, expectEnvelope, provision, type App, simPerTest } from './testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;

simPerTest('auth', (t) => ({ sim, call, app } = t));

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

describe('bearer tokens', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'not-a-token'],
  ])('answers 401 with the Webex message for %s', async (_case, token) => {
    const res = await call('GET', '/v1/people/me', token ? { token } : {});
    expect(res.status).toBe(401);
    expect(expectEnvelope(res).message).toBe(
      'The request requires a valid access token set in the Authorization request header.',
    );
  });

  it('expires access tokens when the clock passes expires_in', async () => {
    const token = app.tokens.accessToken;
    expect((await call('GET', '/v1/people/me', { token })).status).toBe(200);
    sim.control.advanceClock((app.tokens.expiresIn - 1) * 1000);
    expect((await call('GET', '/v1/people/me', { token })).status).toBe(200);
    sim.control.advanceClock(2000);
    const res = await call('GET', '/v1/people/me', { token });
    expect(res.status).toBe(401);
    expect(expectEnvelope(res).message).toBe(MESSAGES.unauthorized);
    expect(sim.control.requests({ path: '/v1/people/me' }).at(-1)?.auth).toBe('expired');
  });

  it('expires a single token through the control API', async () => {
    const other = sim.control.authorize(app.clientId);
    expect(sim.control.expireToken(app.tokens.accessToken)).toBe(true);
    expect((await call('GET', '/v1/people/me', { token: app.tokens.accessToken })).status).toBe(
      401,
    );
    expect((await call('GET', '/v1/people/me', { token: other.accessToken })).status).toBe(200);
  });

  it('answers 403 when the token lacks the scope', async () => {
    const narrow = provision(sim, { scopes: ['spark:people_read'] });
    const res = await call('POST', '/v1/guests/token', {
      token: narrow.tokens.accessToken,
      body: { subject: 'p-1', displayName: 'Pat' },
    });
    expect(res.status).toBe(403);
    expect(expectEnvelope(res).descriptions[0]).toMatch(/guest-issuer:write/);
  });

  it('refuses tokens of an app after deauthorization', async () => {
    sim.control.deauthorize(app.clientId);
    expect((await call('GET', '/v1/people/me', { token: app.tokens.accessToken })).status).toBe(
      401,
    );
  });
});

describe('tracking ids', () => {
  it('echoes the TrackingID request header in Trackingid and in error bodies', async () => {
    const ok = await call('GET', '/v1/people/me', {
      token: app.tokens.accessToken,
      headers: { TrackingID: 'CLIENT_abc' },
    });
    expect(ok.headers.get('trackingid')).toBe('CLIENT_abc');
    const bad = await call('GET', '/v1/meetings/nope', {
      token: app.tokens.accessToken,
      headers: { TrackingID: 'CLIENT_def' },
    });
    expect(bad.status).toBe(404);
    expect(bad.body.trackingId).toBe('CLIENT_def');
  });

  it('makes one up when the client sends none', async () => {
    const res = await call('GET', '/v1/people/me');
    expect(res.headers.get('trackingid')).toMatch(/^SIM_[0-9a-f-]{36}$/);
    expect(res.body.trackingId).toBe(res.headers.get('trackingid'));
  });
});

describe('POST /v1/access_token (refresh)', () => {
  const refresh = (refreshToken: string, secret = app.clientSecret) =>
    call(
      'POST',
      '/v1/access_token',
      form({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: secret,
        refresh_token: refreshToken,
      }),
    );

  it('rotates the refresh token and rejects the old one', async () => {
    const first = await refresh(app.tokens.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      access_token: expect.any(String),
      expires_in: 14 * 24 * 3600,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 90 * 24 * 3600,
      token_type: 'Bearer',
    });
    expect(first.body.refresh_token).not.toBe(app.tokens.refreshToken);
    expect((await call('GET', '/v1/people/me', { token: first.body.access_token })).status).toBe(
      200,
    );

    const reused = await refresh(app.tokens.refreshToken);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      error: 'invalid_request',
      error_description: 'The refresh token provided is expired, revoked, malformed, or invalid.',
    });
    expect((await refresh(first.body.refresh_token)).status).toBe(200);
  });

  it('rejects a wrong client secret and a wrong grant type', async () => {
    expect((await refresh(app.tokens.refreshToken, 'wrong')).status).toBe(401);
    const res = await call(
      'POST',
      '/v1/access_token',
      form({ grant_type: 'password', client_id: app.clientId }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });
});

describe('POST /v1/applications/{id}/token', () => {
  const retrieve = (applicationId: string, targetOrgId: string, clientSecret = app.clientSecret) =>
    call('POST', `/v1/applications/${applicationId}/token`, {
      body: { clientId: app.clientId, clientSecret, targetOrgId },
    });

  it('returns tokens for an org that authorized the app (raw or Hydra org id)', async () => {
    const res = await retrieve(app.applicationId, app.orgId);
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe('Bearer');
    const hydraOrg = Buffer.from(`ciscospark://us/ORGANIZATION/${app.orgId}`).toString('base64url');
    expect((await retrieve(app.applicationId, hydraOrg)).status).toBe(200);
  });

  it('answers 403 for an org that has not authorized the app', async () => {
    const other = sim.control.createOrg('Elsewhere');
    const res = await retrieve(app.applicationId, other.id);
    expect(res.status).toBe(403);
    expectEnvelope(res);
  });

  it('answers 404 for an unknown application and 401 for bad credentials', async () => {
    const unknown = Buffer.from('ciscospark://us/APPLICATION/Cnope').toString('base64url');
    const res = await retrieve(unknown, app.orgId);
    expect(res.status).toBe(404);
    expectEnvelope(res);
    expect((await retrieve(app.applicationId, app.orgId, 'wrong')).status).toBe(401);
  });

  it('answers 400 naming a missing field', async () => {
    const res = await call('POST', `/v1/applications/${app.applicationId}/token`, {
      body: { clientId: app.clientId },
    });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions).toEqual(['clientSecret is required.']);
  });
});

describe('guests', () => {
  const mint = (subject: string, displayName: string) =>
    call('POST', '/v1/guests/token', {
      token: app.tokens.accessToken,
      body: { subject, displayName },
    });

  it('mints a guest token whose person is an appuser', async () => {
    const res = await mint('patient-1', 'Pat Doe');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      subject: 'patient-1',
      displayName: 'Pat Doe',
      email: expect.stringMatching(/^[0-9a-f-]{36}@appid\.ciscospark\.com$/),
      accessToken: expect.any(String),
      expiresIn: 24 * 3600,
    });
    const me = await call('GET', '/v1/people/me', { token: res.body.accessToken });
    expect(me.body).toMatchObject({ id: res.body.id, type: 'appuser', displayName: 'Pat Doe' });
  });

  it('keeps one guest per subject and renames it', async () => {
    const a = await mint('patient-2', 'Pat');
    const b = await mint('patient-2', 'Patricia');
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.accessToken).not.toBe(a.body.accessToken);
    const me = await call('GET', '/v1/people/me', { token: a.body.accessToken });
    expect(me.body.displayName).toBe('Patricia');
  });

  it('counts distinct guests', async () => {
    await mint('g-1', 'One');
    await mint('g-2', 'Two');
    await mint('g-1', 'One again');
    // The spec's content type: a bare number as text/plain.
    const res = await call('GET', '/v1/guests/count', { token: app.tokens.accessToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toBe('2');
    sim.control.configure({ guestCountShape: 'object' });
    expect((await call('GET', '/v1/guests/count', { token: app.tokens.accessToken })).body).toEqual(
      { count: 2 },
    );
  });

  it('validates subject and displayName', async () => {
    const res = await call('POST', '/v1/guests/token', {
      token: app.tokens.accessToken,
      body: { subject: 'x' },
    });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions).toEqual(['displayName is required.']);
    const long = await mint('x', 'n'.repeat(129));
    expect(long.status).toBe(400);
  });

  it('refuses guest tokens for minting more guests', async () => {
    const guest = await mint('g-3', 'Three');
    const res = await call('POST', '/v1/guests/token', {
      token: guest.body.accessToken,
      body: { subject: 'g-4', displayName: 'Four' },
    });
    expect(res.status).toBe(403);
  });
});

describe('malformed requests', () => {
  it('answers 400, not 500, for a body that is not JSON or not an object', async () => {
    for (const body of ['{nope', '[1,2]', '"text"']) {
      const res = await call('POST', '/v1/guests/token', { token: app.tokens.accessToken, body });
      expect(res.status).toBe(400);
      expectEnvelope(res);
    }
  });
});
