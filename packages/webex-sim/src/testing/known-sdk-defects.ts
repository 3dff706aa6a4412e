/**
 * Errors the real SDK raises against any cloud without a KMS, which the
 * browser tests tolerate by name (and only these). Each says why the
 * simulator cannot answer it away. Browser-safe.
 */
export interface KnownSdkDefect {
  id: string;
  why: string;
  /** Whether an error message, stack or log line is this defect. */
  matches(text: string): boolean;
}

export const KNOWN_SDK_DEFECTS: readonly KnownSdkDefect[] = [
  {
    id: 'webex@2.60.4 calendar KMS prefetch',
    why:
      "@webex/internal-plugin-calendar 2.60.4 calls encryption.kms.createUnboundKeys() on the SDK's " +
      '`ready` with no catch. A KMS answer needs an X.509-certified RSA key and JOSE ECDH over Mercury; ' +
      'the simulator has no KMS, so GET /encryption/api/v1/kms/<userId> fails and the SDK logs ' +
      '"kms: failed to …" and leaves the rejection unhandled. Meetings never use it.',
    matches: (text) =>
      text.includes('/encryption/api/v1/kms/') ||
      /\bkms: failed to (fetch KMS details|negotiate ephemeral key)/.test(text),
  },
];

/** Whether `text` is one of {@link KNOWN_SDK_DEFECTS}. */
export function isKnownSdkDefect(text: string): boolean {
  return KNOWN_SDK_DEFECTS.some((d) => d.matches(text));
}
