import { requireToken } from '../http/auth';
import { badRequest, notFound } from '../http/errors';
import type { Router } from '../http/router';
import { hydraId, uuidFromHydraId } from '../ids';
import type { Person } from '../world/types';
import type { World } from '../world/world';

/** A person as `/v1/people` shows them (Hydra ids, ISO dates). */
export function personView(world: World, p: Person) {
  return {
    id: hydraId('PEOPLE', p.id),
    emails: p.emails,
    displayName: p.displayName,
    nickName: p.displayName.split(' ')[0],
    orgId: hydraId('ORGANIZATION', p.orgId),
    created: world.clock.iso(p.created),
    type: p.type,
  };
}

export function peopleRoutes(r: Router, world: World): void {
  // Guests and Service Apps are `appuser`s: the SDK's register() calls this too.
  r.get('/v1/people/me', (req) => {
    const token = requireToken(world, req);
    const person = world.people.get(token.personId);
    if (!person) throw notFound('The person was not found.');
    return { status: 200, body: personView(world, person) };
  });

  // The list query (`GET /v1/people?id=a,b`): webex-core's person batcher
  // asks it with `showAllTypes`, and the stock widget's roster resolves
  // avatars through it. Unknown ids are listed in `notFoundIds`.
  r.get('/v1/people', (req) => {
    requireToken(world, req);
    const ids = (req.query.get('id') ?? '').split(',').filter(Boolean);
    const email = req.query.get('email');
    if (!ids.length && !email) throw badRequest('Give id or email to list people.');
    if (ids.length > 85) throw badRequest('id lists at most 85 people.');
    const found = ids.map((id) => ({ id, person: world.people.get(uuidFromHydraId(id) ?? id) }));
    const items = email
      ? [world.findPersonByEmail(email)].filter((x): x is Person => !!x)
      : found.flatMap((f) => (f.person ? [f.person] : []));
    const notFoundIds = found.filter((f) => !f.person).map((f) => f.id);
    return {
      status: 200,
      body: {
        items: items.map((x) => personView(world, x)),
        ...(notFoundIds.length ? { notFoundIds } : {}),
      },
    };
  });

  r.get('/v1/people/:id', (req, p) => {
    requireToken(world, req);
    const person = world.people.get(uuidFromHydraId(p.id!) ?? '');
    if (!person) throw notFound('The person was not found.');
    return { status: 200, body: personView(world, person) };
  });
}
