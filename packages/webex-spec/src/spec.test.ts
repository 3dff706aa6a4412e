import { describe, expect, it } from 'vitest';
import {
  DISPLAY_NAME_MAX,
  cleanDisplayName,
  discoveryEnv,
  discoveryFor,
  isHostInDomain,
  isWebexHost,
  isWebexTokenFormat,
  meetingInfoOutcome,
  sdkDirectMeetingInfoHost,
  tokenExpiresAt,
} from './index';

const b64url = (o: unknown) =>
  btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (claims: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }) =>
  `${b64url(header)}.${b64url(claims)}.sig`;

describe('display names', () => {
  it('cleans once: NFC, unsafe characters out, whitespace collapsed', () => {
    expect(cleanDisplayName('  Dr.\u202e  Ada\n\tLovelace\u200b ')).toEqual({
      ok: true,
      name: 'Dr. Ada Lovelace',
    });
    expect(cleanDisplayName('Cafe\u0301')).toEqual({ ok: true, name: 'Café' });
  });

  it('counts code points, not UTF-16 units', () => {
    const emoji = '😀'.repeat(DISPLAY_NAME_MAX); // 256 UTF-16 units
    expect(cleanDisplayName(emoji)).toEqual({ ok: true, name: emoji });
    const long = cleanDisplayName('é'.repeat(DISPLAY_NAME_MAX + 1));
    expect(long).toMatchObject({ ok: false, problem: 'too-long' });
    expect(!long.ok && long.message).toMatch(/at most 128 .* has 129/);
  });

  it('refuses what leaves nothing visible, and non-strings', () => {
    expect(cleanDisplayName(' \u200b\u0007 ')).toMatchObject({ ok: false, problem: 'empty' });
    expect(cleanDisplayName(42)).toMatchObject({ ok: false, problem: 'not-a-string' });
  });
});

describe('token format (webex-core getOrgId)', () => {
  it('accepts a JWT with a realm, and an opaque a_b_org token', () => {
    expect(isWebexTokenFormat(jwt({ realm: 'org-1' }))).toBe(true);
    // jws tolerates an empty signature.
    expect(isWebexTokenFormat(jwt({ realm: 'org-1' }).replace(/sig$/, ''))).toBe(true);
    expect(isWebexTokenFormat('abc_PF84_org-id')).toBe(true);
  });

  it('refuses what the SDK refuses', () => {
    expect(isWebexTokenFormat(jwt({ sub: 'no realm' }))).toBe(false);
    expect(isWebexTokenFormat('a.b')).toBe(false);
    expect(isWebexTokenFormat('just-a-string')).toBe(false);
    expect(isWebexTokenFormat('a_b')).toBe(false);
    expect(isWebexTokenFormat('')).toBe(false);
    expect(isWebexTokenFormat(undefined)).toBe(false);
  });

  it('reads the expiry of JWT-shaped tokens', () => {
    expect(tokenExpiresAt(jwt({ realm: 'o', exp: 100 }))).toBe(100_000);
    expect(tokenExpiresAt('a_b_c')).toBeUndefined();
  });
});

describe('Webex domains', () => {
  it('matches a domain and its subdomains, never a substring', () => {
    expect(isWebexHost('acme.webex.com')).toBe(true);
    expect(isWebexHost('webex.com')).toBe(true);
    expect(isWebexHost('meet.ciscospark.com')).toBe(true);
    expect(isWebexHost('ACME.WEBEX.COM')).toBe(true);
    for (const host of [
      'meet.notwebex.com',
      'acme.webex.community',
      'webex.com.evil.example',
      'evilwebex.com',
      'webex.co',
    ])
      expect(isWebexHost(host), host).toBe(false);
  });

  it('adds the integrator’s domains', () => {
    expect(isWebexHost('video.acme.example', ['acme.example'])).toBe(true);
    expect(isHostInDomain('a.b.example', '*.b.example')).toBe(true);
  });

  it('knows where the SDK posts meetingInfo for a SIP URI directly', () => {
    expect(sdkDirectMeetingInfoHost('123@acme.webex.com')).toBe('acme.webex.com');
    expect(sdkDirectMeetingInfoHost('someone@meet.notwebex.com')).toBe('meet.notwebex.com');
    expect(sdkDirectMeetingInfoHost('123@acme.sim.webex.com')).toBeNull();
    expect(sdkDirectMeetingInfoHost('123@meet.webex.com')).toBeNull();
    expect(sdkDirectMeetingInfoHost('x@a.ciscospark.com', 3)).toBeNull();
    expect(sdkDirectMeetingInfoHost('x@a.ciscospark.com', 2)).toBe('a.ciscospark.com');
  });
});

describe('discovery layout', () => {
  it('lays the three entry points out under one origin', () => {
    const d = discoveryFor('http://127.0.0.1:8787/');
    expect(d).toEqual({
      u2c: 'http://127.0.0.1:8787/u2c/api/v1',
      hydra: 'http://127.0.0.1:8787/v1',
      sqdiscovery: 'http://127.0.0.1:8787/region',
    });
    expect(discoveryEnv(d)).toMatchObject({
      U2C_SERVICE_URL: d.u2c,
      HYDRA_SERVICE_URL: d.hydra,
    });
  });
});

describe('meetingInfo codes', () => {
  it('reads codes as the SDK does', () => {
    expect(meetingInfoOutcome(404006)).toBe('not-found');
    expect(meetingInfoOutcome(403003)).toBe('join-before-host-not-yet');
    expect(meetingInfoOutcome(403036)).toBe('password-required');
    expect(meetingInfoOutcome(403038)).toBe('wrong-password');
    expect(meetingInfoOutcome(423005)).toBe('captcha-required');
    expect(meetingInfoOutcome(403049)).toBe('policy');
    expect(meetingInfoOutcome(403021)).toBe('webinar');
    expect(meetingInfoOutcome(undefined)).toBe('unknown');
  });
});
