import { hydraId, uuidFromHydraId } from '../ids';
import type { WorldContext } from './context';
import type { Membership, Person, Room } from './types';

/**
 * Spaces and who is in them. Memberships are indexed by room and by
 * person; a person is in a room at most once.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly memberships = new Map<string, Membership>();
  /** Room id → person id → membership. */
  private readonly members = new Map<string, Map<string, Membership>>();
  /** Person id → their memberships. */
  private readonly ofPerson = new Map<string, Set<Membership>>();

  constructor(private readonly ctx: WorldContext) {}

  clear(): void {
    this.rooms.clear();
    this.memberships.clear();
    this.members.clear();
    this.ofPerson.clear();
  }

  /** A new space; its creator is its first member, as Webex does it. */
  create(input: { title: string; orgId: string; creator: Person }): Room {
    const room: Room = {
      id: hydraId('ROOM', this.ctx.ids.uuid()),
      title: input.title,
      orgId: input.orgId,
      creatorId: input.creator.id,
      created: this.ctx.now(),
    };
    this.rooms.set(room.id, room);
    this.members.set(room.id, new Map());
    this.addMember(room, input.creator, false, false);
    return room;
  }

  /** Rooms are stored under their Hydra id; a bare uuid finds them too. */
  get(roomId: string): Room | undefined {
    const uuid = uuidFromHydraId(roomId);
    return this.rooms.get(roomId) ?? (uuid ? this.rooms.get(hydraId('ROOM', uuid)) : undefined);
  }

  values(): IterableIterator<Room> {
    return this.rooms.values();
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Deleting a space removes its memberships; its meetings stay (as on Webex). */
  delete(room: Room): void {
    for (const m of this.members.get(room.id)?.values() ?? []) {
      this.memberships.delete(m.id);
      this.ofPerson.get(m.personId)?.delete(m);
    }
    this.members.delete(room.id);
    this.rooms.delete(room.id);
  }

  membership(room: Room, personId: string): Membership | undefined {
    return this.members.get(room.id)?.get(personId);
  }

  isMember(room: Room, personId: string): boolean {
    return this.membership(room, personId) !== undefined;
  }

  /** Adds a member; the room's last activity moves unless this is its creation. */
  addMember(room: Room, person: Person, isModerator: boolean, activity = true): Membership {
    const existing = this.membership(room, person.id);
    if (existing) throw new Error(`${person.id} is already in ${room.id}`);
    const membership: Membership = {
      id: hydraId('MEMBERSHIP', this.ctx.ids.uuid()),
      roomId: room.id,
      personId: person.id,
      personEmail: person.emails[0]!,
      isModerator,
      created: this.ctx.now(),
    };
    this.memberships.set(membership.id, membership);
    this.members.get(room.id)!.set(person.id, membership);
    let mine = this.ofPerson.get(person.id);
    if (!mine) this.ofPerson.set(person.id, (mine = new Set()));
    mine.add(membership);
    if (activity) room.lastActivity = membership.created;
    return membership;
  }

  /** A room's memberships, oldest first. */
  membersOf(room: Room): Membership[] {
    return [...(this.members.get(room.id)?.values() ?? [])];
  }

  /** A person's memberships, oldest first. */
  membershipsOf(personId: string): Membership[] {
    return [...(this.ofPerson.get(personId) ?? [])];
  }

  /** Every membership (tests). */
  allMemberships(): IterableIterator<Membership> {
    return this.memberships.values();
  }
}
