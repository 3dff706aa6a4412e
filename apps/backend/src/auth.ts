import type { FastifyRequest } from 'fastify';
import { safeEqual } from './crypto';
import { ApiError } from './http-errors';
import { bearerHeader } from './schemas';

/** The bearer token of a request, or undefined when the header is absent or malformed. */
export function bearer(req: FastifyRequest): string | undefined {
  const raw = req.headers.authorization;
  if (typeof raw !== 'string') return undefined;
  const parsed = bearerHeader.safeParse(raw);
  return parsed.success ? parsed.data.slice('Bearer '.length) : undefined;
}

/** Operator routes: `Authorization: Bearer <operator key>`, compared in constant time. */
export function requireOperator(operatorKey: string) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = bearer(req);
    if (!token || !safeEqual(token, operatorKey)) {
      throw new ApiError(401, 'unauthorized', 'This route needs the operator API key.');
    }
  };
}
