/**
 * What SharePoint charges a Graph request in resource units (docs/store.md, "Resource units"):
 * a single read, or a delta read with a token, 1; a read of many items (a delta without a token
 * too), a create, an update or a delete, 2; a permission operation 5. Each request in a $batch
 * counts as if sent alone. Only SharePoint requests (under /sites, and /drives for libraries) count: sending mail,
 * installing the app for someone or reading the directory spend other services' limits.
 */
export function resourceUnitsOf(method: string, path: string, query: URLSearchParams): number {
  if (!/^\/(sites|drives)(\/|$)/.test(path)) return 0; // a document library's files (/drives) are SharePoint too
  if (/\/permissions(\/|$)/.test(path) || /permissions/.test(query.get("$expand") ?? "")) return 5;
  if (method !== "GET") return 2;
  if (/\/items\/delta$/.test(path)) return query.get("token") ? 1 : 2;
  return /\/items$/.test(path) ? 2 : 1;
}

/** A $batch body's units: the sum of its requests'. */
export function batchUnits(body: unknown): number {
  const requests = (body as { requests?: { method?: string; url?: string }[] } | null)?.requests ?? [];
  return requests.reduce((n, r) => {
    const url = new URL(r.url ?? "/", "http://graph");
    return n + resourceUnitsOf((r.method ?? "GET").toUpperCase(), url.pathname.replace(/^\/v1\.0/, ""), url.searchParams);
  }, 0);
}

/**
 * SharePoint's resource units a minute for one app in a tenant, by the tenant's licences, as
 * Microsoft publishes them ("Avoid getting throttled or blocked in SharePoint Online",
 * "Application throttling"): 1,250 up to 1,000 licences, 2,500 to 5,000, 3,750 to 15,000,
 * 5,000 to 50,000, 6,250 above. Microsoft may change them; ASSURE_GRAPH_RU_PER_MINUTE overrides.
 */
export function appUnitsPerMinute(licences: number): number {
  if (licences <= 1_000) return 1_250;
  if (licences <= 5_000) return 2_500;
  if (licences <= 15_000) return 3_750;
  if (licences <= 50_000) return 5_000;
  return 6_250;
}

/** The tenant-wide limit every app in the tenant shares, per 5 minutes (same source): 18,750 up to 1,000 licences … 93,750. */
export function tenantUnitsPerFiveMinutes(licences: number): number {
  return appUnitsPerMinute(licences) * 15;
}
