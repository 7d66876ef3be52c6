// The route table's own promises: one route per method and path, path params
// always checked by a schema, a refused check always has its 400, and the
// contract room imports nothing but zod, the domain and itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { needsKioskToken } from './kiosk-token-rule';
import { routeSchemas, type RouteSchemas } from './route-schemas';
import { routes, type AnyRoute, type RouteName } from './routes';

const table = Object.entries(routes) as [RouteName, AnyRoute][];
const schemasOf = (name: RouteName): RouteSchemas => (routeSchemas as Partial<Record<RouteName, RouteSchemas>>)[name] ?? {};

describe('route table', () => {
  test('each method and path is one route', () => {
    const keys = table.map(([, route]) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('every route with path params has a schema for them', () => {
    for (const [name, route] of table) {
      if (route.path.includes(':')) expect(schemasOf(name).params, name).toBeDefined();
    }
  });

  test('a route that checks its request can answer 400 invalid-request', () => {
    for (const [name, route] of table) {
      if (Object.keys(schemasOf(name)).length > 0) expect((route.status as Record<string, number>)['invalid-request'], name).toBe(400);
    }
  });

  test('the kiosk-token need follows the one rule; service routes need the service token instead', () => {
    for (const [name, route] of table) {
      expect(route.kioskToken, name).toBe(needsKioskToken(route.method, route.path));
      if (route.serviceToken) expect(route.path.startsWith('/api/service/'), name).toBe(true);
    }
    expect(routes.events.kioskToken).toBe('query');
  });
});

describe('the contract room', () => {
  test('imports only zod, device-bridge/domain/ and its own files', () => {
    const dir = import.meta.dirname;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, from] of source.matchAll(/from '([^']+)'/g)) {
        expect(from === 'zod' || from!.startsWith('./') || from!.startsWith('../domain/'), `${file} imports ${from}`).toBe(true);
      }
    }
  });
});
