import { bool, int, isEmail, jsonBody, objArray, str } from '../http/body';
import { HttpError, badRequest, forbidden } from '../http/errors';
import type { SimRequest } from '../http/types';
import type { JoinSecurity, Meeting, Person, Room } from '../world/types';
import type { World } from '../world/world';
import { checkSiteUrl, sitePrefix, type Caller } from './caller';
import { requireMember, requireRoom } from './rooms';
import { floorToMinute, isTimeZone, parseMeetingTime } from './time';

const MINUTE = 60_000;
const MIN_DURATION = 10 * MINUTE;
const MAX_DURATION = (23 * 60 + 59) * MINUTE;
/** Nominal length of an ad-hoc space meeting; it really lasts until it ends. [inferred] */
const ADHOC_DURATION = 30 * MINUTE;
const JOIN_SECURITY: readonly JoinSecurity[] = ['allowJoin', 'allowJoinWithLobby', 'blockFromJoin'];
const JBH_MINUTES = [0, 5, 10, 15];

/**
 * `POST /v1/meetings`: validates like Webex and stores the meeting. With
 * `roomId` + `adhoc:true` it answers the space's ongoing meeting if any.
 */
export function createMeeting(
  world: World,
  caller: Caller,
  req: SimRequest,
): { meeting: Meeting; created: boolean } {
  const body = jsonBody(req);
  const adhoc = bool(body, 'adhoc') ?? false;
  const roomIdInput = str(body, 'roomId');
  if (adhoc && !roomIdInput) throw badRequest('roomId is required when adhoc is true.');
  const room = roomIdInput ? requireRoom(world, caller, roomIdInput) : undefined;
  if (room) requireMember(world, caller, room);

  if (adhoc && room) {
    for (const m of world.meetings.inRoom(room.id)) {
      if (m.adhoc && m.state !== 'ended') return { meeting: m, created: false };
    }
  }

  // An ad-hoc meeting takes Webex's fixed settings: the spec says each of
  // these inputs "will be ignored" for one.
  const title = adhoc
    ? (str(body, 'title', { max: 128 }) ?? caller.person.displayName)
    : str(body, 'title', { required: true, max: 128 });
  if (!title.trim()) throw badRequest('title must not be blank.');

  const timezone = adhoc ? 'UTC' : (str(body, 'timezone', { max: 64 }) ?? 'UTC');
  if (!isTimeZone(timezone)) throw badRequest(`timezone ${timezone} is not a valid time zone.`);

  const { start, end } = adhoc ? adhocTimes(world) : scheduledTimes(world, body, timezone);
  const siteUrl = checkSiteUrl(caller.org, str(body, 'siteUrl'));

  const password = str(body, 'password', { max: 64 });
  if (password !== undefined && (password.length < 4 || /\s/.test(password))) {
    throw badRequest('password must be at least 4 characters, without spaces.');
  }

  // Unset join-before-host fields follow the org's scheduling preferences.
  const prefs = world.preferences.schedulingOptions(caller.org.id);
  const enabledJoinBeforeHost = adhoc
    ? true
    : (bool(body, 'enabledJoinBeforeHost') ?? prefs.enabledJoinBeforeHost);
  const minutesInput = int(body, 'joinBeforeHostMinutes');
  const joinBeforeHostMinutes = adhoc
    ? 0
    : (minutesInput ?? (enabledJoinBeforeHost ? prefs.joinBeforeHostMinutes : 0));
  if (!adhoc && !JBH_MINUTES.includes(joinBeforeHostMinutes)) {
    throw badRequest('joinBeforeHostMinutes must be 0, 5, 10 or 15.');
  }

  const securityInput = str(body, 'unlockedMeetingJoinSecurity');
  if (securityInput !== undefined && !JOIN_SECURITY.includes(securityInput as JoinSecurity)) {
    throw badRequest(`unlockedMeetingJoinSecurity must be one of ${JOIN_SECURITY.join(', ')}.`);
  }
  const security = adhoc ? 'allowJoinWithLobby' : (securityInput ?? 'allowJoinWithLobby');
  const enabledAutoRecordMeeting = bool(body, 'enabledAutoRecordMeeting') ?? false;
  bool(body, 'sendEmail'); // validated; the sim sends no email
  const listed = readInvitees(body);
  // A space meeting invites the space: its members (but the caller) unless
  // `invitees` says otherwise, as cohosts by default; an ad-hoc one always.
  const invitees =
    room && (adhoc || !('invitees' in body)) ? roomInvitees(world, room, caller) : listed;
  // "When roomId is specified, the parameter hostEmail will be ignored."
  const host = resolveHost(world, caller, room ? undefined : str(body, 'hostEmail'));

  let meetingNumber = world.ids.meetingNumber();
  while (world.meetings.numberTaken(meetingNumber)) meetingNumber = world.ids.meetingNumber();
  const prefix = sitePrefix(siteUrl);
  const meeting: Meeting = {
    id: world.ids.meetingId(),
    meetingNumber,
    title,
    password: password ?? world.ids.password(),
    hostKey: world.ids.hostKey(),
    start,
    end,
    timezone,
    siteUrl,
    webLink: `https://${siteUrl}/${prefix}/j.php?MTID=m${world.ids.hex(16)}`,
    // Four labels on purpose: webex@2.60.4 sends any three-label SIP domain
    // straight to https://<site>/wbxappapi, bypassing the catalog and leaving
    // loopback. The three-label form Webex issues (`<number>@<site>`) is
    // accepted too; a test browser reaches it through testing/webex-sites.ts.
    sipAddress: `${meetingNumber}@${prefix}.sim.webex.com`,
    enabledJoinBeforeHost,
    joinBeforeHostMinutes,
    unlockedMeetingJoinSecurity: security as JoinSecurity,
    enabledAutoRecordMeeting,
    hostUserId: host.id,
    hostEmail: host.emails[0]!,
    hostDisplayName: host.displayName,
    orgId: caller.org.id,
    ...(caller.app ? { appClientId: caller.app.clientId } : {}),
    ...(room ? { roomId: room.id } : {}),
    adhoc,
    invitees,
    state: 'active',
    created: world.now(),
    locus: undefined,
  };
  world.meetings.add(meeting);
  return { meeting, created: true };
}

function adhocTimes(world: World) {
  const start = floorToMinute(world.now());
  return { start, end: start + ADHOC_DURATION };
}

function scheduledTimes(world: World, body: Record<string, unknown>, tz: string) {
  const requested = parseMeetingTime(str(body, 'start', { required: true }), 'start', tz);
  const end = parseMeetingTime(str(body, 'end', { required: true }), 'end', tz);
  // Seconds are stripped, so "now" is the start of the current minute; a
  // start within the current minute moves to the next one (spec, `start`).
  const thisMinute = floorToMinute(world.now());
  if (requested < thisMinute) throw badRequest('start cannot be in the past.');
  const start = requested === thisMinute ? thisMinute + MINUTE : requested;
  if (end <= start) throw badRequest('end must be after start.');
  const duration = end - start;
  if (duration < MIN_DURATION || duration > MAX_DURATION) {
    throw badRequest('The meeting must last between 10 minutes and 23 hours 59 minutes.');
  }
  return { start, end };
}

function roomInvitees(world: World, room: Room, caller: Caller): Meeting['invitees'] {
  const out: Meeting['invitees'] = [];
  for (const m of world.rooms.membersOf(room)) {
    if (m.personId === caller.person.id) continue;
    const person = world.identity.person(m.personId);
    out.push({
      email: m.personEmail,
      ...(person ? { displayName: person.displayName } : {}),
      coHost: true,
    });
  }
  return out;
}

function readInvitees(body: Record<string, unknown>): Meeting['invitees'] {
  const list = objArray(body, 'invitees') ?? [];
  if (list.length > 1000) throw badRequest('invitees can hold at most 1000 people.');
  return list.map((inv, i) => {
    const email = str(inv, 'email', { required: true, max: 320 });
    if (!isEmail(email)) throw badRequest(`invitees[${i}].email is not a valid email address.`);
    const displayName = str(inv, 'displayName', { max: 128 });
    return {
      email,
      ...(displayName !== undefined ? { displayName } : {}),
      coHost: bool(inv, 'coHost') ?? !!body.roomId,
    };
  });
}

/**
 * The meeting's host: `hostEmail` (admin scheduling on behalf of a licensed
 * user), else the app's machine account, else the calling user.
 */
function resolveHost(world: World, caller: Caller, hostEmail: string | undefined): Person {
  if (hostEmail !== undefined) {
    if (!caller.token.scopes.has('meeting:admin_schedule_write')) {
      throw forbidden('hostEmail needs the meeting:admin_schedule_write scope.');
    }
    const host = world.identity.personByEmail(hostEmail);
    if (!host || host.orgId !== caller.org.id || host.type !== 'person' || !host.licensed) {
      throw badRequest(`hostEmail ${hostEmail} is not a licensed user in this organization.`);
    }
    return host;
  }
  if (caller.app) return world.identity.machineAccount(caller.app, caller.org.id);
  if (caller.person.type === 'person' && !caller.person.licensed) {
    throw new HttpError(403, 'The user does not have a Webex Meetings licence.');
  }
  return caller.person;
}
