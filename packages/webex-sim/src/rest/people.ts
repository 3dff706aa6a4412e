import { ListPeopleQuery } from '@g2g/webex-spec/rest';
import { requireToken } from '../http/auth';
import { parseQuery } from '../http/schema-input';
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
    const person = world.identity.person(token.personId);
    if (!person) throw notFound('The person was not found.');
    return { status: 200, body: personView(world, person) };
  });

  // The list query (`GET /v1/people?id=a,b`): webex-core's person batcher
  // asks it with `showAllTypes` (ignored: every type is shown), and the stock
  // widget's roster resolves avatars through it. Unknown ids are listed in
  // `notFoundIds`. `?email=` and `?displayName=` (a prefix) search.
  r.get('/v1/people', (req) => {
    requireToken(world, req);
    const q = parseQuery(ListPeopleQuery, req.query);
    const max = q.max ?? 100;
    if (q.id) {
      const ids = q.id
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const found: Person[] = [];
      const notFoundIds: string[] = [];
      for (const id of ids) {
        const person = world.identity.person(uuidFromHydraId(id) ?? id);
        if (person) found.push(person);
        else notFoundIds.push(id);
      }
      return {
        status: 200,
        body: {
          items: found.slice(0, max).map((p) => personView(world, p)),
          ...(notFoundIds.length ? { notFoundIds } : {}),
        },
      };
    }
    const email = q.email?.toLowerCase();
    const prefix = q.displayName?.toLowerCase();
    const items = [...world.identity.allPeople()]
      .filter((p) => email === undefined || p.emails.some((e) => e.toLowerCase() === email))
      .filter((p) => prefix === undefined || p.displayName.toLowerCase().startsWith(prefix))
      .slice(0, max)
      .map((p) => personView(world, p));
    return { status: 200, body: { items } };
  });

  r.get('/v1/people/:id', (req, p) => {
    requireToken(world, req);
    const person = world.identity.person(uuidFromHydraId(p.id!) ?? '');
    if (!person) throw notFound('The person was not found.');
    return { status: 200, body: personView(world, person) };
  });
}
