import type { LocusEventType } from './locus-events';
import type { Meeting } from './types';

/** Things the outside world hears about: webhooks and Locus pushes. */
export type WorldEvent =
  | {
      type: 'webhook';
      resource: string;
      event: string;
      orgId: string;
      appClientId?: string;
      actorId: string;
      data: Record<string, unknown>;
    }
  | {
      type: 'locus';
      meeting: Meeting;
      eventType: LocusEventType;
      /** Participants told although they are no longer in (those this change sent away). */
      notify?: string[];
      /** A device that hears of this change in its HTTP answer instead (e.g. the joiner's). */
      answeredDevice?: string;
    };
