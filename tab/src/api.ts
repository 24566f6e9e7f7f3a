import { ssoToken } from "./teams";

export const DEV_PERSON_KEY = "assure.developmentPerson";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly current?: unknown,
  ) {
    super(message);
  }
}

/** The server's message for this field, if that is the field it refused. */
export const fieldError = (error: ApiError | null, ...fields: string[]): string | undefined =>
  error?.field && fields.some((f) => error.field === f || error.field!.startsWith(`${f}.`)) ? error.message : undefined;

/** Calls the Assure API as the signed-in person: a Teams SSO token, or in local mode the chosen development identity. */
/** Who is asking: the Teams SSO token, or in local mode the chosen development identity. */
async function signedIn(): Promise<Record<string, string>> {
  const token = await ssoToken();
  if (token) return { authorization: `Bearer ${token}` };
  const devPerson = localStorage.getItem(DEV_PERSON_KEY);
  return devPerson ? { "x-assure-dev-person": devPerson } : {};
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; ifMatch?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...(await signedIn()) };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.ifMatch) headers["if-match"] = `"${init.ifMatch}"`;
  const res = await fetch(path, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string; current?: unknown } } | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? "http", e?.message ?? `the server answered ${res.status}`, e?.field, e?.current);
  }
  return body as T;
}

/** Sends a file's bytes as the body (an evidence file): no JSON, no base64, the name in the address. */
export async function upload<T>(path: string, file: Blob): Promise<T> {
  const res = await fetch(path, { method: "POST", headers: { accept: "application/json", "content-type": "application/octet-stream", ...(await signedIn()) }, body: file });
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? "http", body?.error?.message ?? `the server answered ${res.status}`, body?.error?.field);
  return body as T;
}

const early = new Map<string, { request: Promise<unknown>; answer?: unknown }>();

/** Starts a request before the page has rendered (the plan, on opening a plan's address); `api` then uses it. */
export function prefetch(path: string): void {
  const entry: { request: Promise<unknown>; answer?: unknown } = { request: api(path) };
  entry.request.then((answer) => (entry.answer = answer), () => undefined); // a failure is reported when it is used
  early.set(path, entry);
}

/** A prefetched answer to `path`, used once, else a new request. */
export function apiOnce<T>(path: string): Promise<T> {
  const entry = early.get(path);
  early.delete(path);
  return (entry?.request as Promise<T> | undefined) ?? api<T>(path);
}

/** A prefetched answer to `path` that has already arrived, used once: a page's first render can draw it, with no spinner first. */
export function arrived<T>(path: string): T | null {
  const entry = early.get(path);
  if (!entry || !("answer" in entry)) return null;
  early.delete(path);
  return entry.answer as T;
}

/** The plan board's address, for the plan page and its prefetch alike. */
export const boardPath = (planId: string, asOf: string | null): string => `/api/plans/${encodeURIComponent(planId)}/board${asOf ? `?asOf=${asOf}` : ""}`;

/** Downloads a file from the API as the signed-in person (a plain link would carry no sign-in). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: await signedIn() });
  if (!res.ok) throw new ApiError(res.status, "http", `the download failed (${res.status})`);
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
