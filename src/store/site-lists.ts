import type { Client } from "@microsoft/microsoft-graph-client";
import { setTimeout as sleep } from "node:timers/promises";
import { retryFits } from "./retry-deadline.js";
import { InputError } from "../core/errors.js";
import { listDefinition, type ListKey } from "./list-schema.js";
import { isWriteOnly } from "./readable-columns.js";
import type { Fields } from "./record-codecs.js";
import { isUniqueRefusal, StoreError, toStoreError } from "./store-error.js";

/** SharePoint's single-line text (and Title) holds at most 255 characters. */
export const SINGLE_LINE_MAX = 255;
/** SharePoint's multiple lines of text holds at most 63,999 characters. */
export const MULTI_LINE_MAX = 63_999;

/**
 * Refuses, before anything is sent, a value SharePoint would refuse for its length, naming the
 * column: one long value must not leave a batch half written.
 */
export function checkFits(key: ListKey, fields: Fields): void {
  const definition = listDefinition(key);
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== "string" || value.length <= SINGLE_LINE_MAX) continue;
    const column = definition.columns.find((c) => c.name === name);
    const singleLine = name === "Title" || (column !== undefined && "text" in column && column.text.allowMultipleLines !== true);
    if (singleLine) throw new InputError(name, `${definition.displayName} keeps this in one line of at most ${SINGLE_LINE_MAX} characters; got ${value.length}`);
    if (value.length > MULTI_LINE_MAX) throw new InputError(name, `${definition.displayName} keeps this in at most ${MULTI_LINE_MAX.toLocaleString("en-GB")} characters; got ${value.length.toLocaleString("en-GB")}`);
  }
}

export interface StoredColumn {
  id: string;
  name: string;
  displayName: string;
  hidden?: boolean;
}

/** The fields Assure reads from a list: its own columns, not those it writes only for people. */
const selectOf = (key: ListKey, withReadable = false): string =>
  ["Title", ...listDefinition(key).columns.filter((c) => withReadable || !isWriteOnly(key, c.name)).map((c) => c.name)].join(",");

/** Graph answers at most 20 requests in one $batch. */
export const BATCH_LIMIT = 20;
/** A list page as large as Graph allows, so a big plan needs few requests. */
const PAGE_SIZE = 5000;

export interface SiteListsOptions {
  retry?: RetryPolicy;
  /** Items asked for per page ($top); tests lower it to exercise paging. */
  pageSize?: number;
}

export interface RetryPolicy {
  attempts: number;
  /** Wait before retry n (from 1) when Graph gave no Retry-After, in seconds. */
  backoffSeconds: (n: number) => number;
  /** Never wait longer than this for one retry, in seconds. */
  maxWaitSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  backoffSeconds: (n) => Math.min(2 ** n, 30) * (0.5 + Math.random() / 2),
  maxWaitSeconds: 180,
};

/** Graph's 410 Gone to a delta read: the token is no good; enumerate again from `location`. */
export class DeltaExpired extends Error {
  constructor(readonly location: string | null) {
    super("the delta token has expired");
  }
}

/** One change a delta round reports: an item's latest state, or that it was deleted. */
export type DeltaChange = (StoredItem & { deleted?: false }) | { itemId: string; deleted: true };

export interface StoredItem {
  itemId: string;
  etag: string;
  fields: Fields;
}

/** A throttled sub-request's wait: the larger of Retry-After and RateLimit-Reset, in seconds (header names in any case). */
function waitOf(headers: Record<string, string> | undefined): number | null {
  const named = (name: string) => Number(Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? Number.NaN);
  const waits = [named("retry-after"), named("ratelimit-reset")].filter(Number.isFinite);
  return waits.length > 0 ? Math.max(...waits) : null;
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: { error?: { code?: string; message?: string } } & Record<string, unknown>;
}

/**
 * Assure's lists in one SharePoint site, through Graph: paging, retries and batching live here
 * and nowhere else. Creates are idempotent (every row has a unique AssureId), so a create
 * retried after a dropped connection finds its own earlier write instead of duplicating it.
 */
export class SiteLists {
  // Promises, not values: parallel readers share one look-up instead of racing to repeat it.
  private siteId: Promise<string> | null = null;
  private readonly listIds = new Map<ListKey, Promise<string>>();

  private readonly retry: RetryPolicy;
  private readonly pageSize: number;

  constructor(
    private readonly client: Client,
    private readonly site: string,
    options: SiteListsOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.pageSize = options.pageSize ?? PAGE_SIZE;
  }

  /** Runs a Graph call, retrying throttling, outages and dropped connections. */
  async attempt<T>(where: string, call: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await call();
      } catch (raw: unknown) {
        if (raw instanceof DeltaExpired) throw raw;
        const error = toStoreError(raw, where);
        const waitMs = 1000 * Math.min(error.retryAfterSeconds ?? this.retry.backoffSeconds(n), this.retry.maxWaitSeconds);
        // Someone waiting inside Teams' time limit is answered now rather than after it (retry-deadline.ts).
        if (!error.retryable || n >= this.retry.attempts || !retryFits(waitMs)) throw error;
        await sleep(waitMs);
      }
    }
  }

  resolveSiteId(): Promise<string> {
    this.siteId ??= this.attempt(`site "${this.site}"`, () => this.client.api(`/sites/${this.site}`).select("id").get()).then(
      (site) => (site as { id: string }).id,
    );
    this.siteId.catch(() => (this.siteId = null)); // a failed look-up is tried again next time
    return this.siteId;
  }

  async listPath(key: ListKey): Promise<string> {
    const siteId = await this.resolveSiteId();
    let id = this.listIds.get(key);
    if (!id) {
      id = this.lookUpList(siteId, listDefinition(key).displayName);
      this.listIds.set(key, id);
      id.catch(() => this.listIds.delete(key));
    }
    return `/sites/${siteId}/lists/${await id}`;
  }

  private async lookUpList(siteId: string, displayName: string): Promise<string> {
    try {
      const list = await this.attempt(`list ${displayName}`, () =>
        this.client.api(`/sites/${siteId}/lists/${encodeURIComponent(displayName)}`).select("id").get(),
      );
      return (list as { id: string }).id;
    } catch (error: unknown) {
      if (error instanceof StoreError && error.storeCode === "not-found") {
        throw new StoreError("not-found", `list ${displayName} does not exist in site ${this.site}: run assure provision`);
      }
      throw error;
    }
  }

  /** Every item of a list (or those matching a filter on indexed columns), following @odata.nextLink. */
  async readItems(key: ListKey, options: { filter?: string; withReadable?: boolean } = {}): Promise<StoredItem[]> {
    const where = `list ${listDefinition(key).displayName}`;
    // Only Assure's own columns: SharePoint adds many system fields nobody here reads.
    const select = selectOf(key, options.withReadable);
    const query = new URLSearchParams({ $expand: `fields($select=${select})`, $top: String(this.pageSize) });
    if (options.filter) query.set("$filter", options.filter);
    let next: string | undefined = `${await this.listPath(key)}/items?${query.toString()}`;
    const items: StoredItem[] = [];
    while (next) {
      const page = (await this.attempt(where, () => this.client.api(next!).get())) as {
        value: { id: string; eTag?: string; "@odata.etag"?: string; fields: Fields }[];
        "@odata.nextLink"?: string;
      };
      for (const item of page.value) {
        items.push({ itemId: item.id, etag: item.eTag ?? item["@odata.etag"] ?? "", fields: item.fields });
      }
      // graph-client builds URLs from a path below the version; nextLink is absolute.
      next = page["@odata.nextLink"]?.replace(/^https?:\/\/[^/]+\/v1\.0/, "");
    }
    return items;
  }

  /**
   * One delta round over a list (listItem: delta): every item, without `link`; else every change
   * since the deltaLink `link`. All pages are read before anything is returned, so a round cut
   * short leaves the caller's state as it was. A 410 Gone throws DeltaExpired.
   */
  async readDelta(key: ListKey, link: string | null): Promise<{ changes: DeltaChange[]; deltaLink: string }> {
    const where = `list ${listDefinition(key).displayName} (delta)`;
    const select = selectOf(key);
    const query = new URLSearchParams({ $expand: `fields($select=${select})`, $top: String(this.pageSize) });
    let next: string | undefined = link ?? `${await this.listPath(key)}/items/delta?${query.toString()}`;
    const changes: DeltaChange[] = [];
    for (;;) {
      const url = next.replace(/^https?:\/\/[^/]+\/v1\.0/, "");
      const page = (await this.attempt(where, async () => {
        try {
          return await this.client.api(url).get();
        } catch (raw: unknown) {
          const status = (raw as { statusCode?: number }).statusCode;
          if (status === 410) throw new DeltaExpired((raw as { headers?: Headers }).headers?.get?.("location") ?? null);
          throw raw;
        }
      })) as { value: { id: string; eTag?: string; "@odata.etag"?: string; fields?: Fields; deleted?: unknown }[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };
      for (const item of page.value) {
        changes.push(item.deleted ? { itemId: item.id, deleted: true } : { itemId: item.id, etag: item.eTag ?? item["@odata.etag"] ?? "", fields: item.fields ?? {} });
      }
      if (page["@odata.deltaLink"]) return { changes, deltaLink: page["@odata.deltaLink"].replace(/^https?:\/\/[^/]+\/v1\.0/, "") };
      if (!page["@odata.nextLink"]) throw new StoreError("graph", `${where}: Graph answered with neither a nextLink nor a deltaLink`);
      next = page["@odata.nextLink"];
    }
  }

  async findByAssureId(key: ListKey, assureId: string): Promise<StoredItem | null> {
    const [item] = await this.readItems(key, { filter: `fields/AssureId eq '${assureId.replace(/'/g, "''")}'` });
    return item ?? null;
  }

  /**
   * Creates one row. Returns "created", or "exists" when a row with the same AssureId is
   * already there (a ledger claim someone else made, or our own earlier attempt).
   */
  async createItem(key: ListKey, fields: Fields): Promise<"created" | "exists"> {
    return (await this.createRow(key, fields)) === "exists" ? "exists" : "created";
  }

  /** createItem, keeping what Graph answers: the new row's id and eTag, so changing it later needs no look-up. */
  async createRow(key: ListKey, fields: Fields): Promise<StoredItem | "exists"> {
    const where = `list ${listDefinition(key).displayName}, item ${String(fields.AssureId)}`;
    checkFits(key, fields);
    const path = `${await this.listPath(key)}/items`;
    try {
      const created = (await this.attempt(where, () => this.client.api(path).post({ fields }))) as { id?: string; eTag?: string; "@odata.etag"?: string; fields?: Fields } | undefined;
      return { itemId: String(created?.id ?? ""), etag: created?.eTag ?? created?.["@odata.etag"] ?? "", fields: created?.fields ?? fields };
    } catch (error: unknown) {
      if (error instanceof StoreError && error.storeCode === "unique") return this.confirmStored(key, String(fields.AssureId), error);
      throw error;
    }
  }

  /**
   * SharePoint refuses a duplicate unique value with a 400 that names no column, so before
   * treating a refused create as "already there", read the row back by its AssureId.
   */
  private async confirmStored(key: ListKey, assureId: string, refusal: StoreError): Promise<"exists"> {
    if (await this.findByAssureId(key, assureId)) return "exists";
    throw refusal;
  }

  /** Creates many rows in $batch requests of at most 20; throttled sub-requests are retried after the longest Retry-After. */
  async createItems(key: ListKey, rows: Fields[]): Promise<void> {
    const displayName = listDefinition(key).displayName;
    for (const row of rows) checkFits(key, row);
    const path = `${await this.listPath(key)}/items`;
    for (let start = 0; start < rows.length; start += BATCH_LIMIT) {
      let pending = rows.slice(start, start + BATCH_LIMIT).map((fields, i) => ({ id: String(i + 1), fields }));
      for (let n = 1; pending.length > 0; n++) {
        const body = {
          requests: pending.map((p) => ({
            id: p.id,
            method: "POST",
            url: path,
            headers: { "Content-Type": "application/json" },
            body: { fields: p.fields },
          })),
        };
        const { responses } = (await this.attempt(`list ${displayName}, $batch`, () =>
          this.client.api("/$batch").post(body),
        )) as { responses: BatchResponse[] };
        const retry: typeof pending = [];
        let wait = 0;
        for (const p of pending) {
          const r = responses.find((x) => x.id === p.id);
          if (r?.status === 201) continue;
          if (r && isUniqueRefusal(r.status, r.body?.error?.message)) {
            await this.confirmStored(key, String(p.fields.AssureId), new StoreError("unique", `list ${displayName}, item ${String(p.fields.AssureId)}: Graph ${r.status}: ${r.body?.error?.message}`));
            continue;
          }
          if (!r || r.status === 429 || r.status >= 500) {
            retry.push(p);
            wait = Math.max(wait, waitOf(r?.headers) ?? this.retry.backoffSeconds(n));
            continue;
          }
          throw new StoreError(
            r.status === 400 ? "invalid" : "graph",
            `list ${displayName}, item ${String(p.fields.AssureId)}: Graph ${r.status}: ${r.body?.error?.message ?? "no message"}`,
          );
        }
        if (retry.length > 0 && n >= this.retry.attempts) {
          throw new StoreError(
            "throttled",
            `list ${displayName}: ${retry.length} item(s) still throttled after ${n} batches (${retry.map((p) => String(p.fields.AssureId)).join(", ")})`,
          );
        }
        if (retry.length > 0) await sleep(1000 * Math.min(wait, this.retry.maxWaitSeconds));
        pending = retry;
      }
    }
  }

  /** Changes some fields of a row if it is still at `etag`; a StoreError "precondition" if not. Returns the row's new eTag, or null if Graph gave none. */
  async patchFields(key: ListKey, itemId: string, fields: Fields, etag: string): Promise<string | null> {
    const where = `list ${listDefinition(key).displayName}, item ${itemId}`;
    checkFits(key, fields);
    const path = `${await this.listPath(key)}/items/${itemId}/fields`;
    const answer = (await this.attempt(where, () => this.client.api(path).header("If-Match", etag).patch(fields))) as { "@odata.etag"?: string } | undefined;
    return answer?.["@odata.etag"] ?? null;
  }

  /** Deletes a row if it is still at `etag`. */
  async deleteItem(key: ListKey, itemId: string, etag: string): Promise<void> {
    const path = `${await this.listPath(key)}/items/${itemId}`;
    await this.attempt(`list ${listDefinition(key).displayName}, item ${itemId}`, () => this.client.api(path).header("If-Match", etag).delete());
  }

  /** The list with this display name, the names of its columns and each choice column's choices, or null if there is none. */
  async findList(displayName: string): Promise<{ id: string; columns: string[]; choices: Map<string, { id: string; choices: string[] }>; details: Map<string, StoredColumn> } | null> {
    const siteId = await this.resolveSiteId();
    try {
      const list = (await this.attempt(`list ${displayName}`, () =>
        this.client.api(`/sites/${siteId}/lists/${encodeURIComponent(displayName)}`).expand("columns").get(),
      )) as { id: string; columns: (StoredColumn & { choice?: { choices?: string[] } })[] };
      const choices = new Map(list.columns.filter((c) => c.choice).map((c) => [c.name, { id: c.id, choices: c.choice?.choices ?? [] }]));
      const details = new Map(list.columns.map((c) => [c.name, { id: c.id, name: c.name, displayName: c.displayName, hidden: c.hidden === true }]));
      return { id: list.id, columns: list.columns.map((c) => c.name), choices, details };
    } catch (error: unknown) {
      if (error instanceof StoreError && error.storeCode === "not-found") return null;
      throw error;
    }
  }

  /** Creates a list; answers its id. */
  async createList(definition: { displayName: string; description: string; columns: object[] }): Promise<string> {
    const siteId = await this.resolveSiteId();
    const created = (await this.attempt(`list ${definition.displayName}`, () =>
      this.client.api(`/sites/${siteId}/lists`).post({ ...definition, list: { template: "genericList" } }),
    )) as { id: string };
    return created.id;
  }

  /** Creates a document library (Graph "Create list" with `list.template` documentLibrary); its drive holds the files. */
  async createLibrary(displayName: string, description: string): Promise<string> {
    const siteId = await this.resolveSiteId();
    const created = (await this.attempt(`library ${displayName}`, () =>
      this.client.api(`/sites/${siteId}/lists`).post({ displayName, description, list: { template: "documentLibrary" } }),
    )) as { id: string };
    return created.id;
  }

  /** Renames a column or hides it from people (Graph: PATCH columnDefinition with only what changes). */
  async updateColumn(displayName: string, listId: string, column: { id: string; name: string }, change: { displayName?: string; hidden?: boolean }): Promise<void> {
    const siteId = await this.resolveSiteId();
    await this.attempt(`list ${displayName}, column ${column.name}`, () => this.client.api(`/sites/${siteId}/lists/${listId}/columns/${column.id}`).patch(change));
  }

  /** The people of the site's User Information List (what person columns point at), by email, lower case. */
  async readSiteUsers(): Promise<Map<string, number>> {
    const users = new Map<string, number>();
    for (const user of await this.readSiteUserList()) for (const address of user.addresses) users.set(address.toLowerCase(), user.id);
    return users;
  }

  /** The site's User Information List: each person's id, name and addresses. */
  async readSiteUserList(): Promise<{ id: number; name: string; addresses: string[] }[]> {
    const siteId = await this.resolveSiteId();
    const users: { id: number; name: string; addresses: string[] }[] = [];
    let next: string | undefined = `/sites/${siteId}/lists/${encodeURIComponent("User Information List")}/items?${new URLSearchParams({ $expand: "fields($select=Title,EMail,UserName)", $top: String(this.pageSize) }).toString()}`;
    while (next) {
      const page = (await this.attempt("the site's User Information List", () => this.client.api(next!).get())) as { value: { id: string; fields?: { Title?: string; EMail?: string; UserName?: string } }[]; "@odata.nextLink"?: string };
      for (const item of page.value) {
        users.push({ id: Number(item.id), name: item.fields?.Title ?? "", addresses: [item.fields?.EMail, item.fields?.UserName].filter((a): a is string => typeof a === "string" && a !== "") });
      }
      next = page["@odata.nextLink"]?.replace(/^https?:\/\/[^/]+\/v1\.0/, "");
    }
    return users;
  }

  /** Widens a choice column's choices (Graph: PATCH columnDefinition). */
  async setChoices(displayName: string, listId: string, column: { id: string; name: string; choices: string[] }): Promise<void> {
    const siteId = await this.resolveSiteId();
    await this.attempt(`list ${displayName}, column ${column.name}`, () =>
      this.client.api(`/sites/${siteId}/lists/${listId}/columns/${column.id}`).patch({ choice: { choices: column.choices } }),
    );
  }

  async addColumn(displayName: string, listId: string, column: { name: string }): Promise<void> {
    const siteId = await this.resolveSiteId();
    await this.attempt(`list ${displayName}, column ${column.name}`, () =>
      this.client.api(`/sites/${siteId}/lists/${listId}/columns`).post(column),
    );
  }
}
