import type { HttpResponseInit } from '@azure/functions';
import { ApiError } from './validateBody';

export function json(status: number, body: unknown): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'content-type': 'application/json; charset=utf-8' } };
}

/** Turns a refused request into its answer; anything else is a bug and propagates to the host. */
export async function answering(handle: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof ApiError) {
      return json(error.status, {
        error: {
          code: error.code,
          message: error.message,
          ...(error.target ? { target: error.target } : {}),
        },
      });
    }
    throw error;
  }
}
