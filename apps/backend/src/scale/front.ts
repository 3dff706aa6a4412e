// A small round-robin front for local scale-out and tests: each request goes
// to the next replica; one that refuses the connection (stopped, killed) is
// skipped for the next. Not a production load balancer: no health checks
// beyond that, no TLS. It sets X-Forwarded-For like one would.
import http from 'node:http';

export interface Front {
  url: string;
  /** Replaces the replicas requests go to (base URLs). */
  setTargets(targets: string[]): void;
  close(): Promise<void>;
}

export async function startFront(
  options: { port?: number; host?: string; targets?: string[] } = {},
): Promise<Front> {
  let targets = (options.targets ?? []).map((t) => new URL(t));
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const tried = new Set<number>();
    const attempt = () => {
      if (targets.length === 0 || tried.size >= targets.length) {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'no-replica', message: 'No replica answered.' }));
        return;
      }
      let i = next++ % targets.length;
      while (tried.has(i)) i = (i + 1) % targets.length;
      tried.add(i);
      const target = targets[i]!;
      const upstream = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            host: target.host,
            'x-forwarded-for': req.socket.remoteAddress ?? '',
          },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // Refused before anything was sent: another replica can take it.
        if (!res.headersSent && (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET')) {
          attempt();
          return;
        }
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end();
      });
      upstream.end(body);
    };
    attempt();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) =>
    server.listen(
      { port: options.port ?? 0, host: options.host ?? '127.0.0.1', backlog: 4096 },
      resolve,
    ),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    setTargets(t) {
      targets = t.map((x) => new URL(x));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
