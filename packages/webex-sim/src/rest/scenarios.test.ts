// The REST scenario table: what the project does with Webex's REST API, run
// against webex-sim by default and against real Webex in live mode
// (G2G_LIVE_WEBEX_ACCESS_TOKEN + G2G_LIVE_WEBEX_SITE_URL, see the README).
// Every answer is parsed with the shared schemas of @g2g/webex-spec/rest, the
// same ones @g2g/service-app uses; in sim mode the simulator also holds
// itself to them strictly (no field the spec lacks).
import {
  ErrorEnvelope,
  GuestCount,
  GuestToken,
  JoinMeetingLinks,
  Meeting,
  MeetingList,
  MeetingPreferences,
  Membership,
  MembershipList,
  Person,
  Room,
  RoomList,
  SchedulingOptions,
  Sites,
  Webhook,
  WebhookList,
  checkShape,
  type Parsed,
  type Schema,
} from '@g2g/webex-spec/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpCallResponse } from '../testing/http-call';
import { liveChoice, restTarget, type RestTarget } from '../testing/live';

let target: RestTarget;

beforeAll(async () => {
  target = await restTarget({ seed: 'rest-scenarios' });
}, 60_000);
afterAll(() => target?.close());

// Real Webex answers in hundreds of milliseconds and a busy CI machine is
// slow too: each scenario gets its own generous bound.
const SCENARIO_MS = 60_000;

/** The body, parsed with `schema`, after checking the status. */
function parsed<S extends Schema>(res: HttpCallResponse, status: number, schema: S) {
  expect(res.status, `${res.status} ${res.text.slice(0, 300)}`).toBe(status);
  const check = checkShape(schema, res.body);
  if (!check.ok) throw new Error(`answer breaks the spec: ${check.problems.join('; ')}`);
  return check.data as Parsed<S>;
}

/** A 4xx with Webex's error envelope and the tracking id it echoes in its header. */
function failure(res: HttpCallResponse, status: number) {
  const env = parsed(res, status, ErrorEnvelope);
  expect(env.trackingId).toBe(res.headers.get('trackingid'));
  return env;
}

/** Whole minutes from the target's now, as an ISO string. */
const inMinutes = (minutes: number) =>
  new Date(Math.ceil(target.now() / 60_000) * 60_000 + minutes * 60_000).toISOString();

/** A meeting made for one scenario, always deleted afterwards (live mode leaves nothing behind). */
async function withMeeting(
  body: Record<string, unknown>,
  scenario: (m: Parsed<typeof Meeting>) => Promise<void>,
) {
  const res = await target.call('POST', '/meetings', {
    body: { title: 'g2g REST table', start: inMinutes(60), end: inMinutes(90), ...body },
  });
  const meeting = parsed(res, 200, Meeting);
  try {
    await scenario(meeting);
  } finally {
    await target.call('DELETE', `/meetings/${meeting.id}`);
  }
}

describe(`REST scenario table (${liveChoice().mode})`, () => {
  it(
    'meetings: create, get, list with filters, delete',
    async () => {
      await withMeeting(
        {
          siteUrl: target.siteUrl,
          enabledJoinBeforeHost: true,
          joinBeforeHostMinutes: 5,
          unlockedMeetingJoinSecurity: 'allowJoin',
          sendEmail: false,
        },
        async (m) => {
          expect(m).toMatchObject({
            meetingType: 'meetingSeries',
            state: 'active',
            siteUrl: target.siteUrl,
            enabledJoinBeforeHost: true,
            joinBeforeHostMinutes: 5,
            unlockedMeetingJoinSecurity: 'allowJoin',
          });
          expect(m.meetingNumber).toMatch(/^\d+$/);

          const got = parsed(await target.call('GET', `/meetings/${m.id}`), 200, Meeting);
          expect(got.id).toBe(m.id);

          const ids = async (query: string) =>
            parsed(await target.call('GET', `/meetings?${query}`), 200, MeetingList).items.map(
              (x) => x.id,
            );
          expect(await ids(`meetingNumber=${m.meetingNumber}`)).toContain(m.id);
          expect(await ids(`webLink=${encodeURIComponent(m.webLink)}`)).toContain(m.id);
          expect(
            await ids(`from=${inMinutes(30)}&to=${inMinutes(120)}&siteUrl=${target.siteUrl}`),
          ).toContain(m.id);
          expect(await ids(`from=${inMinutes(24 * 60)}&to=${inMinutes(25 * 60)}`)).not.toContain(
            m.id,
          );
          const occurrences = parsed(
            await target.call(
              'GET',
              `/meetings?meetingSeriesId=${m.id}&meetingType=scheduledMeeting`,
            ),
            200,
            MeetingList,
          ).items;
          expect(occurrences.every((o) => o.meetingSeriesId === m.id)).toBe(true);
          expect(occurrences.length).toBeGreaterThan(0);

          const del = await target.call('DELETE', `/meetings/${m.id}`);
          expect(del.status).toBe(204);
          failure(await target.call('GET', `/meetings/${m.id}`), 404);
        },
      );
    },
    SCENARIO_MS,
  );

  it(
    'meetings: refuses bad input with the error envelope',
    async () => {
      const res = await target.call('POST', '/meetings', {
        body: { title: 'g2g REST table', start: inMinutes(60), end: inMinutes(65) },
      });
      expect(failure(res, 400).errors.length).toBeGreaterThan(0);
      failure(await target.call('GET', '/meetings/0123456789abcdef0123456789abcdef'), 404);
      failure(await target.call('GET', '/meetings', { as: 'nobody' }), 401);
    },
    SCENARIO_MS,
  );

  it(
    'join links: start and join links for the host, a redirect without joinDirectly',
    async () => {
      await withMeeting({}, async (m) => {
        const links = parsed(
          await target.call('POST', '/meetings/join', {
            body: {
              meetingId: m.id,
              joinDirectly: false,
              hostEmail: target.hostEmail,
              expirationMinutes: 30,
            },
          }),
          200,
          JoinMeetingLinks,
        );
        expect(links.startLink).toMatch(/^https:\/\//);
        expect(links.joinLink).toMatch(/^https:\/\//);
        expect(Date.parse(links.expiration!)).toBeGreaterThan(target.now());

        const redirect = await target.call('POST', '/meetings/join', {
          body: { meetingNumber: m.meetingNumber, hostEmail: target.hostEmail },
        });
        expect(redirect.status).toBe(302);
        expect(redirect.headers.get('location')).toMatch(/^https:\/\//);
      });
    },
    SCENARIO_MS,
  );

  it(
    'guest tokens: mint, the guest is an appuser, guests are counted',
    async () => {
      const subject = `g2g-rest-table-${target.now()}`;
      const guest = parsed(
        await target.call('POST', '/guests/token', {
          body: { subject, displayName: 'REST table guest' },
        }),
        200,
        GuestToken,
      );
      expect(guest).toMatchObject({ subject, displayName: 'REST table guest' });
      const me = parsed(
        await target.call('GET', '/people/me', { as: 'nobody', token: guest.accessToken }),
        200,
        Person,
      );
      expect(me).toMatchObject({ id: guest.id, type: 'appuser' });
      const count = await target.call('GET', '/guests/count');
      expect(count.status).toBe(200);
      const n = checkShape(GuestCount, count.body);
      expect(n.ok).toBe(true);
      failure(
        await target.call('POST', '/guests/token', { body: { subject: 'no display name' } }),
        400,
      );
    },
    SCENARIO_MS,
  );

  it(
    'preferences: read them all, the sites, and write the scheduling options back unchanged',
    async () => {
      const prefs = parsed(
        await target.call('GET', '/meetingPreferences'),
        200,
        MeetingPreferences,
      );
      const options = parsed(
        await target.call('GET', '/meetingPreferences/schedulingOptions'),
        200,
        SchedulingOptions,
      );
      expect(options).toEqual(prefs.schedulingOptions);
      const sites = parsed(await target.call('GET', '/meetingPreferences/sites'), 200, Sites);
      expect(sites.sites.map((s) => s.siteUrl.toLowerCase())).toContain(
        target.siteUrl.toLowerCase(),
      );
      // A PUT replaces the options: sending what was read changes nothing, even live.
      const put = parsed(
        await target.call('PUT', '/meetingPreferences/schedulingOptions', { body: options }),
        200,
        SchedulingOptions,
      );
      expect(put).toEqual(options);
    },
    SCENARIO_MS,
  );

  it(
    'rooms and memberships: create, read, list, add a member, delete',
    async () => {
      const room = parsed(
        await target.call('POST', '/rooms', { body: { title: 'g2g REST table' } }),
        200,
        Room,
      );
      try {
        expect(parsed(await target.call('GET', `/rooms/${room.id}`), 200, Room).id).toBe(room.id);
        const rooms = parsed(await target.call('GET', '/rooms?max=100'), 200, RoomList).items;
        expect(rooms.map((r) => r.id)).toContain(room.id);
        const member = parsed(
          await target.call('POST', '/memberships', {
            body: { roomId: room.id, personEmail: 'g2g-rest-table@example.com' },
          }),
          200,
          Membership,
        );
        const members = parsed(
          await target.call('GET', `/memberships?roomId=${room.id}`),
          200,
          MembershipList,
        ).items;
        expect(members.map((x) => x.id)).toContain(member.id);
        const meeting = parsed(
          await target.call('POST', '/meetings', { body: { roomId: room.id, adhoc: true } }),
          200,
          Meeting,
        );
        expect(meeting.roomId).toBe(room.id);
        const listed = parsed(
          await target.call('GET', `/meetings?roomId=${room.id}`),
          200,
          MeetingList,
        ).items;
        expect(listed.map((x) => x.id)).toContain(meeting.id);
      } finally {
        expect((await target.call('DELETE', `/rooms/${room.id}`)).status).toBe(204);
      }
      failure(await target.call('GET', `/rooms/${room.id}`), 404);
    },
    SCENARIO_MS,
  );

  it(
    'webhooks: create, read, list, update, delete',
    async () => {
      const created = parsed(
        await target.call('POST', '/webhooks', {
          body: {
            name: 'g2g REST table',
            targetUrl: target.webhookTargetUrl,
            // No scenario makes recordings: this webhook never fires.
            resource: 'recordings',
            event: 'created',
            secret: 'g2g-rest-table-secret',
          },
        }),
        200,
        Webhook,
      );
      try {
        expect(created).toMatchObject({
          resource: 'recordings',
          event: 'created',
          status: 'active',
        });
        const got = parsed(await target.call('GET', `/webhooks/${created.id}`), 200, Webhook);
        expect(got.id).toBe(created.id);
        const list = parsed(await target.call('GET', '/webhooks?max=100'), 200, WebhookList);
        expect(list.items.map((w) => w.id)).toContain(created.id);
        const put = parsed(
          await target.call('PUT', `/webhooks/${created.id}`, {
            body: { name: 'g2g REST table (renamed)', targetUrl: target.webhookTargetUrl },
          }),
          200,
          Webhook,
        );
        expect(put.name).toBe('g2g REST table (renamed)');
      } finally {
        expect((await target.call('DELETE', `/webhooks/${created.id}`)).status).toBe(204);
      }
      failure(await target.call('GET', `/webhooks/${created.id}`), 404);
    },
    SCENARIO_MS,
  );
});
