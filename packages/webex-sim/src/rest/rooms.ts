import { bool, isEmail, jsonBody, str } from '../http/body';
import { HttpError, badRequest, forbidden, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { hydraId, uuidFromHydraId } from '../ids';
import type { Membership, Person, Room } from '../world/types';
import type { World } from '../world/world';
import { requireCaller, type Caller } from './caller';

const ROOM_WRITE = ['spark:rooms_write', 'spark:all'];
const MEMBERSHIP_WRITE = ['spark:memberships_write', 'spark:all'];

/** Rooms are stored under their Hydra id; a bare uuid is accepted too. */
export function requireRoom(world: World, caller: Caller, roomId: string): Room {
  const uuid = uuidFromHydraId(roomId);
  const room =
    world.rooms.get(roomId) ?? (uuid ? world.rooms.get(hydraId('ROOM', uuid)) : undefined);
  if (!room || room.orgId !== caller.org.id) throw notFound('The room was not found.');
  return room;
}

export function isMember(world: World, room: Room, personId: string): boolean {
  for (const m of world.memberships.values())
    if (m.roomId === room.id && m.personId === personId) return true;
  return false;
}

/** Only members act on a space (adding people, starting its meeting). */
export function requireMember(world: World, caller: Caller, room: Room): void {
  if (!isMember(world, room, caller.person.id)) {
    throw forbidden('The caller is not a member of this room.');
  }
}

function addMembership(world: World, room: Room, person: Person, isModerator: boolean): Membership {
  const uuid = world.ids.uuid();
  const membership: Membership = {
    id: hydraId('MEMBERSHIP', uuid),
    roomId: room.id,
    personId: person.id,
    personEmail: person.emails[0]!,
    isModerator,
    created: world.now(),
  };
  world.memberships.set(membership.id, membership);
  return membership;
}

function roomView(world: World, room: Room) {
  return {
    id: room.id,
    title: room.title,
    type: 'group',
    isLocked: false,
    isPublic: false,
    isReadOnly: false,
    lastActivity: world.clock.iso(room.created),
    creatorId: hydraId('PEOPLE', room.creatorId),
    ownerId: hydraId('ORGANIZATION', room.orgId),
    created: world.clock.iso(room.created),
  };
}

function membershipView(world: World, m: Membership) {
  const person = world.people.get(m.personId);
  return {
    id: m.id,
    roomId: m.roomId,
    personId: hydraId('PEOPLE', m.personId),
    personEmail: m.personEmail,
    personDisplayName: person?.displayName ?? m.personEmail,
    personOrgId: hydraId('ORGANIZATION', person?.orgId ?? ''),
    isModerator: m.isModerator,
    isMonitor: false,
    roomType: 'group',
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
    const person = world.people.get(uuidFromHydraId(personId) ?? '');
    if (!person) throw notFound('The person was not found.');
    return person;
  }
  if (!isEmail(personEmail!)) throw badRequest('personEmail is not a valid email address.');
  return (
    world.findPersonByEmail(personEmail!) ??
    world.createPerson({
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
    const room: Room = {
      id: hydraId('ROOM', world.ids.uuid()),
      title,
      orgId: caller.org.id,
      creatorId: caller.person.id,
      created: world.now(),
    };
    world.rooms.set(room.id, room);
    // Webex makes the creator a member of a new space.
    addMembership(world, room, caller.person, false);
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
      body: membershipView(world, addMembership(world, room, person, isModerator)),
    };
  });
}
