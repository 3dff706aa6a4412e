/**
 * A token source for `getAccessToken`: hands out the token already fetched
 * (so joining costs no second backend call), then asks `fetchNext` each time
 * the SDK needs a fresh one (expiry or a 401).
 */
export function firstThen(first: string, fetchNext: () => Promise<string>): () => Promise<string> {
  let pending: string | null = first;
  return async () => {
    if (pending) {
      const t = pending;
      pending = null;
      return t;
    }
    return fetchNext();
  };
}
