/**
 * The logging surface this package writes to: pino's call shape
 * (`logger.info(fields, message)`), so a pino or Fastify logger can be passed
 * as it is. Fields never contain tokens, secrets or request bodies.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
