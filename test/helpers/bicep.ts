import { readFileSync } from 'node:fs';

/**
 * A small Bicep reader for consistency tests (there is no Bicep compiler here). It
 * understands top-level declarations only: decorators, `param`, `var`, `type`,
 * `resource`, `module`, `output`, plus object-literal keys and load*Content paths.
 * Nested child resources and expressions are not interpreted. It fails loudly on
 * unbalanced brackets or strings rather than guessing.
 */

export interface BicepDeclaration {
  keyword:
    | 'param'
    | 'var'
    | 'type'
    | 'resource'
    | 'module'
    | 'output'
    | 'targetScope'
    | 'metadata'
    | 'import'
    | 'func';
  name: string;
  /** the whole declaration, comments blanked */
  text: string;
  decorators: string[];
  description: string | undefined;
  line: number;
}

export interface BicepParam extends BicepDeclaration {
  type: string;
  /** source text of the default value, if any */
  defaultValue: string | undefined;
  /** `type?` or a default makes a parameter optional */
  optional: boolean;
}

export interface BicepResource extends BicepDeclaration {
  type: string;
  apiVersion: string;
  existing: boolean;
}

export interface BicepModule extends BicepDeclaration {
  path: string;
  /** keys of the `params: { ... }` object */
  params: string[];
}

export interface BicepOutput extends BicepDeclaration {
  type: string;
}

export interface BicepFile {
  path: string;
  /** source with comments replaced by spaces (strings intact) */
  code: string;
  targetScope: string;
  declarations: BicepDeclaration[];
  params: BicepParam[];
  vars: BicepDeclaration[];
  types: BicepDeclaration[];
  resources: BicepResource[];
  modules: BicepModule[];
  outputs: BicepOutput[];
  /** loadJsonContent/loadTextContent/loadFileAsBase64 paths, as written */
  loads: { fn: string; path: string }[];
}

const KEYWORDS = new Set([
  'param',
  'var',
  'type',
  'resource',
  'module',
  'output',
  'targetScope',
  'metadata',
  'import',
  'func',
]);

/** Replaces comments with spaces, keeping offsets and line numbers. */
export function stripComments(source: string): string {
  const out = source.split('');
  let i = 0;
  while (i < source.length) {
    if (source.startsWith("'''", i)) {
      const end = source.indexOf("'''", i + 3);
      if (end < 0) throw new Error(`unterminated multi-line string at offset ${i}`);
      i = end + 3;
    } else if (source[i] === "'") {
      i = endOfString(source, i);
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') out[i++] = ' ';
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`unterminated block comment at offset ${i}`);
      for (let j = i; j < end + 2; j++) if (out[j] !== '\n') out[j] = ' ';
      i = end + 2;
    } else {
      i++;
    }
  }
  return out.join('');
}

/** Offset just past the single-quoted string starting at `start`. */
function endOfString(code: string, start: number): number {
  let i = start + 1;
  while (i < code.length) {
    if (code[i] === '\\') i += 2;
    else if (code[i] === "'") return i + 1;
    else if (code[i] === '\n') throw new Error(`unterminated string at offset ${start}`);
    else i++;
  }
  throw new Error(`unterminated string at offset ${start}`);
}

/** Bracket depth change of one line, ignoring brackets inside strings. */
function depthDelta(line: string): number {
  let depth = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      i = endOfString(line, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    i++;
  }
  return depth;
}

/** Value of the first `@description('...')` among the decorators. */
function descriptionOf(decorators: string[]): string | undefined {
  for (const d of decorators) {
    const m = /^@description\(\s*'((?:[^'\\]|\\.)*)'\s*\)/.exec(d.trim());
    if (m) return unescape(m[1] ?? '');
  }
  return undefined;
}

export function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Splits code into top-level declarations with their decorators. */
function declarationsOf(code: string): BicepDeclaration[] {
  const lines = code.split('\n');
  const out: BicepDeclaration[] = [];
  let decorators: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    const trimmed = first.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    // Gather a whole balanced chunk (a decorator or a declaration can span lines).
    const start = i;
    let depth = depthDelta(first);
    let text = first;
    while (depth > 0 && i + 1 < lines.length) {
      i++;
      text += `\n${lines[i] ?? ''}`;
      depth += depthDelta(lines[i] ?? '');
    }
    // A declaration whose value starts on the next line (e.g. `var x = cond` / `? a` / `: b`) continues while lines begin with an operator.
    while (i + 1 < lines.length && /^\s*[?:]/.test(lines[i + 1] ?? '')) {
      i++;
      text += `\n${lines[i] ?? ''}`;
      depth += depthDelta(lines[i] ?? '');
      while (depth > 0 && i + 1 < lines.length) {
        i++;
        text += `\n${lines[i] ?? ''}`;
        depth += depthDelta(lines[i] ?? '');
      }
    }
    if (depth !== 0) throw new Error(`unbalanced brackets in declaration at line ${start + 1}`);
    i++;
    if (trimmed.startsWith('@')) {
      decorators.push(text.trim());
      continue;
    }
    const keyword = /^([A-Za-z]+)/.exec(trimmed)?.[1] ?? '';
    if (!KEYWORDS.has(keyword)) throw new Error(`unexpected top-level text at line ${start + 1}: ${trimmed}`);
    const name =
      keyword === 'targetScope' || keyword === 'import' ? keyword : (/^\w+\s+(\w+)/.exec(trimmed)?.[1] ?? '');
    out.push({
      keyword: keyword as BicepDeclaration['keyword'],
      name,
      text,
      decorators,
      description: descriptionOf(decorators),
      line: start + 1,
    });
    decorators = [];
  }
  if (decorators.length > 0) throw new Error('decorators at the end of the file decorate nothing');
  return out;
}

/**
 * Top-level keys of the object literal that starts at `open` (the offset of `{`).
 * Keys are identifiers or quoted strings; values are skipped whatever they hold.
 */
export function objectKeysAt(code: string, open: number): string[] {
  if (code[open] !== '{') throw new Error(`no object literal at offset ${open}`);
  const keys: string[] = [];
  let depth = 0;
  let atEntryStart = false;
  let i = open;
  while (i < code.length) {
    const c = code[i] ?? '';
    if (depth === 1 && atEntryStart && !/\s/.test(c)) {
      atEntryStart = false;
      const m = /^(?:([A-Za-z_$][\w$]*)|'((?:[^'\\]|\\.)*)')\s*:/.exec(code.slice(i));
      if (m) keys.push(m[1] ?? unescape(m[2] ?? ''));
    }
    if (c === "'") {
      i = endOfString(code, i);
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      depth++;
      if (depth === 1) atEntryStart = true;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return keys;
    } else if (c === '\n' || c === ',') {
      if (depth === 1) atEntryStart = true;
    }
    i++;
  }
  throw new Error(`unterminated object literal at offset ${open}`);
}

/**
 * Keys of the object literals a `var` evaluates to: every literal at the top level of
 * its value, so `cond ? {} : { A: ... }` gives A.
 */
export function varObjectKeys(file: BicepFile, name: string): string[] {
  const decl = file.vars.find((v) => v.name === name);
  if (!decl) throw new Error(`${file.path}: no var ${name}`);
  const text = decl.text;
  const keys = new Set<string>();
  let depth = 0;
  let found = false;
  for (let i = text.indexOf('=') + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      i = endOfString(text, i) - 1;
    } else if (c === '{' && depth === 0) {
      found = true;
      for (const k of objectKeysAt(text, i)) keys.add(k);
      depth++;
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  if (!found) throw new Error(`${file.path}: var ${name} is not an object literal`);
  return [...keys];
}

/** Source text of each top-level entry value of the object literal of `var name` (one line per key). */
export function varObjectEntries(file: BicepFile, name: string): Map<string, string> {
  const decl = file.vars.find((v) => v.name === name);
  if (!decl) throw new Error(`${file.path}: no var ${name}`);
  const entries = new Map<string, string>();
  for (const key of varObjectKeys(file, name)) {
    const m = new RegExp(`^\\s*'?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'?\\s*:\\s*(.+)$`, 'm').exec(
      decl.text,
    );
    if (m) entries.set(key, (m[1] ?? '').trim());
  }
  return entries;
}

function paramOf(d: BicepDeclaration): BicepParam {
  const m = /^param\s+(\w+)\s+([^=]+?)\s*(?:=\s*([\s\S]*))?$/.exec(d.text.trim());
  if (!m) throw new Error(`cannot read param at line ${d.line}: ${d.text}`);
  const type = (m[2] ?? '').trim();
  const defaultValue = m[3]?.trim();
  return { ...d, type, defaultValue, optional: defaultValue !== undefined || type.endsWith('?') };
}

function resourceOf(d: BicepDeclaration): BicepResource {
  const m = /^resource\s+\w+\s+'([^'@]+)@([^']+)'\s*(existing\s*)?=/.exec(d.text.trim());
  if (!m) throw new Error(`cannot read resource at line ${d.line}: ${d.text.split('\n')[0] ?? ''}`);
  return { ...d, type: m[1] ?? '', apiVersion: m[2] ?? '', existing: m[3] !== undefined };
}

function moduleOf(d: BicepDeclaration): BicepModule {
  const m = /^module\s+\w+\s+'([^']+)'\s*=/.exec(d.text.trim());
  if (!m) throw new Error(`cannot read module at line ${d.line}: ${d.text.split('\n')[0] ?? ''}`);
  const paramsAt = /\bparams\s*:\s*\{/.exec(d.text);
  const params = paramsAt ? objectKeysAt(d.text, paramsAt.index + paramsAt[0].length - 1) : [];
  return { ...d, path: m[1] ?? '', params };
}

function outputOf(d: BicepDeclaration): BicepOutput {
  const m = /^output\s+\w+\s+(\S+)\s*=/.exec(d.text.trim());
  if (!m) throw new Error(`cannot read output at line ${d.line}: ${d.text.split('\n')[0] ?? ''}`);
  return { ...d, type: m[1] ?? '' };
}

export function parseBicep(source: string, path = '<inline>'): BicepFile {
  const code = stripComments(source);
  const declarations = declarationsOf(code);
  const of = (k: BicepDeclaration['keyword']): BicepDeclaration[] =>
    declarations.filter((d) => d.keyword === k);
  const scope = of('targetScope')[0];
  const loads = [
    ...code.matchAll(/\b(loadJsonContent|loadTextContent|loadFileAsBase64|loadYamlContent)\(\s*'([^']+)'/g),
  ].map((m) => ({ fn: m[1] ?? '', path: m[2] ?? '' }));
  return {
    path,
    code,
    targetScope: scope ? (/'(\w+)'/.exec(scope.text)?.[1] ?? '') : 'resourceGroup',
    declarations,
    params: of('param').map(paramOf),
    vars: of('var'),
    types: of('type'),
    resources: of('resource').map(resourceOf),
    modules: of('module').map(moduleOf),
    outputs: of('output').map(outputOf),
    loads,
  };
}

export function readBicep(path: string): BicepFile {
  return parseBicep(readFileSync(path, 'utf8'), path);
}

/**
 * The shape of a Bicep value: which keys an object literal sets (with the shapes of their
 * values), what an array's elements look like (literal items or a `for` body), or an
 * expression. For an expression, the object and array literals written inside it (ternary
 * branches, `union(x, { ... })`) are its possible shapes.
 */
export type BicepShape =
  | { kind: 'object'; keys: Map<string, BicepShape[]> }
  | { kind: 'array'; elements: BicepShape[] }
  | { kind: 'expression' };

interface Parsed {
  shapes: BicepShape[];
  end: number;
}

function skipBlank(code: string, i: number, alsoCommas: boolean): number {
  while (i < code.length && (/\s/.test(code[i] ?? '') || (alsoCommas && code[i] === ','))) i++;
  return i;
}

function parseObjectAt(code: string, open: number): Parsed {
  const keys = new Map<string, BicepShape[]>();
  let i = open + 1;
  for (;;) {
    i = skipBlank(code, i, true);
    if (i >= code.length) throw new Error(`unterminated object literal at offset ${open}`);
    if (code[i] === '}') return { shapes: [{ kind: 'object', keys }], end: i + 1 };
    const m = /^(?:([A-Za-z_$][\w$]*)|'((?:[^'\\]|\\.)*)')\s*:/.exec(code.slice(i));
    if (!m) throw new Error(`expected a key at offset ${i}: ${code.slice(i, i + 40)}`);
    const key = m[1] ?? unescape(m[2] ?? '');
    const value = parseValueAt(code, i + m[0].length);
    keys.set(key, [...(keys.get(key) ?? []), ...value.shapes]);
    i = value.end;
  }
}

function parseArrayAt(code: string, open: number): Parsed {
  let i = skipBlank(code, open + 1, false);
  const elements: BicepShape[] = [];
  if (/^for\s/.test(code.slice(i))) {
    // `for x in xs:` / `for (x, i) in xs:` — the body starts after the clause's ':' at depth 0.
    let depth = 0;
    for (; i < code.length; i++) {
      const c = code[i];
      if (c === "'") i = endOfString(code, i) - 1;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      else if (c === ':' && depth === 0) break;
    }
    const body = parseValueAt(code, i + 1);
    elements.push(...body.shapes);
    i = skipBlank(code, body.end, false);
    if (code[i] !== ']') throw new Error(`expected ] after for-body at offset ${i}`);
    return { shapes: [{ kind: 'array', elements }], end: i + 1 };
  }
  for (;;) {
    i = skipBlank(code, i, true);
    if (i >= code.length) throw new Error(`unterminated array literal at offset ${open}`);
    if (code[i] === ']') return { shapes: [{ kind: 'array', elements }], end: i + 1 };
    const value = parseValueAt(code, i);
    elements.push(...value.shapes);
    i = value.end;
  }
}

/** A value from `start` to its end: a newline, ',' or closing bracket at depth 0 (multi-line ternaries continue). */
function parseValueAt(code: string, start: number): Parsed {
  let i = skipBlank(code, start, false);
  if (code[i] === '{') return parseObjectAt(code, i);
  if (code[i] === '[') return parseArrayAt(code, i);
  const found: BicepShape[] = [];
  let depth = 0;
  while (i < code.length) {
    const c = code[i] ?? '';
    if (c === "'") {
      i = endOfString(code, i);
      continue;
    }
    if (c === '{' || c === '[') {
      const inner = c === '{' ? parseObjectAt(code, i) : parseArrayAt(code, i);
      found.push(...inner.shapes);
      i = inner.end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ',' || c === '}' || c === ']')) break;
    else if (depth === 0 && c === '\n' && !/^\s*[?:]/.test(code.slice(i + 1).split('\n')[0] ?? '')) break;
    i++;
  }
  return { shapes: found.length ? found : [{ kind: 'expression' }], end: i };
}

/** The shape of a resource declaration's body (the object after `=`, or a `for`/`if` body). */
export function resourceBodyShape(resource: BicepDeclaration): BicepShape[] {
  const text = resource.text;
  const eq = /=\s*(?:if\s*\([^\n]*\)\s*)?/.exec(text.slice(text.indexOf("'", text.indexOf("'") + 1)));
  if (!eq) throw new Error(`resource ${resource.name}: no body`);
  const at = text.indexOf("'", text.indexOf("'") + 1) + eq.index + eq[0].length;
  const body = parseValueAt(text, at).shapes;
  // A resource loop is an array whose elements are the bodies.
  return body.flatMap((s) => (s.kind === 'array' ? s.elements : [s]));
}
