import type { HttpResponseInit } from '@azure/functions';
import { ApiError } from './validateBody';

/** Enough for a few field problems; a longer message is an echo of the input, cut short. */
const MAX_MESSAGE = 2000;

export function json(status: number, body: unknown): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'content-type': 'application/json; charset=utf-8' } };
}

/** Turns a refused request into its answer; anything else is a bug and propagates to the host. */
export async function answering(handle: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof ApiError) {
      // The message always names the field, and never echoes a huge input back.
      const named =
        error.target && !error.message.includes(error.target)
          ? `${error.target}: ${error.message}`
          : error.message;
      return json(error.status, {
        error: {
          code: error.code,
          message: named.length > MAX_MESSAGE ? `${named.slice(0, MAX_MESSAGE)}…` : named,
          ...(error.target ? { target: error.target } : {}),
        },
      });
    }
    throw error;
  }
}
