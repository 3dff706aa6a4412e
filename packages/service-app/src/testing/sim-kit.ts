// Helpers for this package's tests: a real simulator over loopback HTTP, no mocks of Webex.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { joinOverHttp, type ProvisionedApp, type Sim } from '@g2g/webex-sim';
import type { Logger } from '../logger';

export type App = ProvisionedApp & { tokens: NonNullable<ProvisionedApp['tokens']> };

/** The token response shape, from a provisioned app's tokens. */
export function tokenResponse(t: App['tokens']) {
  return {
    access_token: t.accessToken,
    expires_in: t.expiresIn,
    refresh_token: t.refreshToken,
    refresh_token_expires_in: t.refreshTokenExpiresIn,
  };
}

/** A logger that keeps every line, for assertions on retry counts and for secret scans. */
export function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

/** Whole-minute ISO time `minutes` from the simulator's now. */
export function simMinutes(sim: Sim, minutes: number): string {
  const t = Math.ceil(sim.control.now() / 60_000) * 60_000 + minutes * 60_000;
  return new Date(t).toISOString();
}

/**
 * Joins a meeting through the simulator's SDK face, as the browser SDK would
 * (device → meetingInfo → Locus participant), so a meeting goes
 * `inProgress` without a browser.
 */
export async function joinThroughLocus(
  sim: Sim,
  guestToken: string,
  meetingNumber: string,
  password: string | undefined,
  alias = 'Guest',
): Promise<void> {
  await joinOverHttp({
    url: sim.url,
    token: guestToken,
    meetingNumber,
    ...(password ? { password } : {}),
    alias,
    listen: false,
  });
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/**
 * A loopback HTTP endpoint whose requests go to `handle` with their raw bytes;
 * the status it returns is answered.
 */
export async function rawEndpoint(handle: (d: Delivery) => Promise<number>) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle({ headers: req.headers, raw: Buffer.concat(chunks) })
        .then((status) => res.writeHead(status).end())
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
