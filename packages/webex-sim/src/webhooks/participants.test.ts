import { afterEach, describe, expect, it } from 'vitest';
import { joinOverHttp } from '../testing/participant';
import {
  meetingBody,
  simPerTest,
  webhookTarget,
  type Json,
  type SimContext,
} from '../rest/testkit';

let ctx: SimContext;
simPerTest('participants', (c) => (ctx = c));
const targets: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await ctx.sim.control.webhooksIdle();
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

async function listen(resource: string, event = 'all') {
  const t = await webhookTarget();
  targets.push(t);
  const res = await ctx.call('POST', '/v1/webhooks', {
    token: ctx.token,
    body: { name: 'hook', targetUrl: t.url, resource, event },
  });
  expect(res.status).toBe(200);
  return t;
}

async function meeting(extra: Record<string, unknown> = {}) {
  const res = await ctx.call('POST', '/v1/meetings', {
    token: ctx.token,
    body: meetingBody(ctx.sim, extra),
  });
  expect(res.status).toBe(200);
  return res.body as Json;
}

async function guest(name: string) {
  const res = await ctx.call('POST', '/v1/guests/token', {
    token: ctx.token,
    body: { subject: `s-${name}`, displayName: name },
  });
  return res.body.accessToken as string;
}

/** A meeting anyone with the password joins straight away (join before host, no lobby). */
const OPEN = {
  enabledJoinBeforeHost: true,
  joinBeforeHostMinutes: 15,
  unlockedMeetingJoinSecurity: 'allowJoin',
};

const seen = (t: { received: { body: Json }[] }) =>
  t.received.map((r) => `${r.body.event} ${r.body.data.displayName} ${r.body.data.state}`);

describe('meetingParticipants webhooks', () => {
  it('joined (lobby), joined (admitted), left: the REST Participant shape, for the licensing app', async () => {
    const t = await listen('meetingParticipants');
    const m = await meeting({ unlockedMeetingJoinSecurity: 'allowJoinWithLobby' });
    const host = await joinOverHttp({
      url: ctx.sim.url,
      token: await guest('Host'),
      meetingNumber: m.meetingNumber,
      hostKey: m.hostKey,
      alias: 'Dr Host',
      listen: false,
    });
    const pat = await joinOverHttp({
      url: ctx.sim.url,
      token: await guest('Pat'),
      meetingNumber: m.meetingNumber,
      password: m.password,
      alias: 'Pat',
      listen: false,
    });
    expect(pat.inLobby).toBe(true);
    ctx.sim.control.admit(m.id);
    await pat.leave();
    await host.leave();
    await ctx.sim.control.webhooksIdle();
    expect(seen(t)).toEqual([
      'joined Dr Host joined',
      'joined Pat lobby',
      'joined Pat joined',
      'left Pat end',
      'left Dr Host end',
    ]);
    const left = t.received[3]!.body;
    expect(left).toMatchObject({ resource: 'meetingParticipants', event: 'left' });
    expect(left.data).toMatchObject({
      meetingId: m.id,
      siteUrl: m.siteUrl,
      host: false,
      state: 'end',
    });
    expect(Date.parse(left.data.leftTime)).toBeGreaterThan(0);
    expect(Date.parse(left.data.joinedTime)).toBeGreaterThan(0);
    expect(left.data.id).toMatch(new RegExp(`^${m.id}_`));
    expect(JSON.stringify(t.received.map((r) => r.body))).not.toContain(m.password);
  });

  it('everyone still in leaves when the meeting ends', async () => {
    const t = await listen('meetingParticipants', 'left');
    const m = await meeting(OPEN);
    for (const name of ['A', 'B']) {
      await joinOverHttp({
        url: ctx.sim.url,
        token: await guest(name),
        meetingNumber: m.meetingNumber,
        password: m.password,
        alias: name,
        listen: false,
      });
    }
    ctx.sim.control.endMeeting(m.id);
    await ctx.sim.control.webhooksIdle();
    expect(seen(t).sort()).toEqual(['left A end', 'left B end']);
  });
});

describe('POST /v1/meetings/{id}/end', () => {
  it('ends a running meeting for everyone (204, meetings:ended); 409 when not running; 404 for another org', async () => {
    const ended = await listen('meetings', 'ended');
    const m = await meeting(OPEN);
    expect(
      (await ctx.call('POST', `/v1/meetings/${m.id}/end`, { token: ctx.token, body: {} })).status,
    ).toBe(409);
    await joinOverHttp({
      url: ctx.sim.url,
      token: await guest('G'),
      meetingNumber: m.meetingNumber,
      password: m.password,
      listen: false,
    });
    expect(ctx.sim.control.meetingState(m.id).state).toBe('inProgress');
    const res = await ctx.call('POST', `/v1/meetings/${m.id}/end`, { token: ctx.token, body: {} });
    expect(res.status).toBe(204);
    expect(ctx.sim.control.meetingState(m.id).participants).toEqual([]);
    await ctx.sim.control.webhooksIdle();
    expect(ended.received.map((r) => r.body.data.id)).toEqual([m.id]);
    const other = ctx.sim.control.createServiceApp();
    expect(
      (
        await ctx.call('POST', `/v1/meetings/${m.id}/end`, {
          token: other.tokens!.accessToken,
          body: {},
        })
      ).status,
    ).toBe(404);
  });
});
