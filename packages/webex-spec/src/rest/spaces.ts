import { z } from 'zod';
import { DateTime, Email, Id, Max, listOf } from './common';

// All schemas here: public-spec/webex-messaging.json (`/rooms`, `/memberships`).
// The messaging spec marks no response field required. [observed] the fields
// required below are in every answer of its own examples and in every answer
// the simulator models on them; everything else stays optional.

export const RoomType = z.enum(['direct', 'group']);

/** `POST /rooms` body. */
export const CreateRoomRequest = z.object({
  title: z.string().min(1),
  teamId: Id.optional(),
  classificationId: z.string().optional(),
  isLocked: z.boolean().optional(),
  isPublic: z.boolean().optional(),
  description: z.string().optional(),
  isAnnouncementOnly: z.boolean().optional(),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;

/** A space (`Room`). */
export const Room = z.object({
  id: Id,
  title: z.string(),
  type: RoomType,
  isLocked: z.boolean(),
  teamId: Id.optional(),
  lastActivity: DateTime,
  creatorId: Id,
  created: DateTime,
  ownerId: Id.optional(),
  classificationId: z.string().optional(),
  isAnnouncementOnly: z.boolean().optional(),
  isReadOnly: z.boolean().optional(),
  isPublic: z.boolean().optional(),
  madePublic: DateTime.optional(),
  description: z.string().optional(),
});
export type Room = z.infer<typeof Room>;

/** `GET /rooms` → `RoomCollectionResponse`. */
export const RoomList = listOf(Room);
export type RoomList = z.infer<typeof RoomList>;

/** `GET /rooms` query: the caller's rooms, by type, sorted, up to `max` (1–1000, default 100). */
export const ListRoomsQuery = z.object({
  teamId: Id.optional(),
  type: RoomType.optional(),
  orgPublicSpaces: z.stringbool().optional(),
  from: DateTime.optional(),
  to: DateTime.optional(),
  sortBy: z.enum(['id', 'lastactivity', 'created']).optional(),
  max: Max(1000).optional(),
});

/** `POST /memberships` body: `roomId` and exactly one of `personId`, `personEmail`. */
export const CreateMembershipRequest = z
  .object({
    roomId: Id,
    personId: Id.optional(),
    personEmail: Email.optional(),
    isModerator: z.boolean().optional(),
  })
  .refine((b) => (b.personId === undefined) !== (b.personEmail === undefined), {
    message: 'Give exactly one of personId or personEmail.',
  });
export type CreateMembershipRequest = z.input<typeof CreateMembershipRequest>;

/** A person's membership of a space (`Membership`). */
export const Membership = z.object({
  id: Id,
  roomId: Id,
  personId: Id,
  personEmail: z.string(),
  personDisplayName: z.string().optional(),
  personOrgId: Id.optional(),
  isModerator: z.boolean(),
  isRoomHidden: z.boolean().optional(),
  roomType: RoomType.optional(),
  isMonitor: z.boolean().optional(),
  created: DateTime,
});
export type Membership = z.infer<typeof Membership>;

/** `GET /memberships` → `MembershipCollectionResponse`. */
export const MembershipList = listOf(Membership);
export type MembershipList = z.infer<typeof MembershipList>;

/** `GET /memberships` query: `personId`/`personEmail` need `roomId`. */
export const ListMembershipsQuery = z
  .object({
    roomId: Id.optional(),
    personId: Id.optional(),
    personEmail: Email.optional(),
    max: Max(1000).optional(),
  })
  .refine((q) => q.roomId || (!q.personId && !q.personEmail), {
    message: 'roomId is required with personId or personEmail.',
  });
