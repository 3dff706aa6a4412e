import { HttpError, badRequest, notFound } from '../http/errors';
import type { Router } from '../http/router';
import type { Meeting } from '../world/types';
import type { World } from '../world/world';
import { checkSiteUrl, requireCaller, type Caller } from './caller';
import { createMeeting } from './meetingCreate';
import {
  MEETING_STATES,
  MEETING_TYPES,
  meetingView,
  viewState,
  type MeetingState,
  type MeetingType,
} from './meetingView';
import { parseQueryTime } from './time';

const WRITE = ['meeting:schedules_write', 'guest-meeting:rw'];
const READ = ['meeting:schedules_read', 'guest-meeting:rw'];

/** A meeting of the caller's org, or 404 (Webex does not reveal other orgs' meetings). */
export function requireMeeting(world: World, caller: Caller, id: string): Meeting {
  const m = world.meetings.get(id);
  if (!m || m.orgId !== caller.org.id) throw notFound('The meeting was not found.');
  return m;
}

/** Meetings a caller lists: an app sees the ones it licenses, a user the ones they host. */
function listedBy(caller: Caller, m: Meeting): boolean {
  if (m.orgId !== caller.org.id) return false;
  return caller.app ? m.appClientId === caller.app.clientId : m.hostUserId === caller.person.id;
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

  r.get('/v1/meetings', (req) => {
    const caller = requireCaller(world, req, READ);
    const q = req.query;
    const type = (q.get('meetingType') || 'meetingSeries') as MeetingType;
    if (!MEETING_TYPES.includes(type)) {
      throw badRequest(`meetingType must be one of ${MEETING_TYPES.join(', ')}.`);
    }
    const state = q.get('state') || undefined;
    if (state !== undefined && !MEETING_STATES.includes(state as MeetingState)) {
      throw badRequest(`state must be one of ${MEETING_STATES.join(', ')}.`);
    }
    if (q.get('siteUrl')) checkSiteUrl(caller.org, q.get('siteUrl')!);
    const from = parseQueryTime(q.get('from'), 'from');
    const to = parseQueryTime(q.get('to'), 'to');
    if (from !== undefined && to !== undefined && from > to) {
      throw badRequest('from must not be after to.');
    }
    const maxRaw = q.get('max');
    const max = maxRaw === null || maxRaw === '' ? 10 : Number(maxRaw);
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw badRequest('max must be an integer from 1 to 100.');
    }

    const items = [...world.meetings.values()]
      .filter((m) => listedBy(caller, m))
      .filter((m) => (from === undefined || m.end > from) && (to === undefined || m.start < to))
      .map((m) => ({ m, s: viewState(world, m, type) }))
      .filter(
        (x): x is { m: Meeting; s: MeetingState } =>
          x.s !== undefined && (state === undefined || x.s === state),
      )
      .sort((a, b) => a.m.start - b.m.start)
      .slice(0, max)
      .map(({ m, s }) => meetingView(world, m, type, s));
    return { status: 200, body: { items } };
  });
}
