// Slow clients: a request that dribbles its headers or its body is cut off
// by the server, however patiently the client keeps sending. Bounds are the
// backend's own (set small here); nothing asserts how fast.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { backendPerFile } from './testing/harness';

const env = backendPerFile(
  { seed: 'backend-slowloris' },
  { timeouts: { headersMs: 400, requestMs: 1_200, idleMs: 5_000, keepAliveMs: 1_000 }, simOrgs: 1 },
);

/** Opens a socket, sends `head`, then one `drip` every 50 ms until the server closes it. */
function dribble(head: string, drip: string) {
  return new Promise<{ answer: string; drips: number }>((resolve) => {
    const socket = connect(Number(new URL(env.t.backend.url).port), '127.0.0.1');
    let answer = '';
    let drips = 0;
    const timer = setInterval(() => {
      if (socket.writable) {
        socket.write(drip);
        drips++;
      }
    }, 50);
    socket.on('data', (c) => (answer += c.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, drips });
    });
    socket.write(head);
  });
}

describe('slowloris', () => {
  it(
    'headers that never end: the server answers 408 and closes the socket',
    { timeout: 60_000 },
    async () => {
      const { answer, drips } = await dribble(
        'GET /healthz HTTP/1.1\r\nHost: x\r\n',
        'X-Slow: 1\r\n',
      );
      expect(drips).toBeGreaterThan(0);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    },
  );

  it(
    'a body that never ends: the server gives up on the request and closes the socket',
    { timeout: 60_000 },
    async () => {
      const { answer } = await dribble(
        `POST /api/consultations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${env.t.backend.operatorKey}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"title":"`,
        'a',
      );
      // Either Node's own 408 or nothing at all: the point is that the socket was closed.
      expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
    },
  );

  it('ordinary requests are unaffected', async () => {
    expect((await env.t.call('GET', '/healthz')).status).toBe(200);
  });
});
