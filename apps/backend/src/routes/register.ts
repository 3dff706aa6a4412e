import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { OperatorIdentity } from '../auth';
import { ROUTES, type RouteName, type Routes } from '../contract';
import { parseOr400 } from '../http-errors';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route handler gets: its validated params and body, and who is calling. */
export interface RouteInput<N extends RouteName> {
  params: Routes[N] extends { params: infer P } ? Out<P> : undefined;
  body: Routes[N] extends { body: infer B } ? Out<B> : undefined;
  /** Set on `operator` routes: the tenant the key belongs to. */
  operator: Routes[N]['auth'] extends 'operator' ? OperatorIdentity : undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** What a handler answers: the contract's response (streams answer through `reply`). */
export type RouteOutput<N extends RouteName> = Routes[N]['response'] extends z.ZodType
  ? z.input<Routes[N]['response']>
  : void;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which credential the route needs (`contract.ts`); the auth hook reads it. */
    auth?: Routes[RouteName]['auth'];
  }
  interface FastifyRequest {
    operator?: OperatorIdentity;
  }
}

/**
 * Registers one route of the contract: validates params and body with its
 * schemas (a 400 naming the field), runs the handler, checks the answer
 * against the response schema and sends it with the contract's status. A
 * handler can only compile if it returns what the contract says.
 */
export function serve<N extends RouteName>(
  app: FastifyInstance,
  name: N,
  handler: (input: RouteInput<N>) => Promise<RouteOutput<N>>,
  options: RouteShorthandOptions = {},
): void {
  const spec = ROUTES[name];
  app.route({
    ...options,
    method: spec.method,
    url: spec.path,
    config: { ...(options.config ?? {}), auth: spec.auth },
    handler: async (req, reply) => {
      const params = 'params' in spec ? parseOr400(spec.params, req.params, 'path') : undefined;
      const body = 'body' in spec ? parseOr400(spec.body, req.body ?? {}, 'body') : undefined;
      const result = await handler({
        params,
        body,
        operator: req.operator,
        req,
        reply,
      } as RouteInput<N>);
      if (spec.response === 'stream') return reply;
      const checked = (spec.response as z.ZodType).safeParse(result);
      if (!checked.success) {
        // A bug on our side: never send what the contract does not describe.
        req.log.error(
          { route: name, issues: checked.error.issues.slice(0, 3) },
          'answer off contract',
        );
        throw new Error(`The ${name} answer does not match the contract.`);
      }
      return reply.status(spec.status).send(checked.data);
    },
  });
}
