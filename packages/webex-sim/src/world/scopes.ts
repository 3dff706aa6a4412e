/** Scopes a guest-to-guest Service App holds (WEBEX-REFERENCE §3). */
export const G2G_SCOPES: readonly string[] = [
  'guest-meeting:rw',
  'meeting:schedules_read',
  'meeting:schedules_write',
  'meeting:preferences_read',
  'meeting:preferences_write',
  'guest-issuer:read',
  'guest-issuer:write',
  'spark:people_read',
  'spark:rooms_write',
  'spark:rooms_read',
  'spark:memberships_write',
];
