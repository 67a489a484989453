/**
 * The Azure Functions Node.js worker injects a module named `@azure/functions-core` at runtime; `@azure/functions`
 * registers every `app.http`/`app.generic` function through it (and `durable-functions` registers through
 * `app.generic`). Without it, `@azure/functions` falls back to "test mode" and drops registrations. This package is
 * installed locally as a devDependency so that the unchanged app modules register with the local durable host. In
 * Azure the worker's `require` interception wins and this file is never loaded.
 */

export interface CoreBindingInfo {
  readonly type: string;
  readonly direction?: string;
  readonly [key: string]: unknown;
}

export interface CoreFunctionMetadata {
  readonly name: string;
  readonly bindings: Readonly<Record<string, CoreBindingInfo>>;
  readonly retryOptions?: unknown;
}

export type CoreFunctionCallback = (...args: unknown[]) => unknown;

export interface CoreRegistration {
  readonly metadata: CoreFunctionMetadata;
  readonly callback: CoreFunctionCallback;
}

export class Disposable {
  readonly #onDispose: () => void;
  constructor(onDispose: () => void) {
    this.#onDispose = onDispose;
  }
  dispose(): void {
    this.#onDispose();
  }
}

const registrations = new Map<string, CoreRegistration>();
const hooks = new Map<string, Set<CoreFunctionCallback>>();
let programmingModel: unknown;

export const version = '0.0.0-devhost';
export const hostVersion = '4.0.0-devhost';

export function registerFunction(metadata: CoreFunctionMetadata, callback: CoreFunctionCallback): Disposable {
  const key = metadata.name.toLowerCase();
  if (registrations.has(key)) {
    // The Functions host refuses an app with two functions of the same name; fail as early.
    throw new Error(`A function named '${metadata.name}' is already registered.`);
  }
  registrations.set(key, { metadata, callback });
  return new Disposable(() => registrations.delete(key));
}

export function registerHook(hookName: string, callback: CoreFunctionCallback): Disposable {
  const set = hooks.get(hookName) ?? new Set<CoreFunctionCallback>();
  set.add(callback);
  hooks.set(hookName, set);
  return new Disposable(() => set.delete(callback));
}

export function setProgrammingModel(model: unknown): void {
  programmingModel = model;
}

export function getProgrammingModel(): unknown {
  return programmingModel;
}

/** Worker system logs: the local host keeps them quiet unless they are warnings or errors. */
export function log(level: string, _category: string, message: string): void {
  if (level === 'warning' || level === 'error' || level === 'critical') {
    console.warn(message);
  }
}

/** Read side used by the local durable host. */
export function getRegistrations(): readonly CoreRegistration[] {
  return [...registrations.values()];
}

export function getRegistration(name: string): CoreRegistration | undefined {
  return registrations.get(name.toLowerCase());
}
