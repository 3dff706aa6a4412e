import * as z from 'zod/mini';
import { DateTime, Email, Id, Max, listOf } from './common';

// All schemas here: public-spec/webex-messaging.json (`/rooms`, `/memberships`).
// The messaging spec marks no response field required. [observed] the fields
// required below are in every answer of its own examples and in every answer
// the simulator models on them; everything else stays optional.

export const RoomType = z.enum(['direct', 'group']);

/** `POST /rooms` body. */
export const CreateRoomRequest = z.object({
  title: z.string().check(z.minLength(1)),
  teamId: z.optional(Id),
  classificationId: z.optional(z.string()),
  isLocked: z.optional(z.boolean()),
  isPublic: z.optional(z.boolean()),
  description: z.optional(z.string()),
  isAnnouncementOnly: z.optional(z.boolean()),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;

/** A space (`Room`). */
export const Room = z.object({
  id: Id,
  title: z.string(),
  type: RoomType,
  isLocked: z.boolean(),
  teamId: z.optional(Id),
  lastActivity: DateTime,
  creatorId: Id,
  created: DateTime,
  ownerId: z.optional(Id),
  classificationId: z.optional(z.string()),
  isAnnouncementOnly: z.optional(z.boolean()),
  isReadOnly: z.optional(z.boolean()),
  isPublic: z.optional(z.boolean()),
  madePublic: z.optional(DateTime),
  description: z.optional(z.string()),
});
export type Room = z.infer<typeof Room>;

/** `GET /rooms` → `RoomCollectionResponse`. */
export const RoomList = listOf(Room);
export type RoomList = z.infer<typeof RoomList>;

/** `GET /rooms` query: the caller's rooms, by type, sorted, up to `max` (1–1000, default 100). */
export const ListRoomsQuery = z.object({
  teamId: z.optional(Id),
  type: z.optional(RoomType),
  orgPublicSpaces: z.optional(z.stringbool()),
  from: z.optional(DateTime),
  to: z.optional(DateTime),
  sortBy: z.optional(z.enum(['id', 'lastactivity', 'created'])),
  max: z.optional(Max(1000)),
});

/** `POST /memberships` body: `roomId` and exactly one of `personId`, `personEmail`. */
export const CreateMembershipRequest = z
  .object({
    roomId: Id,
    personId: z.optional(Id),
    personEmail: z.optional(Email),
    isModerator: z.optional(z.boolean()),
  })
  .check(
    z.refine((b) => (b.personId === undefined) !== (b.personEmail === undefined), {
      message: 'Give exactly one of personId or personEmail.',
    }),
  );
export type CreateMembershipRequest = z.input<typeof CreateMembershipRequest>;

/** A person's membership of a space (`Membership`). */
export const Membership = z.object({
  id: Id,
  roomId: Id,
  personId: Id,
  personEmail: z.string(),
  personDisplayName: z.optional(z.string()),
  personOrgId: z.optional(Id),
  isModerator: z.boolean(),
  isRoomHidden: z.optional(z.boolean()),
  roomType: z.optional(RoomType),
  isMonitor: z.optional(z.boolean()),
  created: DateTime,
});
export type Membership = z.infer<typeof Membership>;

/** `GET /memberships` → `MembershipCollectionResponse`. */
export const MembershipList = listOf(Membership);
export type MembershipList = z.infer<typeof MembershipList>;

/** `GET /memberships` query: `personId`/`personEmail` need `roomId`. */
export const ListMembershipsQuery = z
  .object({
    roomId: z.optional(Id),
    personId: z.optional(Id),
    personEmail: z.optional(Email),
    max: z.optional(Max(1000)),
  })
  .check(
    z.refine((q) => q.roomId || (!q.personId && !q.personEmail), {
      message: 'roomId is required with personId or personEmail.',
    }),
  );
