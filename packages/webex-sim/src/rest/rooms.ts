import { ListMembershipsQuery, ListRoomsQuery } from '@g2g/webex-spec/rest';
import { bool, isEmail, jsonBody, str } from '../http/body';
import { parseQuery } from '../http/schema-input';
import { HttpError, badRequest, forbidden, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { hydraId, uuidFromHydraId } from '../ids';
import type { Membership, Person, Room } from '../world/types';
import type { World } from '../world/world';
import { requireCaller, type Caller } from './caller';

const ROOM_WRITE = ['spark:rooms_write', 'spark:all'];
const ROOM_READ = ['spark:rooms_read', ...ROOM_WRITE];
const MEMBERSHIP_WRITE = ['spark:memberships_write', 'spark:all'];
const MEMBERSHIP_READ = ['spark:memberships_read', ...MEMBERSHIP_WRITE];

/** Rooms are stored under their Hydra id; a bare uuid is accepted too. */
export function requireRoom(world: World, caller: Caller, roomId: string): Room {
  const room = world.rooms.get(roomId);
  if (!room || room.orgId !== caller.org.id) throw notFound('The room was not found.');
  return room;
}

export function isMember(world: World, room: Room, personId: string): boolean {
  return world.rooms.isMember(room, personId);
}

/** A room the caller is in; others' rooms are as unknown to it as missing ones. */
function requireVisibleRoom(world: World, caller: Caller, roomId: string): Room {
  const room = requireRoom(world, caller, roomId);
  if (!isMember(world, room, caller.person.id)) throw notFound('The room was not found.');
  return room;
}

/** Only members act on a space (adding people, starting its meeting). */
export function requireMember(world: World, caller: Caller, room: Room): void {
  if (!isMember(world, room, caller.person.id)) {
    throw forbidden('The caller is not a member of this room.');
  }
}

function roomView(world: World, room: Room) {
  return {
    id: room.id,
    title: room.title,
    type: 'group' as const,
    isLocked: false,
    isPublic: false,
    isReadOnly: false,
    isAnnouncementOnly: false,
    lastActivity: world.clock.iso(room.lastActivity ?? room.created),
    creatorId: hydraId('PEOPLE', room.creatorId),
    ownerId: hydraId('ORGANIZATION', room.orgId),
    created: world.clock.iso(room.created),
  };
}

function membershipView(world: World, m: Membership) {
  const person = world.identity.person(m.personId);
  return {
    id: m.id,
    roomId: m.roomId,
    personId: hydraId('PEOPLE', m.personId),
    personEmail: m.personEmail,
    personDisplayName: person?.displayName ?? m.personEmail,
    personOrgId: hydraId('ORGANIZATION', person?.orgId ?? ''),
    isModerator: m.isModerator,
    isMonitor: false,
    roomType: 'group' as const,
    created: world.clock.iso(m.created),
  };
}

/**
 * The person to add: by id (must exist) or by email. An unknown email becomes
 * an unlicensed person, as Webex invites whoever an email names. [inferred]
 */
function resolvePerson(world: World, caller: Caller, body: Record<string, unknown>): Person {
  const personId = str(body, 'personId');
  const personEmail = str(body, 'personEmail', { max: 320 });
  if ((personId === undefined) === (personEmail === undefined)) {
    throw badRequest('Give exactly one of personId or personEmail.');
  }
  if (personId !== undefined) {
    const person = world.identity.person(uuidFromHydraId(personId) ?? '');
    if (!person) throw notFound('The person was not found.');
    return person;
  }
  if (!isEmail(personEmail!)) throw badRequest('personEmail is not a valid email address.');
  return (
    world.identity.personByEmail(personEmail!) ??
    world.identity.createPerson({
      displayName: personEmail!.split('@')[0]!,
      emails: [personEmail!],
      orgId: caller.org.id,
      type: 'person',
      licensed: false,
    })
  );
}

export function roomRoutes(r: Router, world: World): void {
  r.post('/v1/rooms', (req) => {
    const caller = requireCaller(world, req, ROOM_WRITE);
    const body = jsonBody(req);
    const title = str(body, 'title', { required: true, max: 256 });
    if (!title.trim()) throw badRequest('title must not be blank.');
    const room = world.rooms.create({ title, orgId: caller.org.id, creator: caller.person });
    return { status: 200, body: roomView(world, room) };
  });

  r.post('/v1/memberships', (req) => {
    const caller = requireCaller(world, req, MEMBERSHIP_WRITE);
    const body = jsonBody(req);
    const room = requireRoom(world, caller, str(body, 'roomId', { required: true }));
    const isModerator = bool(body, 'isModerator') ?? false;
    requireMember(world, caller, room);
    const person = resolvePerson(world, caller, body);
    if (isMember(world, room, person.id)) {
      throw new HttpError(409, 'The person is already a member of this room.');
    }
    return {
      status: 200,
      body: membershipView(world, world.rooms.addMember(room, person, isModerator)),
    };
  });

  // The caller's rooms, by type, sorted and capped as the spec describes.
  r.get('/v1/rooms', (req) => {
    const caller = requireCaller(world, req, ROOM_READ);
    const q = parseQuery(ListRoomsQuery, req.query);
    const order = { id: byId, lastactivity: byLastActivity, created: byCreated }[q.sortBy ?? 'id'];
    // The simulator has no teams and no direct rooms: those filters match nothing.
    const none = q.teamId !== undefined || q.type === 'direct';
    const items = (none ? [] : world.rooms.membershipsOf(caller.person.id))
      .map((m) => world.rooms.get(m.roomId)!)
      .filter((room) => room.orgId === caller.org.id)
      .sort(order)
      .slice(0, q.max ?? 100)
      .map((room) => roomView(world, room));
    return { status: 200, body: { items } };
  });

  r.get('/v1/rooms/:id', (req, p) => {
    const caller = requireCaller(world, req, ROOM_READ);
    return { status: 200, body: roomView(world, requireVisibleRoom(world, caller, p.id!)) };
  });

  // Deleting a space removes its memberships; its meetings stay (as on Webex).
  r.delete('/v1/rooms/:id', (req, p) => {
    const caller = requireCaller(world, req, ROOM_WRITE);
    const room = requireVisibleRoom(world, caller, p.id!);
    if (room.creatorId !== caller.person.id && !isModeratorOf(world, room, caller.person.id)) {
      throw forbidden('Only the creator or a moderator can delete this room.');
    }
    world.rooms.delete(room);
    return { status: 204 };
  });

  // A room's memberships (the caller must be in it), or the caller's own.
  r.get('/v1/memberships', (req) => {
    const caller = requireCaller(world, req, MEMBERSHIP_READ);
    const q = parseQuery(ListMembershipsQuery, req.query);
    const room = q.roomId ? requireRoom(world, caller, q.roomId) : undefined;
    if (room) requireMember(world, caller, room);
    const personId = q.personId ? (uuidFromHydraId(q.personId) ?? q.personId) : undefined;
    const email = q.personEmail?.toLowerCase();
    const items = (room ? world.rooms.membersOf(room) : world.rooms.membershipsOf(caller.person.id))
      .filter((m) => personId === undefined || m.personId === personId)
      .filter((m) => email === undefined || m.personEmail.toLowerCase() === email)
      .sort((a, b) => a.created - b.created)
      .slice(0, q.max ?? 100)
      .map((m) => membershipView(world, m));
    return { status: 200, body: { items } };
  });
}

function isModeratorOf(world: World, room: Room, personId: string): boolean {
  return world.rooms.membership(room, personId)?.isModerator === true;
}

const byId = (a: Room, b: Room) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byCreated = (a: Room, b: Room) => a.created - b.created;
// Most recent activity first, as Webex sorts `lastactivity`.
const byLastActivity = (a: Room, b: Room) =>
  (b.lastActivity ?? b.created) - (a.lastActivity ?? a.created);
