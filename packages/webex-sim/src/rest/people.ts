import { requireToken } from '../http/auth';
import { notFound } from '../http/errors';
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

  r.get('/v1/people/:id', (req, p) => {
    requireToken(world, req);
    const person = world.people.get(uuidFromHydraId(p.id!) ?? '');
    if (!person) throw notFound('The person was not found.');
    return { status: 200, body: personView(world, person) };
  });
}
