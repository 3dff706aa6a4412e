import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { type client, expectEnvelope, provision, type App, simPerTest } from './testkit';
import { worldOf } from '../testing/world';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;

simPerTest('preferences', (t) => ({ sim, call, app, token } = t));

const PATH = '/v1/meetingPreferences/schedulingOptions';
/** A full PUT body (the spec requires the first three fields). */
const options = (extra: Record<string, unknown> = {}) => ({
  enabledJoinBeforeHost: true,
  joinBeforeHostMinutes: 5,
  enabledAutoShareRecording: false,
  ...extra,
});

describe('meeting preferences', () => {
  it('starts with join before host off', async () => {
    const res = await call('GET', PATH, { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enabledJoinBeforeHost: false,
      joinBeforeHostMinutes: 0,
      enabledAutoShareRecording: false,
      enabledWebexAssistantByDefault: false,
      delegateEmails: [],
    });
  });

  it('shows the guest-to-guest site as the default site', async () => {
    const res = await call('GET', '/v1/meetingPreferences', { token });
    expect(res.status).toBe(200);
    expect(res.body.sites).toEqual([{ siteUrl: app.siteUrl, default: true }]);
    const sites = await call('GET', '/v1/meetingPreferences/sites', { token });
    expect(sites.status).toBe(200);
    expect(sites.body).toEqual({ sites: [{ siteUrl: app.siteUrl, default: true }] });
    expect(
      (await call('GET', '/v1/meetingPreferences/sites?siteUrl=nope.webex.com', { token })).status,
    ).toBe(400);
    expect(res.body.schedulingOptions.enabledJoinBeforeHost).toBe(false);
    expect(res.body).toHaveProperty('audio');
    expect(res.body).toHaveProperty('video');
    expect(res.body).toHaveProperty('personalMeetingRoom');
    expect(
      (await call('GET', '/v1/meetingPreferences?siteUrl=nope.webex.com', { token })).status,
    ).toBe(400);
  });

  it('updates per org and keeps other orgs apart', async () => {
    const put = await call('PUT', PATH, { token, body: options() });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5 });
    expect((await call('GET', PATH, { token })).body.joinBeforeHostMinutes).toBe(5);
    const other = provision(sim);
    expect(
      (await call('GET', PATH, { token: other.tokens.accessToken })).body.enabledJoinBeforeHost,
    ).toBe(false);
  });

  it('forgets preferences on reset', async () => {
    await call('PUT', PATH, { token, body: options() });
    sim.control.reset();
    const fresh = provision(sim);
    expect(worldOf(sim).preferences.size).toBe(0);
    expect(
      (await call('GET', PATH, { token: fresh.tokens.accessToken })).body.enabledJoinBeforeHost,
    ).toBe(false);
  });

  it('keeps the optional options a PUT leaves out', async () => {
    await call('PUT', PATH, { token, body: options({ delegateEmails: ['dr@acme.test'] }) });
    const put = await call('PUT', PATH, { token, body: options({ joinBeforeHostMinutes: 10 }) });
    expect(put.body).toMatchObject({ joinBeforeHostMinutes: 10, delegateEmails: ['dr@acme.test'] });
  });

  it.each([
    [options({ joinBeforeHostMinutes: 3 }), /0, 5, 10 or 15/],
    [options({ enabledJoinBeforeHost: 'true' }), /true or false/],
    [options({ delegateEmails: ['nope'] }), /not a valid email/],
    [
      { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5 },
      /enabledAutoShareRecording is required/,
    ],
    [{}, /enabledJoinBeforeHost is required/],
  ])('answers 400 for %j', async (body, pattern) => {
    const res = await call('PUT', PATH, { token, body });
    expect(res.status).toBe(400);
    expect(expectEnvelope(res).descriptions[0]).toMatch(pattern);
  });

  it('checks read and write scopes', async () => {
    const readOnly = provision(sim, { scopes: ['meeting:preferences_read'] });
    const none = provision(sim, { scopes: ['meeting:schedules_read'] });
    expect((await call('GET', PATH, { token: readOnly.tokens.accessToken })).status).toBe(200);
    expect(
      (
        await call('PUT', PATH, {
          token: readOnly.tokens.accessToken,
          body: options(),
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', PATH, { token: none.tokens.accessToken })).status).toBe(403);
  });
});
