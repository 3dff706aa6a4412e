import { ListMeetingsQuery, type MeetingType, type Parsed } from '@g2g/webex-spec/rest';
import { HttpError, badRequest, forbidden, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { parseQuery } from '../http/schema-input';
import type { Meeting } from '../world/types';
import type { World } from '../world/world';
import { checkSiteUrl, requireCaller, type Caller } from './caller';
import { createMeeting } from './meetingCreate';
import { meetingListItem, meetingView, viewState } from './meetingView';
import { requireRoom } from './rooms';

const WRITE = ['meeting:schedules_write', 'guest-meeting:rw'];
const READ = ['meeting:schedules_read', 'guest-meeting:rw'];

/** A meeting of the caller's org, or 404 (Webex does not reveal other orgs' meetings). */
export function requireMeeting(world: World, caller: Caller, id: string): Meeting {
  const m = world.meetings.get(id);
  if (!m || m.orgId !== caller.org.id) throw notFound('The meeting was not found.');
  return m;
}

/** Data for `meetings` webhooks raised by the REST face, without secrets. */
function webhookData(world: World, m: Meeting) {
  const { password: _p, hostKey: _k, telephony: _t, ...rest } = meetingView(world, m);
  return rest;
}

export function meetingRoutes(r: Router, world: World): void {
  r.post('/v1/meetings', (req) => {
    const caller = requireCaller(world, req, WRITE);
    const { meeting, created } = createMeeting(world, caller, req);
    if (created) {
      world.emit({
        type: 'webhook',
        resource: 'meetings',
        event: 'created',
        orgId: meeting.orgId,
        ...(meeting.appClientId ? { appClientId: meeting.appClientId } : {}),
        actorId: caller.person.id,
        data: webhookData(world, meeting),
      });
    }
    return { status: 200, body: meetingView(world, meeting) };
  });

  r.get('/v1/meetings/:id', (req, p) => {
    const caller = requireCaller(world, req, READ);
    return { status: 200, body: meetingView(world, requireMeeting(world, caller, p.id!)) };
  });

  r.delete('/v1/meetings/:id', (req, p) => {
    const caller = requireCaller(world, req, WRITE);
    const m = requireMeeting(world, caller, p.id!);
    if (m.state === 'inProgress') {
      throw new HttpError(409, 'The meeting is in progress and cannot be deleted.', [
        'End the meeting before deleting it.',
      ]);
    }
    world.meetings.delete(m.id);
    world.emit({
      type: 'webhook',
      resource: 'meetings',
      event: 'deleted',
      orgId: m.orgId,
      ...(m.appClientId ? { appClientId: m.appClientId } : {}),
      actorId: caller.person.id,
      data: webhookData(world, m),
    });
    return { status: 204 };
  });

  // `endMeeting` of the public OpenAPI spec: ends the running meeting for everyone, 204.
  // Who may: the host, or the Service App that licenses it [inferred: the spec names
  // host, cohost and compliance officer]. Not running: 409 [inferred].
  r.post('/v1/meetings/:id/end', (req, p) => {
    const caller = requireCaller(world, req, WRITE);
    const m = requireMeeting(world, caller, p.id!);
    const may = caller.app
      ? m.appClientId === caller.app.clientId
      : m.hostUserId === caller.person.id;
    if (!may) throw forbidden('Only the host can end this meeting.');
    if (m.state !== 'inProgress') {
      throw new HttpError(409, 'The meeting is not in progress.', [
        'Only a running meeting can be ended.',
      ]);
    }
    world.meetings.end(m, caller.person.id);
    return { status: 204 };
  });

  r.get('/v1/meetings', (req) => {
    const caller = requireCaller(world, req, READ);
    const items = listMeetings(world, caller, parseQuery(ListMeetingsQuery, req.query));
    return { status: 200, body: { items } };
  });
}

const DAY = 24 * 60 * 60_000;
const ADMIN_READ = ['meeting:admin_schedule_read', 'meeting:admin_schedule_write'];

type ListQuery = Parsed<typeof ListMeetingsQuery>;
type ListItem = ReturnType<typeof meetingListItem>;

/**
 * `GET /v1/meetings` as the spec describes it: a lookup by `meetingNumber`,
 * `webLink` or `roomId` (the other filters ignored), the occurrences and
 * instances of one `meetingSeriesId`, or a window (7 days by default)
 * of one meeting type, each narrowed by state and host.
 */
function listMeetings(world: World, caller: Caller, q: ListQuery): ListItem[] {
  if (q.siteUrl) checkSiteUrl(caller.org, q.siteUrl);
  const { candidates, visible } = visibleTo(world, caller, q.hostEmail);

  if (q.meetingNumber || q.webLink || q.roomId) {
    const room = q.roomId ? requireRoom(world, caller, q.roomId) : undefined;
    // A lookup goes through the meetings' indexes, then keeps what the caller may see.
    const found = q.meetingNumber
      ? [world.meetings.byNumberOf(q.meetingNumber.replace(/\D/g, ''))]
      : q.webLink
        ? [world.meetings.byWebLink(q.webLink)]
        : [...world.meetings.inRoom(room!.id)];
    return found
      .filter((m): m is Meeting => m !== undefined && visible(m))
      .sort(byStart)
      .map((m) =>
        meetingListItem(world, m, 'meetingSeries', viewState(world, m, 'meetingSeries')!),
      );
  }

  const from = q.from === undefined ? undefined : Date.parse(q.from);
  const to = q.to === undefined ? undefined : Date.parse(q.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw badRequest('from must not be after to.');
  }
  const types: readonly MeetingType[] = q.meetingType
    ? [q.meetingType]
    : q.meetingSeriesId
      ? ['scheduledMeeting', 'meeting']
      : ['meetingSeries'];
  const one = q.meetingSeriesId ? world.meetings.get(q.meetingSeriesId) : undefined;
  const series = q.meetingSeriesId
    ? one && visible(one)
      ? [one]
      : []
    : [...candidates].filter(visible);

  const items: { at: number; item: ListItem }[] = [];
  for (const type of types) {
    const w = listWindow(world.now(), type, from, to);
    for (const m of series) {
      const state = viewState(world, m, type);
      if (state === undefined || (q.state !== undefined && state !== q.state)) continue;
      const [start, end] = type === 'meeting' ? instanceSpan(world, m) : [m.start, m.end];
      if (!(end > w.from && (w.toInclusive ? start <= w.to : start < w.to))) continue;
      items.push({ at: start, item: meetingListItem(world, m, type, state) });
    }
  }
  return items
    .sort((a, b) => a.at - b.at)
    .slice(0, q.max ?? 10)
    .map((x) => x.item);
}

/**
 * The list's window. Series and scheduled meetings look 7 days ahead,
 * instances 7 days back; a bound given alone extends 7 days the other way.
 * A defaulted "now" end includes now (an instance that started this very
 * millisecond is in progress, not in the future).
 */
function listWindow(now: number, type: MeetingType, from?: number, to?: number) {
  if (from !== undefined && to !== undefined) return { from, to, toInclusive: false };
  if (from !== undefined) return { from, to: from + 7 * DAY, toInclusive: false };
  if (to !== undefined) return { from: to - 7 * DAY, to, toInclusive: false };
  return type === 'meeting'
    ? { from: now - 7 * DAY, to: now, toInclusive: true }
    : { from: now, to: now + 7 * DAY, toInclusive: false };
}

/** When an instance actually ran: from its first join to its end (or on). */
function instanceSpan(world: World, m: Meeting): [number, number] {
  const start = m.startedAt ?? m.start;
  const end = m.state === 'inProgress' ? Infinity : (m.endedAt ?? m.end);
  return [start, end];
}

/**
 * Meetings a caller lists: an app sees the ones it licenses, a user the ones
 * they host. With `hostEmail` (admin scopes) the caller sees that user's
 * meetings of the org, hosted or invited to, as if it were them.
 */
function visibleTo(
  world: World,
  caller: Caller,
  hostEmail: string | undefined,
): { candidates: Iterable<Meeting>; visible: (m: Meeting) => boolean } {
  if (hostEmail === undefined) {
    return {
      candidates: caller.app
        ? world.meetings.ofApp(caller.app.clientId)
        : world.meetings.ofHost(caller.person.id),
      visible: (m) =>
        m.orgId === caller.org.id &&
        (caller.app ? m.appClientId === caller.app.clientId : m.hostUserId === caller.person.id),
    };
  }
  if (!ADMIN_READ.some((s) => caller.token.scopes.has(s))) {
    throw forbidden(`hostEmail needs one of the scopes ${ADMIN_READ.join(', ')}.`);
  }
  const host = world.identity.personByEmail(hostEmail);
  if (!host || host.orgId !== caller.org.id) return { candidates: [], visible: () => false };
  const mail = hostEmail.toLowerCase();
  return {
    candidates: world.meetings.ofOrg(caller.org.id),
    visible: (m) =>
      m.orgId === caller.org.id &&
      (m.hostUserId === host.id || m.invitees.some((i) => i.email.toLowerCase() === mail)),
  };
}

const byStart = (a: Meeting, b: Meeting) => a.start - b.start;
