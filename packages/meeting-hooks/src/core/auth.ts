import { tokenExpiresAt } from '@g2g/webex-spec';
import { JoinError } from './errors';
import type { SdkCredentials } from './sdk-types';

/**
 * An access token, optionally with when it expires (ms since epoch, or a Date).
 * @public
 */
export type AccessTokenValue = string | { accessToken: string; expiresAt?: number | Date };

/** A token and its expiry, when known. */
export interface ResolvedToken {
  value: string;
  expiresAt: number | undefined;
}

/** Reads the token and its expiry: given explicitly, or the JWT `exp` claim of guest tokens. */
export function resolveToken(value: AccessTokenValue): ResolvedToken {
  const token = typeof value === 'string' ? { accessToken: value } : value;
  if (!token?.accessToken || typeof token.accessToken !== 'string') {
    throw new JoinError('token-invalid', 'No access token was provided.');
  }
  const given = token.expiresAt;
  const expiresAt = given !== undefined ? +given : tokenExpiresAt(token.accessToken);
  return { value: token.accessToken, expiresAt };
}

// The SDK only calls `refreshCallback` for a token that has a refresh token.
// Guests have none: this placeholder makes the SDK ask us, and we ask
// `getAccessToken`. It is never sent anywhere.
const RENEW_VIA_CALLBACK = 'g2g-renew-via-getAccessToken';

/** `Webex.init({credentials})` attributes for a token. */
export function toSdkCredentials(token: ResolvedToken, renewable: boolean): SdkCredentials {
  const credentials: SdkCredentials = { access_token: token.value, token_type: 'Bearer' };
  if (token.expiresAt !== undefined) {
    credentials.expires_in = Math.max(1, Math.floor((token.expiresAt - Date.now()) / 1000));
  }
  if (renewable) credentials.refresh_token = RENEW_VIA_CALLBACK;
  return credentials;
}
