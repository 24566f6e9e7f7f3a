/**
 * What SharePoint charges a Graph request in resource units (docs/store.md, "Resource units"):
 * a single read, or a delta read with a token, 1; a read of many items (a delta without a token
 * too), a create, an update or a delete, 2. Each request in a $batch counts as if sent alone.
 */
export function resourceUnitsOf(method: string, path: string, query: URLSearchParams): number {
  if (method !== "GET") return 2;
  if (/\/items\/delta$/.test(path)) return query.get("token") ? 1 : 2;
  return /\/items$/.test(path) ? 2 : 1;
}

/** A $batch body's units: the sum of its requests'. */
export function batchUnits(body: unknown): number {
  const requests = (body as { requests?: { method?: string; url?: string }[] } | null)?.requests ?? [];
  return requests.reduce((n, r) => {
    const url = new URL(r.url ?? "/", "http://graph");
    return n + resourceUnitsOf((r.method ?? "GET").toUpperCase(), url.pathname, url.searchParams);
  }, 0);
}
