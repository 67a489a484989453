import { parseBicep, varObjectKeys } from '../helpers/bicep';

const SAMPLE = `targetScope = 'subscription'

// a comment with a 'quote' and { brace
@description('The hub\\'s id // not a comment')
@minLength(1)
param hubId string

@allowed([
  'A'
  'B'
])
@description('Mode.')
param mode string = 'A'

@description('Optional names.')
param names namesType?

/* block
   comment */
var settings = empty(mode)
  ? {}
  : {
      FIRST: hubId
      'SECOND_KEY': '\${mode}-{x}'
      NESTED: { INNER: 1 }
    }

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg'
  location: 'westeurope'
}

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'st'
}

module child 'app/child.bicep' = [for s in ['a']: {
  name: 'child-\${s}'
  params: {
    one: loadJsonContent('../x.json')
    two: {
      three: 3
    }
  }
}]

@description('Out.')
output OUT string = rg.name
`;

describe('parseBicep', () => {
  const file = parseBicep(SAMPLE);

  it('reads params with their decorators, types, defaults and descriptions', () => {
    expect(file.targetScope).toBe('subscription');
    expect(file.params.map((p) => [p.name, p.type, p.defaultValue, p.optional])).toEqual([
      ['hubId', 'string', undefined, false],
      ['mode', 'string', "'A'", true],
      ['names', 'namesType?', undefined, true],
    ]);
    expect(file.params[0]?.description).toBe("The hub's id // not a comment");
    expect(file.params[1]?.decorators).toHaveLength(2);
  });

  it('reads resources, existing references, modules with their params, outputs and loads', () => {
    expect(file.resources.map((r) => [r.type, r.apiVersion, r.existing])).toEqual([
      ['Microsoft.Resources/resourceGroups', '2021-04-01', false],
      ['Microsoft.Storage/storageAccounts', '2023-05-01', true],
    ]);
    expect(file.modules.map((m) => [m.name, m.path, m.params])).toEqual([
      ['child', 'app/child.bicep', ['one', 'two']],
    ]);
    expect(file.outputs.map((o) => [o.name, o.type, o.description])).toEqual([['OUT', 'string', 'Out.']]);
    expect(file.loads).toEqual([{ fn: 'loadJsonContent', path: '../x.json' }]);
  });

  it('reads the top-level keys of every object a var can evaluate to', () => {
    expect(varObjectKeys(file, 'settings')).toEqual(['FIRST', 'SECOND_KEY', 'NESTED']);
  });

  it('refuses text it does not understand instead of guessing', () => {
    expect(() => parseBicep("param x string = 'unterminated")).toThrow(/unterminated string/);
    expect(() => parseBicep('var x = {\n  a: 1\n')).toThrow(/unbalanced/);
    expect(() => parseBicep('something odd')).toThrow(/unexpected top-level text at line 1/);
    expect(() => parseBicep("@description('dangling')")).toThrow(/decorate nothing/);
  });
});
