import type { EmulatorRequest, EmulatorResponse } from '../http/EmulatorRequest';

/** ARM list paging: `value` plus an absolute `nextLink` carrying `$skipToken` (an offset here). */
export function page(
  req: EmulatorRequest,
  items: readonly unknown[],
  pageSize: number,
  view: (item: never) => unknown,
): EmulatorResponse {
  const token = Number(req.query.get('$skipToken') ?? '0');
  const start = Number.isInteger(token) && token > 0 ? token : 0;
  const slice = items.slice(start, start + pageSize).map((i) => view(i as never));
  const body: { value: unknown[]; nextLink?: string } = { value: slice };
  if (start + pageSize < items.length) {
    body.nextLink = `${req.baseUrl}${req.path}?api-version=${encodeURIComponent(req.apiVersion)}&$skipToken=${start + pageSize}`;
  }
  return { status: 200, body };
}
