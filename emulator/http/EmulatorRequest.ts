import type { ArmError } from '../../src/arm/errors/ArmError';

/** The caller, as read from the bearer token. */
export interface Principal {
  oid: string;
  tid: string;
  claims: Record<string, unknown>;
}

export interface EmulatorRequest {
  method: string;
  /** Path without the query string, as sent (case preserved). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  principal: Principal;
  correlationId: string;
  /** https://127.0.0.1:<port>, for absolute URLs in responses. */
  baseUrl: string;
  apiVersion: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, body, headers };
}

export function errorResponse(error: ArmError): EmulatorResponse {
  return { status: error.status, body: error.toEnvelope(), headers: { ...error.headers } };
}
