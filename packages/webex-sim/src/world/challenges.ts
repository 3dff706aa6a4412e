import type { WorldContext } from './context';

/** An open captcha challenge. */
export interface Captcha {
  id: string;
  code: string;
  meetingId: string;
  personId: string;
  created: number;
}

/**
 * What stands between a guest and a password-protected meeting: wrong
 * passwords counted per meeting and person, and the captchas demanded once
 * there are too many. A captcha answers once, right or wrong.
 */
export class Challenges {
  /** Wrong meetingInfo passwords per `${meetingId}|${personId}`. */
  private readonly failures = new Map<string, number>();
  private readonly captchas = new Map<string, Captcha>();

  constructor(private readonly ctx: WorldContext) {}

  clear(): void {
    this.failures.clear();
    this.captchas.clear();
  }

  passwordFailures(meetingId: string, personId: string): number {
    return this.failures.get(`${meetingId}|${personId}`) ?? 0;
  }

  /** Counts one more wrong password; returns the new count. */
  wrongPassword(meetingId: string, personId: string): number {
    const next = this.passwordFailures(meetingId, personId) + 1;
    this.failures.set(`${meetingId}|${personId}`, next);
    return next;
  }

  /** The right password resets the count. */
  passwordAccepted(meetingId: string, personId: string): void {
    this.failures.delete(`${meetingId}|${personId}`);
  }

  /** Whether this person must solve a captcha before trying this meeting's password again. */
  captchaRequired(meetingId: string, personId: string): boolean {
    return this.passwordFailures(meetingId, personId) >= this.ctx.options.captchaAfterFailures;
  }

  issueCaptcha(meetingId: string, personId: string): Captcha {
    const captcha: Captcha = {
      id: this.ctx.ids.uuid(),
      code: this.ctx.ids.captchaCode(),
      meetingId,
      personId,
      created: this.ctx.now(),
    };
    this.captchas.set(captcha.id, captcha);
    return captcha;
  }

  /** A challenge by id, without using it up (its image, audio, refresh and tests read it). */
  captcha(id: string): Captcha | undefined {
    return this.captchas.get(id);
  }

  /** Answers a challenge: it is used up whatever the answer. True when solved by its owner. */
  solve(id: string, meetingId: string, personId: string, answer: string | undefined): boolean {
    const c = this.captchas.get(id);
    this.captchas.delete(id);
    return !!c && c.meetingId === meetingId && c.personId === personId && c.code === answer;
  }

  /** Replaces a challenge with a new one for the same meeting and person (the refresh button). */
  refreshCaptcha(id: string): Captcha | undefined {
    const old = this.captchas.get(id);
    if (!old) return undefined;
    this.captchas.delete(id);
    return this.issueCaptcha(old.meetingId, old.personId);
  }

  /** Forgets a meeting's password counts (the meeting is gone). */
  forgetMeeting(meetingId: string): void {
    for (const k of this.failures.keys())
      if (k.startsWith(`${meetingId}|`)) this.failures.delete(k);
  }

  /** Drops captchas issued before `cutoff`. */
  prune(cutoff: number): void {
    for (const [k, c] of this.captchas) if (c.created < cutoff) this.captchas.delete(k);
  }
}
