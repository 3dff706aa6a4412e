import { bool, int, isEmail, jsonBody, str } from '../http/body';
import { HttpError, badRequest, forbidden, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { seal, unseal } from '../signing';
import type { Meeting, Person } from '../world/types';
import type { World } from '../world/world';
import { requireCaller, sitePrefix, type Caller } from './caller';
import { requireMeeting } from './meetings';

const SCOPES = ['meeting:schedules_read', 'meeting:schedules_write', 'guest-meeting:rw'];
/** Webex documents 1–60 minutes but no default. [inferred] */
export const DEFAULT_LINK_MINUTES = 15;

export interface JoinLinkClaims {
  meetingId: string;
  role: 'host' | 'attendee';
  expiresAt: number;
  email?: string;
  displayName?: string;
}

/**
 * What a join or start link grants, or undefined when it is not one the
 * simulator issued. `expired` is judged against the world clock.
 */
export function readJoinLink(
  world: World,
  link: string,
): (JoinLinkClaims & { expired: boolean }) | undefined {
  let token = link;
  try {
    token = new URL(link).searchParams.get('t') ?? '';
  } catch {
    // Not a URL: the bare token.
  }
  const c = unseal(world, token);
  if (!c || c.k !== 'join' || typeof c.m !== 'string' || typeof c.x !== 'number') return undefined;
  return {
    meetingId: c.m,
    role: c.r === 'host' ? 'host' : 'attendee',
    expiresAt: c.x,
    ...(typeof c.e === 'string' ? { email: c.e } : {}),
    ...(typeof c.d === 'string' ? { displayName: c.d } : {}),
    expired: c.x <= world.now(),
  };
}

function findTarget(world: World, caller: Caller, body: Record<string, unknown>): Meeting {
  const meetingId = str(body, 'meetingId');
  const meetingNumber = str(body, 'meetingNumber');
  const webLink = str(body, 'webLink');
  const given = [meetingId, meetingNumber, webLink].filter((x) => x !== undefined).length;
  if (given !== 1) throw badRequest('Give exactly one of meetingId, meetingNumber or webLink.');
  const m = meetingId
    ? requireMeeting(world, caller, meetingId)
    : world.meetings.find(meetingNumber ? { meetingKey: meetingNumber } : { meetingUrl: webLink! });
  if (!m || m.orgId !== caller.org.id || m.state === 'ended') {
    throw notFound('The meeting was not found.');
  }
  return m;
}

/**
 * The person the links are for. Service Apps must name one with `hostEmail`:
 * their machine account or a licensed user of the org.
 */
function requester(world: World, caller: Caller, hostEmail: string | undefined): Person {
  if (hostEmail === undefined) {
    if (caller.app) throw badRequest('hostEmail is required when using a Service App token.');
    return caller.person;
  }
  const person = world.identity.personByEmail(hostEmail);
  const machine = caller.app ? world.identity.machineAccount(caller.app, caller.org.id) : undefined;
  const ok =
    person &&
    person.orgId === caller.org.id &&
    (person.id === machine?.id ||
      person.id === caller.person.id ||
      (person.type === 'person' && person.licensed));
  if (!ok) throw badRequest(`hostEmail ${hostEmail} is not a user in this organization.`);
  return person;
}

/**
 * A join or start link carrying its sealed claims. "As web link" is, in the
 * spec's words, the meeting's `webLink` itself: it grants nothing, so the
 * person must sign in.
 */
function link(m: Meeting, token: string, asWebLink: boolean): string {
  if (asWebLink) return m.webLink;
  const mtid = new URL(m.webLink).searchParams.get('MTID') ?? `m${m.id}`;
  return `https://${m.siteUrl}/${sitePrefix(m.siteUrl)}/j.php?MTID=${mtid}&t=${token}`;
}

export function joinLinkRoutes(r: Router, world: World): void {
  r.post('/v1/meetings/join', (req) => {
    const caller = requireCaller(world, req, SCOPES);
    const body = jsonBody(req);
    const m = findTarget(world, caller, body);
    const joinDirectly = bool(body, 'joinDirectly') ?? true;
    const email = str(body, 'email', { max: 320 });
    const displayName = str(body, 'displayName', { max: 128 });
    if (email !== undefined && !isEmail(email))
      throw badRequest('email is not a valid email address.');
    if (displayName !== undefined && email === undefined) {
      throw badRequest('displayName needs email as well.');
    }
    const password = str(body, 'password', { max: 64 });
    const minutes = int(body, 'expirationMinutes') ?? DEFAULT_LINK_MINUTES;
    if (minutes < 1 || minutes > 60) throw badRequest('expirationMinutes must be from 1 to 60.');
    const asWebJoin = bool(body, 'createJoinLinkAsWebLink') ?? false;
    const asWebStart = bool(body, 'createStartLinkAsWebLink') ?? false;
    const who = requester(world, caller, str(body, 'hostEmail', { max: 320 }));

    const mail = who.emails.map((e) => e.toLowerCase());
    const invitee = m.invitees.find((i) => mail.includes(i.email.toLowerCase()));
    const isHost = who.id === m.hostUserId || invitee?.coHost === true;
    if (!isHost && !invitee) {
      if (password === undefined) throw forbidden('password is required to join this meeting.');
      if (password !== m.password) {
        throw new HttpError(403, 'The password is incorrect.', ['The password is incorrect.']);
      }
    }

    const expiresAt = world.now() + minutes * 60_000;
    const claims = (role: 'host' | 'attendee') =>
      seal(world, {
        k: 'join',
        m: m.id,
        r: role,
        x: expiresAt,
        ...(email !== undefined ? { e: email } : {}),
        ...(displayName !== undefined ? { d: displayName } : {}),
      });
    const joinLink = link(m, claims('attendee'), asWebJoin);
    if (joinDirectly) return { status: 302, headers: { Location: joinLink } };
    return {
      status: 200,
      body: {
        ...(isHost ? { startLink: link(m, claims('host'), asWebStart) } : {}),
        joinLink,
        // Web links do not expire: with both, the spec says `expiration` is left out.
        ...(asWebJoin && asWebStart ? {} : { expiration: world.clock.iso(expiresAt) }),
      },
    };
  });
}
