const CRUD = ['created', 'updated', 'deleted', 'all'];

/** Resource → events Webex accepts for a webhook. */
export const WEBHOOK_EVENTS: Readonly<Record<string, readonly string[]>> = {
  all: ['all'],
  serviceApp: ['authorized', 'deauthorized'],
  meetings: ['created', 'updated', 'deleted', 'started', 'ended', 'all'],
  meetingParticipants: ['joined', 'left', 'all'],
  recordings: ['created', 'updated', 'deleted', 'all'],
  messages: CRUD,
  memberships: CRUD,
  rooms: ['created', 'updated', 'all'],
  attachmentActions: ['created', 'all'],
};

/** Why a resource/event pair is refused, or undefined when Webex accepts it. */
export function invalidPair(resource: string, event: string): string | undefined {
  const events = WEBHOOK_EVENTS[resource];
  if (!events) {
    return `resource must be one of ${Object.keys(WEBHOOK_EVENTS).join(', ')}.`;
  }
  if (!events.includes(event))
    return `event for resource ${resource} must be one of ${events.join(', ')}.`;
  return undefined;
}

/**
 * The firehose (`all`/`all`) leaves out meeting starts and ends: those go
 * only to webhooks registered for them (WEBEX-REFERENCE §3).
 */
export function firehoseCarries(resource: string, event: string): boolean {
  return !(resource === 'meetings' && (event === 'started' || event === 'ended'));
}

/** `key=value&key=value` filters; returns the pairs, or undefined when malformed. */
export function parseFilter(filter: string): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  for (const part of filter.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      pairs.push([decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}
