import { jsonBody } from '../http/body';
import { Router } from '../http/router';
import type { SimResponse } from '../http/types';
import { CONTROL_IMPLEMENTATIONS, type ControlDeps } from './control';
import {
  CONTROL_OPERATIONS,
  defaultReply,
  type AnyOperation,
  type OperationName,
  type WireAnswer,
} from './operations';

type AnyImplementation = (deps: ControlDeps, ...args: unknown[]) => unknown;

/** `/_sim/*`: the control API over HTTP, one route per declared operation (see the README). */
export function controlRoutes(deps: ControlDeps): Router {
  const r = new Router();
  for (const name of Object.keys(CONTROL_OPERATIONS) as OperationName[]) {
    const op = CONTROL_OPERATIONS[name] as AnyOperation;
    const run = CONTROL_IMPLEMENTATIONS[name] as AnyImplementation;
    r.add(op.method, op.path, async (req, params): Promise<SimResponse> => {
      const args = op.parse({ params, query: req.query, body: () => jsonBody(req) });
      const result = await run(deps, ...args);
      const answer: WireAnswer = op.reply ? op.reply(result, ...args) : defaultReply(result);
      return answer.body === undefined
        ? { status: answer.status }
        : { status: answer.status, body: answer.body };
    });
  }
  return r;
}
