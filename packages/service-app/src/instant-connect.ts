import {
  INSTANT_CONNECT_AUD,
  JoseEncryptResponse,
  type JoseEncryptRequest,
} from '@g2g/webex-spec/rest';
import { InvalidInputError } from './errors';
import type { WebexHttpClient } from './http-client';

/** The audience mtg-broker expects. */
export { INSTANT_CONNECT_AUD };
/** Webex's Instant Connect broker. */
export const DEFAULT_INSTANT_CONNECT_URL = 'https://mtg-broker-a.wbx2.com';
/** Where long-form links point. */
export const DEFAULT_INSTANT_CONNECT_LINK_BASE = 'https://instant.webex.com';

/** Input of {@link InstantConnectApi.createLinks}. */
export interface InstantConnectInput {
  /** Unique per meeting (derive it from your own ids). */
  subject: string;
  /** `gen` (general) or `hc` (healthcare, Webex's default). */
  verticalType?: 'gen' | 'hc';
  /** Short links (`baseUrl + short`) instead of long ones. */
  short?: boolean;
  /** Host short links go through a login page; default true. */
  loginUrlForHost?: boolean;
  numHost?: number;
  numGuest?: number;
  /** Validity window, epoch seconds (default now … +15 min, decided by Webex). */
  notBefore?: number;
  expiresAt?: number;
}

/** Host and guest links. */
export interface InstantConnectLinks {
  host: string[];
  guest: string[];
}

type Cipher = JoseEncryptResponse['host'][number];

/**
 * Instant Connect: host and guest links from `joseencrypt`, short
 * (`baseUrl + short`) or long (`…/{vertical}/v1/login|talk?int=jose&v=1&data=…`).
 */
export class InstantConnectApi {
  private readonly brokerUrl: string;
  private readonly linkBase: string;

  constructor(
    private readonly http: WebexHttpClient,
    options: { brokerUrl?: string; linkBase?: string } = {},
  ) {
    this.brokerUrl = (options.brokerUrl ?? DEFAULT_INSTANT_CONNECT_URL).replace(/\/+$/, '');
    this.linkBase = (options.linkBase ?? DEFAULT_INSTANT_CONNECT_LINK_BASE).replace(/\/+$/, '');
  }

  async createLinks(orgId: string, input: InstantConnectInput): Promise<InstantConnectLinks> {
    const numHost = input.numHost ?? 1;
    const numGuest = input.numGuest ?? 1;
    if (numHost < 0 || numGuest < 0 || numHost + numGuest < 1 || numHost + numGuest > 25) {
      throw new InvalidInputError('numGuest', 'numHost + numGuest must be 1–25.');
    }
    if (!input.subject || input.subject.length > 1024) {
      throw new InvalidInputError('subject', 'subject must be 1–1024 characters.');
    }
    const vertical = input.verticalType ?? 'hc';
    const login = input.loginUrlForHost ?? true;
    const json: JoseEncryptRequest = {
      aud: INSTANT_CONNECT_AUD,
      jwt: {
        sub: input.subject,
        ...(input.notBefore !== undefined ? { nbf: input.notBefore } : {}),
        ...(input.expiresAt !== undefined ? { exp: input.expiresAt } : {}),
      },
      provideShortUrls: input.short ?? false,
      verticalType: vertical,
      loginUrlForHost: login,
      numHost,
      numGuest,
    };
    const res = await this.http.request({
      method: 'POST',
      path: `${this.brokerUrl}/api/v2/joseencrypt`,
      json,
      auth: { kind: 'org', orgId },
      idempotent: true,
      schema: JoseEncryptResponse,
    });
    const { baseUrl } = res.body;
    const link = (c: Cipher, role: 'host' | 'guest') =>
      input.short && c.short && baseUrl
        ? `${baseUrl}${c.short}`
        : `${this.linkBase}/${vertical}/v1/${role === 'host' && login ? 'login' : 'talk'}?int=jose&v=1&data=${encodeURIComponent(c.cipher)}`;
    return {
      host: res.body.host.map((c) => link(c, 'host')),
      guest: res.body.guest.map((c) => link(c, 'guest')),
    };
  }
}
