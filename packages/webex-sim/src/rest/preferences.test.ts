import { describe, expect, it } from 'vitest';
import { type Sim } from '../index';
import { type client, expectEnvelope, provision, type App, simPerTest } from './testkit';

let sim: Sim;
let call: ReturnType<typeof client>;
let app: App;
let token: string;

simPerTest('preferences', (t) => ({ sim, call, app, token } = t));

const PATH = '/v1/meetingPreferences/schedulingOptions';

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
    expect(res.body.schedulingOptions.enabledJoinBeforeHost).toBe(false);
    expect(res.body).toHaveProperty('audio');
    expect(res.body).toHaveProperty('video');
    expect(res.body).toHaveProperty('personalMeetingRoom');
    expect(
      (await call('GET', '/v1/meetingPreferences?siteUrl=nope.webex.com', { token })).status,
    ).toBe(400);
  });

  it('updates per org and keeps other orgs apart', async () => {
    const put = await call('PUT', PATH, {
      token,
      body: { enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ enabledJoinBeforeHost: true, joinBeforeHostMinutes: 5 });
    expect((await call('GET', PATH, { token })).body.joinBeforeHostMinutes).toBe(5);
    const other = provision(sim);
    expect(
      (await call('GET', PATH, { token: other.tokens.accessToken })).body.enabledJoinBeforeHost,
    ).toBe(false);
  });

  it('forgets preferences on reset', async () => {
    await call('PUT', PATH, { token, body: { enabledJoinBeforeHost: true } });
    sim.control.reset();
    const fresh = provision(sim);
    expect(sim.world.schedulingPreferences.size).toBe(0);
    expect(
      (await call('GET', PATH, { token: fresh.tokens.accessToken })).body.enabledJoinBeforeHost,
    ).toBe(false);
  });

  it.each([
    [{ joinBeforeHostMinutes: 3 }, /0, 5, 10 or 15/],
    [{ enabledJoinBeforeHost: 'true' }, /true or false/],
    [{ delegateEmails: ['nope'] }, /not a valid email/],
    [{}, /No scheduling option/],
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
          body: { enabledJoinBeforeHost: true },
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', PATH, { token: none.tokens.accessToken })).status).toBe(403);
  });
});
