import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hostJsonConcurrency } from '../../devhost/hostJsonConcurrency';

const FIELD = 'extensions.durableTask.maxConcurrentActivityFunctions';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'host-json-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hostJson(name: string, content: unknown): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const withActivities = (value: unknown): unknown => ({
  version: '2.0',
  extensions: { durableTask: { hubName: 'local', maxConcurrentActivityFunctions: value } },
});

describe('hostJsonConcurrency', () => {
  it("reads the repository's host.json by default", () => {
    const repoHostJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'host.json'), 'utf8')) as {
      extensions: { durableTask: { maxConcurrentActivityFunctions: number } };
    };

    expect(hostJsonConcurrency()).toEqual({
      maxConcurrentActivities: repoHostJson.extensions.durableTask.maxConcurrentActivityFunctions,
    });
  });

  it('reads the file it is given', () => {
    expect(hostJsonConcurrency(hostJson('seven', withActivities(7)))).toEqual({ maxConcurrentActivities: 7 });
  });

  it.each<[string, unknown]>([
    ['no extensions at all', { version: '2.0' }],
    ['no durableTask section', { version: '2.0', extensions: { http: {} } }],
    ['the field missing', withActivities(undefined)],
    ['zero', withActivities(0)],
    ['a negative count', withActivities(-4)],
    ['a fraction', withActivities(2.5)],
    ['a number as a string', withActivities('100')],
    ['null', withActivities(null)],
  ])('throws a RangeError naming the field and the file for %s', (name, content) => {
    const file = hostJson(name.replace(/\W+/g, '-'), content);

    const read = (): unknown => hostJsonConcurrency(file);

    expect(read).toThrow(RangeError);
    expect(read).toThrow(FIELD);
    expect(read).toThrow(file);
  });

  it('names the file when it is not JSON at all', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "extensions": ');

    const read = (): unknown => hostJsonConcurrency(file);

    expect(read).toThrow(SyntaxError);
    expect(read).toThrow(`${file}: not valid JSON`);
  });
});
