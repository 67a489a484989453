import { matchRoute } from '../../devhost/matchRoute';

describe('matchRoute (Functions route templates)', () => {
  it.each([
    ['plans', 'plans', {}],
    ['plans', 'Plans', {}],
    ['migrations/{id}', 'migrations/migration-1a2b', { id: 'migration-1a2b' }],
    ['migrations/{id}/approve', 'migrations/a%20b/approve', { id: 'a b' }],
    ['items/{id?}', 'items', {}],
    ['items/{id:int}', 'items/42', { id: '42' }],
    ['files/{*path}', 'files/a/b/c', { path: 'a/b/c' }],
  ])("'%s' matches '%s'", (template, path, params) => {
    expect(matchRoute(template, path)).toEqual(params);
  });

  it.each([
    ['plans', 'plans/x'],
    ['migrations/{id}', 'migrations'],
    ['migrations/{id}/approve', 'migrations/x/reject'],
    ['items/{id:int}', 'items/abc'],
  ])("'%s' does not match '%s'", (template, path) => {
    expect(matchRoute(template, path)).toBeUndefined();
  });
});
