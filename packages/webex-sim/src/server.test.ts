// A bug inside a route still gets an answer a browser can read.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Faults } from './faults';
import { Router } from './http/router';
import { RequestLog } from './requestLog';
import { SimServer } from './server';
import { World } from './world/world';

let server: SimServer;
let url: string;
beforeAll(async () => {
  const broken = new Router().get('/broken', () => {
    throw new Error('a simulator bug');
  });
  server = new SimServer({
    world: new World('server'),
    routers: [broken],
    faults: new Faults(),
    log: new RequestLog(),
    upgrades: [],
  });
  url = await server.listen(0, '127.0.0.1');
});
afterAll(() => new Promise<void>((r) => server.http.close(() => r())));

it('an internal error answers 500 with the CORS headers, an envelope and no stack', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  const res = await fetch(`${url}/broken`, { headers: { Origin: 'http://127.0.0.1:5173' } });
  expect(res.status).toBe(500);
  expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  const text = await res.text();
  expect(JSON.parse(text)).toMatchObject({ message: expect.any(String), errors: [{}] });
  expect(text).not.toContain('a simulator bug');
  expect(logged).toHaveBeenCalledWith('[webex-sim] internal error', expect.any(Error));
  logged.mockRestore();
});
