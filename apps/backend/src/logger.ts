import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Log paths that may carry secrets. Nothing logs them on purpose; this is the
 * net under that rule (headers, token fields, keys) wherever they appear.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-spark-signature"]',
  'req.headers.cookie',
  'headers.authorization',
  '*.authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.password',
  '*.hostKey',
  '*.operatorKey',
  '*.encryptionKey',
  '*.capability',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'operatorKey',
];

/** The backend's pino logger, redacting {@link REDACT_PATHS}. */
export function createLogger(level: string, stream?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'g2g-backend' },
    },
    stream,
  );
}
