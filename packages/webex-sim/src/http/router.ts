import type { Handler, Params } from './types';

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * A tiny path router: `/v1/meetings/:id` style patterns, exact segments, and
 * a trailing `*` that swallows the rest (for sink endpoints).
 */
export class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  get(p: string, h: Handler) {
    return this.add('GET', p, h);
  }
  post(p: string, h: Handler) {
    return this.add('POST', p, h);
  }
  put(p: string, h: Handler) {
    return this.add('PUT', p, h);
  }
  delete(p: string, h: Handler) {
    return this.add('DELETE', p, h);
  }
  patch(p: string, h: Handler) {
    return this.add('PATCH', p, h);
  }

  /** Finds the handler for a request. `methodMismatch` means the path exists with other methods. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Params } | { methodMismatch: boolean } {
    const parts = split(path);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase() || (route.method === 'GET' && method === 'HEAD')) {
        return { handler: route.handler, params };
      }
      pathKnown = true;
    }
    return { methodMismatch: pathKnown };
  }
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function matchSegments(pattern: string[], parts: string[]): Params | undefined {
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i]!;
    if (seg === '*') {
      params['*'] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) {
      return undefined;
    }
  }
  return parts.length === pattern.length ? params : undefined;
}
