import { badRequest } from '../http/errors';

const MINUTE = 60_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

// Building an Intl formatter costs far more than using one: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` from UTC at instant `at`, in ms (positive east of Greenwich). */
function offsetMs(at: number, tz: string): number {
  const parts = formatterFor(tz).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * Parses an ISO-8601 date-time and strips seconds, as Webex does. A value
 * without an offset is wall-clock time in `tz`.
 */
export function parseMeetingTime(value: string, field: string, tz: string): number {
  const m = ISO.exec(value);
  if (!m) throw badRequest(`${field} must be an ISO-8601 date-time, e.g. 2030-01-01T10:00:00Z.`);
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const d = new Date(wall);
  if (
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day ||
    d.getUTCHours() !== hour ||
    d.getUTCMinutes() !== minute
  ) {
    throw badRequest(`${field} is not a valid date-time.`);
  }
  const zone = m[7];
  if (zone === undefined) {
    const guess = wall - offsetMs(wall, tz);
    return wall - offsetMs(guess, tz);
  }
  if (zone === 'Z') return wall;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const off = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MINUTE;
  return wall - sign * off;
}

export function floorToMinute(at: number): number {
  return Math.floor(at / MINUTE) * MINUTE;
}

/** `2030-01-01T11:00:00+01:00` in `tz`, or `…Z` for UTC, as Webex renders meeting times. */
export function formatInZone(at: number, tz: string): string {
  const off = offsetMs(at, tz);
  const local = new Date(at + off).toISOString().slice(0, 19);
  if (off === 0) return `${local}Z`;
  const abs = Math.abs(off) / MINUTE;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${off < 0 ? '-' : '+'}${hh}:${mm}`;
}
