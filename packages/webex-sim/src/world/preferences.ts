import type { SchedulingOptions } from './types';

/**
 * Per-org meeting preferences. An org without an entry has Webex's
 * defaults; join before host is off, as on a fresh Webex site, so a caller
 * that wants meetings nobody hosts has to turn it on first.
 */
export class Preferences {
  private readonly scheduling = new Map<string, SchedulingOptions>();

  clear(): void {
    this.scheduling.clear();
  }

  /** A copy: callers cannot change an org's preferences by editing it. */
  schedulingOptions(orgId: string): SchedulingOptions {
    const stored = this.scheduling.get(orgId);
    return stored
      ? { ...stored, delegateEmails: [...stored.delegateEmails] }
      : {
          enabledJoinBeforeHost: false,
          joinBeforeHostMinutes: 0,
          enabledAutoShareRecording: false,
          enabledWebexAssistantByDefault: false,
          delegateEmails: [],
        };
  }

  setSchedulingOptions(orgId: string, patch: Partial<SchedulingOptions>): SchedulingOptions {
    this.scheduling.set(orgId, { ...this.schedulingOptions(orgId), ...patch });
    return this.schedulingOptions(orgId);
  }

  /** Orgs that changed any preference (tests check a refused change stored nothing). */
  get size(): number {
    return this.scheduling.size;
  }
}
