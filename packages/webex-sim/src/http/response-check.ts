import { checkResponse, type Endpoint } from '@g2g/webex-spec/rest';
import { MESSAGES } from './errors';
import type { SimResponse } from './types';

/** An answer of the simulator's REST face that breaks the shared schemas. */
export interface ResponseViolation {
  method: string;
  /** The request path (no query). */
  path: string;
  status: number;
  /** The spec table's endpoint name, when the route is in it. */
  endpoint?: string;
  problems: string[];
}

/** Environment switch for {@link StartSimOptions.validateResponses}: `1` turns checking on. */
export const VALIDATE_ENV = 'WEBEX_SIM_VALIDATE_RESPONSES';

/** Whether checking is on when `startSim` is not told: from {@link VALIDATE_ENV}. */
export function validationFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  const v = env[VALIDATE_ENV]?.trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

/**
 * Holds every REST answer to `@g2g/webex-spec/rest` (strictly: no field the
 * spec lacks). A violating answer is replaced by a 500 whose envelope names
 * the problems, printed, and kept, so the test that caused it fails at the
 * call and `Sim.close()` fails the file even if the 500 was swallowed.
 */
export class ResponseChecker {
  readonly violations: ResponseViolation[] = [];

  private readonly instantConnectBase: string;

  constructor(instantConnectBase: string) {
    this.instantConnectBase = instantConnectBase.replace(/\/+$/, '');
  }

  /** The service a request path belongs to, and the path under it; undefined for non-REST paths. */
  private surface(path: string): { base: Endpoint['base']; path: string } | undefined {
    if (path.startsWith('/v1/')) return { base: 'rest', path: path.slice(3) };
    if (path.startsWith(`${this.instantConnectBase}/api/`)) {
      return { base: 'instantConnect', path: path.slice(this.instantConnectBase.length) };
    }
    return undefined;
  }

  /** Checks one answer; returns it, or the 500 that replaces it. */
  check(method: string, path: string, response: SimResponse, trackingId: string): SimResponse {
    const surface = this.surface(path);
    if (!surface || method === 'HEAD' || method === 'OPTIONS') return response;
    const verdict = checkResponse(
      method,
      surface.path,
      response.status,
      wireBody(response),
      surface.base,
    );
    if (verdict.problems.length === 0) return response;
    const violation: ResponseViolation = {
      method,
      path,
      status: response.status,
      ...(verdict.endpoint ? { endpoint: verdict.endpoint.name } : {}),
      problems: verdict.problems,
    };
    this.violations.push(violation);
    console.error(`[webex-sim] ${describeViolation(violation)}`);
    return {
      status: 500,
      body: {
        message: `${MESSAGES.serverError} (webex-sim: its ${response.status} answer to ${method} ${path} breaks the Webex REST spec; see @g2g/webex-spec/rest)`,
        errors: violation.problems.map((description) => ({ description })),
        trackingId,
      },
    };
  }
}

/** One line per violation, for logs and for the error `Sim.close()` throws. */
export function describeViolation(v: ResponseViolation): string {
  return `${v.method} ${v.path} → ${v.status}${v.endpoint ? ` (${v.endpoint})` : ''} breaks the spec: ${v.problems.join('; ')}`;
}

/** The body as a client reads it off the wire: JSON round-tripped, text as text. */
function wireBody(response: SimResponse): unknown {
  const { body } = response;
  if (body === undefined || Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return body;
  return JSON.parse(JSON.stringify(body)) as unknown;
}
