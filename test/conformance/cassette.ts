import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

/** One recorded request and Azure's answer, as vcrpy stores it. */
export interface Interaction {
  /** Position in the cassette, from 1, as the table and failures name it. */
  index: number;
  command: string;
  method: string;
  uri: URL;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
}

interface RawInteraction {
  request: { method: string; uri: string; headers?: Record<string, string[]>; body?: string | null };
  response: {
    status: { code: number };
    headers?: Record<string, string[]>;
    body?: { string?: string };
  };
}

function firstValues(headers: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v[0] !== undefined) out[k.toLowerCase()] = v[0];
  return out;
}

function json(text: string | null | undefined): unknown {
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export function loadCassette(file: string): Interaction[] {
  const doc = load(readFileSync(file, 'utf8')) as { interactions: RawInteraction[] };
  return doc.interactions.map((raw, i) => {
    const requestHeaders = firstValues(raw.request.headers);
    return {
      index: i + 1,
      command: requestHeaders.commandname ?? '',
      method: raw.request.method.toUpperCase(),
      uri: new URL(raw.request.uri),
      requestHeaders,
      requestBody: json(raw.request.body),
      status: raw.response.status.code,
      responseHeaders: firstValues(raw.response.headers),
      responseBody: json(raw.response.body?.string),
    };
  });
}
