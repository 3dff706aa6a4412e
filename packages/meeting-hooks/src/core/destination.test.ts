import { describe, expect, it } from 'vitest';
import { MAX_DESTINATION_LENGTH, MEETING_NUMBER_DIGITS, parseDestination } from './destination';

const b64 = (s: string) => btoa(s);
const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const ROOM_UUID = '6b2e0f40-1f7c-11ef-8a2b-6f1d2c3b4a59';
const PERSON_UUID = '0c4ea7a1-3f35-4c8e-9d0e-2b8f6f9a1c2d';

describe('parseDestination: accepted destinations', () => {
  it.each([
    // meeting numbers: spaces, dashes, dots and typographic dashes are folded away
    ['2516 666 1234', 'MEETING_ID', '25166661234'],
    ['2516 666 123', 'MEETING_ID', '2516666123'], // 10 digits: the SDK would call this a phone number
    ['251 666 123', 'MEETING_ID', '251666123'],
    ['2516.666.1234', 'MEETING_ID', '25166661234'],
    ['2516\u2013666\u20131234', 'MEETING_ID', '25166661234'],
    ['  25166661234  ', 'MEETING_ID', '25166661234'],
    ['"2516 666 1234".', 'MEETING_ID', '25166661234'],
    // SIP URIs
    ['25166661234@example.webex.com', 'SIP_URI', '25166661234@example.webex.com'],
    ['sip:25166661234@example.webex.com', 'SIP_URI', '25166661234@example.webex.com'],
    ['SIPS:25166661234@Example.Webex.COM', 'SIP_URI', '25166661234@example.webex.com'],
    ['sip:jane.doe@acme.webex.com;transport=tls', 'SIP_URI', 'jane.doe@acme.webex.com'],
    ['<sip:room@meet.webex.com:5061>', 'SIP_URI', 'room@meet.webex.com'],
    ['25166661234@acme.ciscospark.com', 'SIP_URI', '25166661234@acme.ciscospark.com'],
    // meeting links
    ['https://acme.webex.com/meet/jane', 'MEETING_LINK', 'https://acme.webex.com/meet/jane'],
    [
      'https://acme.webex.com/acme/j.php?MTID=m1234567890abcdef',
      'MEETING_LINK',
      'https://acme.webex.com/acme/j.php?MTID=m1234567890abcdef',
    ],
    ['https://acme.webex.com/join/jane', 'MEETING_LINK', 'https://acme.webex.com/join/jane'],
    ['https://acme.webex.com/m/3f9a2c1e', 'MEETING_LINK', 'https://acme.webex.com/m/3f9a2c1e'],
    ['http://acme.webex.com/meet/jane#top', 'MEETING_LINK', 'https://acme.webex.com/meet/jane'],
    ['acme.webex.com/meet/jane', 'MEETING_LINK', 'https://acme.webex.com/meet/jane'],
    ['HTTPS://ACME.WEBEX.COM/meet/Jane', 'MEETING_LINK', 'https://acme.webex.com/meet/Jane'],
  ])('%j → %s %s', (input, type, value) => {
    expect(parseDestination(input)).toEqual({ ok: true, destination: { type, value } });
  });

  it('accepts the integrator’s extra Webex domains, for links and SIP addresses alike', () => {
    expect(parseDestination('https://acme.webex.example/meet/jane')).toMatchObject({
      ok: false,
      error: { reason: 'not-webex-url' },
    });
    expect(parseDestination('jane@video.webex.example')).toMatchObject({
      ok: false,
      error: { reason: 'not-webex-sip' },
    });
    const webexDomains = ['webex.example'];
    expect(parseDestination('https://acme.webex.example/meet/jane', { webexDomains })).toEqual({
      ok: true,
      destination: { type: 'MEETING_LINK', value: 'https://acme.webex.example/meet/jane' },
    });
    expect(parseDestination('jane@video.webex.example', { webexDomains })).toEqual({
      ok: true,
      destination: { type: 'SIP_URI', value: 'jane@video.webex.example' },
    });
  });

  it('reads phone shapes deliberately: grouped like a dial-in number is refused, the same digits ungrouped are a meeting number', () => {
    for (const phone of ['1-800-553-6387', '1 800 553 6387', '800 553 6387']) {
      const r = parseDestination(phone);
      expect(r).toMatchObject({ ok: false, error: { reason: 'phone-number' } });
      // The range the refusal names is the range the parser accepts.
      if (!r.ok)
        expect(r.error.message).toContain(
          `${MEETING_NUMBER_DIGITS.min} to ${MEETING_NUMBER_DIGITS.max} digits`,
        );
    }
    expect(parseDestination('18005536387')).toEqual({
      ok: true,
      destination: { type: 'MEETING_ID', value: '18005536387' },
    });
    expect(parseDestination('8005536387')).toMatchObject({ ok: true });
  });

  it('accepts exactly 9 to 11 digits, as its message says', () => {
    expect(parseDestination('123 456 789')).toMatchObject({ ok: true });
    expect(parseDestination('2516 666 1234')).toMatchObject({ ok: true });
    for (const n of ['12345678', '123456789012']) {
      const r = parseDestination(n);
      expect(r).toMatchObject({ ok: false, error: { reason: 'bad-meeting-number' } });
      if (!r.ok) expect(r.error.message).toMatch(/9 to 11 digits; this one has \d+/);
    }
  });
});

describe('parseDestination: space and person ids', () => {
  it.each([
    ['base64', b64(`ciscospark://us/ROOM/${ROOM_UUID}`)],
    ['base64url without padding', b64url(`ciscospark://us/ROOM/${ROOM_UUID}`)],
    ['raw ciscospark URI', `ciscospark://us/ROOM/${ROOM_UUID}`],
    ['another cluster', b64(`ciscospark://urn:TEAM:eu-central-1_k/ROOM/${ROOM_UUID}`)],
    ['webexteams deep link', `webexteams://im?space=${ROOM_UUID}`],
  ])('a room id (%s) is space-id-not-supported with Webex code 30105', (_label, input) => {
    const result = parseDestination(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('space-id-not-supported');
    expect(result.error.webexCode).toBe(30105);
    expect(result.error.message).toMatch(/meeting number, SIP address or meeting link/);
    expect(result.error.message).toMatch(/Migration-to-Unified-Space-Meetings/);
  });

  it('a person id is refused: calling a person needs a licensed caller', () => {
    const result = parseDestination(b64(`ciscospark://us/PEOPLE/${PERSON_UUID}`));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-destination', reason: 'person-id' },
    });
    if (!result.ok) expect(result.error.message).toMatch(/licensed/);
  });

  it('other Hydra ids say what they are', () => {
    const result = parseDestination(b64(`ciscospark://us/MESSAGE/${PERSON_UUID}`));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-destination', reason: 'unsupported-hydra-id' },
    });
    if (!result.ok) expect(result.error.message).toMatch(/message id/);
  });

  it('a base64 string that is not a Hydra id is not mistaken for one', () => {
    expect(parseDestination(b64('hello world, not a hydra id'))).toMatchObject({
      ok: false,
      error: { reason: 'unrecognised' },
    });
  });
});

describe('parseDestination: rejected input', () => {
  it.each([
    ['', 'empty'],
    ['   \t ', 'empty'],
    ['\n\n', 'empty'],
    ['2516\u0000666', 'control-characters'],
    ['2516\u200b6661234', 'control-characters'],
    ['acme\u202e.webex.com/meet/x', 'control-characters'],
    ['1'.repeat(MAX_DESTINATION_LENGTH + 1), 'too-long'],
    ['javascript:alert(1)', 'unsafe-scheme'],
    ['JavaScript://%0aalert(1)', 'unsafe-scheme'],
    ['data:text/html,<script>alert(1)</script>', 'unsafe-scheme'],
    ['file:///etc/passwd', 'unsafe-scheme'],
    ['ftp://acme.webex.com/meet/x', 'unsafe-scheme'],
    ['mailto:jane@acme.com', 'unsafe-scheme'],
    ['tel:+14085551234', 'unsafe-scheme'],
    ['https://example.com/meet/jane', 'not-webex-url'],
    // the SDK only checks hostname.includes('webex.com'): these would pass there
    ['https://evilwebex.com/meet/jane', 'not-webex-url'],
    ['https://acme.webex.com.evil.example/meet/jane', 'not-webex-url'],
    ['https://user:pw@acme.webex.com/meet/jane', 'not-webex-url'],
    // the SDK matches pathname.includes('/m'): '/marketing' is not a meeting link
    ['https://www.webex.com/marketing', 'not-meeting-link'],
    ['https://acme.webex.com/', 'not-meeting-link'],
    ['https://', 'malformed-url'],
    ['+1 408 555 1234', 'phone-number'],
    // Grouped as a North American phone number, not as Webex prints meeting numbers (4-3-4, 3-3-3)
    ['1-800-553-6387', 'phone-number'],
    ['800-553-6387', 'phone-number'],
    ['408.555.1234', 'phone-number'],
    ['(408) 555-1234', 'phone-number'],
    ['1 (800) 553-6387', 'phone-number'],
    // SIP lookalikes: the SDK would POST meetingInfo, with the guest's token, to these hosts
    ['someone@meet.notwebex.com', 'not-webex-sip'],
    ['someone@acme.webex.community', 'not-webex-sip'],
    ['sip:1234@acme.webex.com.evil.example', 'not-webex-sip'],
    ['jane@acme.com', 'not-webex-sip'],
    ['1234', 'bad-meeting-number'],
    ['123456789012345', 'bad-meeting-number'],
    ['12345678', 'bad-meeting-number'],
    ['2516 666 12a4', 'unrecognised'],
    ['@acme.webex.com', 'bad-sip-uri'],
    ['jane@', 'bad-sip-uri'],
    ['jane@localhost', 'bad-sip-uri'],
    ['jane@acme..com', 'bad-sip-uri'],
    ['jane doe@acme.com', 'bad-sip-uri'],
    ['sip:acme.webex.com', 'bad-sip-uri'],
    [ROOM_UUID, 'bare-uuid'],
    ['join my meeting', 'unrecognised'],
  ])('%j is invalid-destination (%s)', (input, reason) => {
    const result = parseDestination(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-destination');
    expect(result.error.reason).toBe(reason);
    // Messages are for people: a sentence, no stack, and never echoing a huge input.
    expect(result.error.message.length).toBeGreaterThan(20);
    expect(result.error.message.length).toBeLessThan(300);
    expect(result.error.retryable).toBe(false);
  });

  it('a non-string from untyped callers is an error, not a crash', () => {
    expect(parseDestination(undefined as unknown as string)).toMatchObject({
      ok: false,
      error: { code: 'invalid-destination', reason: 'not-a-string' },
    });
  });
});
