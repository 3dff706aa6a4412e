import { describe, expect, it } from 'vitest';
import {
  ENDPOINTS,
  ErrorEnvelope,
  GuestCount,
  JoinMeetingRequest,
  ListMeetingsQuery,
  Meeting,
  MeetingList,
  UpdateSchedulingOptionsRequest,
  Webhook,
  checkResponse,
  checkShape,
  findEndpoint,
  guestCountOf,
} from './index';

// Shaped like the spec's own examples (webex-meeting.json, webex-messaging.json).
const meeting = {
  id: '870f51ff287b41be84648412901e0402',
  meetingNumber: '123456789',
  title: 'Example Daily Meeting',
  password: 'BgJep@43',
  meetingType: 'meetingSeries',
  state: 'active',
  timezone: 'UTC',
  start: '2019-11-01T20:00:00-08:00',
  end: '2019-11-01T21:00:00-08:00',
  hostUserId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9jN2ZkNzNmMi05ZjFlLTQ3ZjctYWEwNS05ZWI5OGJiNjljYzY',
  hostDisplayName: 'John Andersen',
  hostEmail: 'john.andersen@example.com',
  hostKey: '123456',
  siteUrl: 'site4-example.webex.com',
  webLink: 'https://site4-example.webex.com/site4/j.php?MTID=md41817da6a55b0925530cb88b3577b1e',
  sipAddress: '123456789@site4-example.webex.com',
  telephony: {
    accessCode: '1234567890',
    callInNumbers: [{ label: 'US Toll', callInNumber: '123456789', tollType: 'toll' }],
    links: [
      { rel: 'globalCallinNumbers', href: '/v1/meetings/x/globalCallinNumbers', method: 'GET' },
    ],
  },
  meetingOptions: { enabledChat: true, enabledVideo: true },
  enabledBreakoutSessions: false,
};

describe('checkShape', () => {
  it('parses what the spec describes and keeps unknown fields out of strict answers', () => {
    expect(checkShape(Meeting, meeting)).toMatchObject({ ok: true });
    // A field Webex adds later never breaks a client…
    expect(checkShape(Meeting, { ...meeting, brandNewField: 1 }).ok).toBe(true);
    // …but the simulator may not invent one, at any depth, inside lists too.
    expect(checkShape(Meeting, { ...meeting, adhoc: true }, { strict: true })).toEqual({
      ok: false,
      problems: ['adhoc: not in the spec'],
    });
    const list = {
      items: [
        { ...meeting, meetingSeriesId: meeting.id, telephony: { ...meeting.telephony, pin: '1' } },
      ],
    };
    expect(checkShape(MeetingList, list, { strict: true })).toEqual({
      ok: false,
      problems: ['items[0].telephony.pin: not in the spec'],
    });
    // Objects the project never reads stay open.
    expect(
      checkShape(Meeting, { ...meeting, meetingOptions: { anything: 1 } }, { strict: true }).ok,
    ).toBe(true);
  });

  it('names fields and expectations, never values', () => {
    const secret = 'guest-token-0123456789';
    const check = checkShape(Meeting, {
      ...meeting,
      password: 12345,
      hostKey: undefined,
      title: secret.length,
    });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problems).toEqual([
        'title: Invalid input: expected string, received number',
        'password: Invalid input: expected string, received number',
        'hostKey: Invalid input: expected string, received undefined',
      ]);
      expect(check.problems.join(' ')).not.toContain('12345');
    }
  });

  it('holds the spec’s required fields: enabledBreakoutSessions, meetingSeriesId in list items', () => {
    const { enabledBreakoutSessions: _, ...without } = meeting;
    expect(checkShape(Meeting, without).ok).toBe(false);
    expect(checkShape(MeetingList, { items: [meeting] })).toEqual({
      ok: false,
      problems: ['items[0].meetingSeriesId: Invalid input: expected string, received undefined'],
    });
  });
});

describe('request and query schemas', () => {
  it('knows the mutually exclusive inputs', () => {
    expect(ListMeetingsQuery.safeParse({ meetingNumber: '1', roomId: 'r' }).success).toBe(false);
    expect(ListMeetingsQuery.safeParse({ meetingNumber: '1', max: '5' }).success).toBe(true);
    expect(JoinMeetingRequest.safeParse({ meetingId: 'a', webLink: 'b' }).success).toBe(false);
    expect(JoinMeetingRequest.safeParse({ meetingId: 'a', displayName: 'Pat' }).success).toBe(
      false,
    );
    expect(
      JoinMeetingRequest.safeParse({ meetingId: 'a', email: 'p@x.co', displayName: 'Pat' }).success,
    ).toBe(true);
  });

  it('requires the three scheduling options a PUT replaces', () => {
    expect(
      UpdateSchedulingOptionsRequest.safeParse({
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 5,
      }).success,
    ).toBe(false);
    expect(
      UpdateSchedulingOptionsRequest.safeParse({
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 5,
        enabledAutoShareRecording: false,
      }).success,
    ).toBe(true);
  });

  it('reads the guest count as text, JSON number or {count}', () => {
    for (const body of [3, '3', { count: 3 }]) {
      const check = checkShape(GuestCount, body);
      expect(check.ok && guestCountOf(check.data)).toBe(3);
    }
  });

  it('reads webhooks of resources the spec’s enum lacks', () => {
    const hook = {
      id: 'w',
      name: 'n',
      targetUrl: 'https://example.com/h',
      resource: 'videoMeshAlerts',
      event: 'created',
      status: 'active',
      created: '2015-10-18T14:26:16+00:00',
    };
    expect(checkShape(Webhook, hook).ok).toBe(true);
  });
});

describe('the endpoint table', () => {
  it('matches literal segments before parameters', () => {
    expect(findEndpoint('GET', '/people/me')?.name).toBe('people.me');
    expect(findEndpoint('GET', '/people/abc')?.name).toBe('people.get');
    expect(findEndpoint('POST', '/meetings/join')?.name).toBe('meetings.join');
    expect(findEndpoint('GET', '/meetings/join')?.name).toBe('meetings.get');
    expect(findEndpoint('PATCH', '/meetings/abc')).toBeUndefined();
    expect(findEndpoint('POST', '/api/v2/joseencrypt', 'instantConnect')?.name).toBe(
      'instantConnect.joseencrypt',
    );
  });

  it('has one entry per method and path, each with a source', () => {
    const keys = ENDPOINTS.map((e) => `${e.base} ${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of ENDPOINTS) expect(e.source).toBeTruthy();
  });

  it('judges statuses and bodies', () => {
    expect(checkResponse('DELETE', '/meetings/abc', 204, undefined).problems).toEqual([]);
    expect(checkResponse('DELETE', '/meetings/abc', 200, {}).problems).toEqual([
      'status 200 is not declared (expected 204)',
    ]);
    expect(checkResponse('POST', '/meetings/join', 302, undefined).problems).toEqual([]);
    const envelope = { message: 'm', errors: [{ description: 'd' }], trackingId: 't' };
    expect(ErrorEnvelope.safeParse(envelope).success).toBe(true);
    expect(checkResponse('GET', '/meetings/abc', 404, envelope).problems).toEqual([]);
    expect(checkResponse('GET', '/guests/count', 429, undefined).problems).toEqual([]);
    expect(
      checkResponse('POST', '/access_token', 400, { error: 'invalid_request' }).problems,
    ).toEqual([]);
  });
});
