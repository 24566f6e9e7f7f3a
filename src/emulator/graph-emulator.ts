import { randomUUID } from "node:crypto";
import { Journal } from "./journal.js";
import {
  addColumn,
  columnFromDefinition,
  createItem,
  etagOf,
  fieldsView,
  ListError,
  newList,
  newSite,
  updatedItem,
  type Column,
  type EmulatorState,
  type Item,
  type Links,
  type List,
  type SentMessage,
  type Site,
  type View,
} from "./lists.js";
import { parseExpandFields, parseFilter } from "./odata.js";
import { Drives, type DriveChange } from "./drives.js";
import { listInbox, nonDeliveryReport, type InboxMessage } from "./inbox.js";
import { join } from "node:path";

/**
 * The part of the Microsoft Graph v1.0 SharePoint lists API that Assure uses, answered as Graph
 * documents it: sites, lists, columns, items and fields, $filter/$expand/$top and paging with
 * @odata.nextLink, eTags with If-Match, unique-value conflicts and $batch. Transport-free: the
 * HTTP server in server.ts feeds it requests.
 */

export interface EmuRequest {
  method: string;
  /** Path after the version segment, e.g. /sites/{id}/lists. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type Change =
  | { op: "site"; site: Omit<Site, "lists"> }
  | { op: "list"; siteId: string; list: Omit<List, "items"> }
  | { op: "column"; siteId: string; listId: string; column: Column }
  | { op: "item"; siteId: string; listId: string; item: Item }
  | { op: "delete"; siteId: string; listId: string; itemId: number }
  | { op: "deleteList"; siteId: string; listId: string }
  | { op: "columnUpdate"; siteId: string; listId: string; column: Column }
  | { op: "mail"; mailbox: string; message: SentMessage }
  | { op: "inbox"; mailbox: string; message: InboxMessage }
  | { op: "design"; siteId: string; listId: string; views: View[]; formatters: { columnId: string; formatterJSON: object }[] }
  | DriveChange;

function applyChange(state: EmulatorState, change: Change): void {
  if (change.op === "driveItem") return Drives.apply(state, change);
  if (change.op === "inbox") {
    state.inbox ??= {};
    (state.inbox[change.mailbox] ??= []).push(change.message);
    return;
  }
  if (change.op === "mail") {
    state.sentItems ??= {};
    (state.sentItems[change.mailbox] ??= []).push(change.message);
    return;
  }
  if (change.op === "site") {
    state.sites.push({ ...change.site, lists: [] });
    return;
  }
  const site = state.sites.find((s) => s.id === change.siteId)!;
  if (change.op === "list") {
    site.lists.push({ ...change.list, items: [] });
    return;
  }
  if (change.op === "deleteList") {
    site.lists = site.lists.filter((l) => l.id !== change.listId);
    return;
  }
  const list = site.lists.find((l) => l.id === change.listId)!;
  if (change.op === "design") {
    list.views = change.views;
    list.columns = list.columns.map((c) => {
      const formatter = change.formatters.find((f) => f.columnId === c.id);
      return formatter ? { ...c, customFormatter: formatter.formatterJSON } : c;
    });
    return;
  }
  if (change.op === "column") list.columns.push(change.column);
  else if (change.op === "columnUpdate") list.columns = list.columns.map((c) => (c.id === change.column.id ? change.column : c));
  else if (change.op === "delete") {
    list.items = list.items.filter((i) => i.id !== change.itemId);
    list.changeSeq = (list.changeSeq ?? 0) + 1;
    (list.tombstones ??= []).push({ id: change.itemId, seq: list.changeSeq });
  } else {
    list.changeSeq = (list.changeSeq ?? 0) + 1;
    const item = { ...change.item, seq: list.changeSeq };
    const at = list.items.findIndex((i) => i.id === item.id);
    if (at >= 0) list.items[at] = item;
    else list.items.push(item);
    list.nextItemId = Math.max(list.nextItemId, item.id + 1);
  }
}

/** SharePoint's hidden list of the people who have used a site: person columns point into it. */
export const USER_INFORMATION_LIST = "User Information List";
const FIRST_SITE_USER_ID = 10;
interface SiteUser {
  id: number;
  title: string;
  email: string;
  upn: string;
}

export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 5000;
/** SharePoint's list view threshold: above it, filters on columns without an index fail. */
export const LIST_VIEW_THRESHOLD = 5000;
const SUPPORTED_ITEM_OPTIONS = ["$expand", "$filter", "$top", "$skiptoken", "$select"];
const HONOR_NON_INDEXED = "honornonindexedquerieswarningmayfailrandomly";

const ok = (body: unknown, status = 200): EmuResponse => ({ status, body });
const notFound = (what: string) => new ListError(404, "itemNotFound", `${what} was not found.`);

export class GraphEmulator {
  private readonly state: EmulatorState;
  private readonly journal: Journal<EmulatorState, Change>;

  /** Every site's User Information List: the tenant's people, as if each had been to the site. */
  private readonly siteUsers: SiteUser[];
  private readonly drives: Drives;

  /** Addresses (lower case) whose mail Exchange accepts and then bounces: a non-delivery report arrives in the sender's inbox. */
  private readonly undeliverable: readonly string[];

  constructor(options: { dataDir: string; sites: { hostname: string; path: string }[]; users?: { displayName: string; mail: string | null; userPrincipalName: string }[]; undeliverable?: readonly string[] }) {
    this.undeliverable = (options.undeliverable ?? []).map((a) => a.toLowerCase());
    this.siteUsers = (options.users ?? []).map((u, i) => ({ id: FIRST_SITE_USER_ID + i, title: u.displayName, email: u.mail ?? u.userPrincipalName, upn: u.userPrincipalName }));
    this.journal = new Journal(options.dataDir);
    this.state = this.journal.open(() => ({ sites: [] }), applyChange);
    this.drives = new Drives(join(options.dataDir, "files"), () => (this.state.driveItems ??= {}), (change) => this.commit(change));
    for (const { hostname, path } of options.sites) {
      if (!this.state.sites.some((s) => s.hostname === hostname && s.path === path)) {
        const { lists: _lists, ...site } = newSite(hostname, path);
        this.commit({ op: "site", site });
      }
    }
  }

  close(): void {
    this.journal.close();
  }

  private commit(change: Change): void {
    applyChange(this.state, change);
    this.journal.append([change], this.state);
  }

  /**
   * Exchange through Graph (user-sendmail.md): `POST /users/{mailbox}/sendMail` answers 202
   * Accepted for any well-formed recipient: accepted for delivery, not delivered (a bad address
   * comes back later as a non-delivery report). A copy goes to Sent Items
   * (`GET /users/{mailbox}/mailFolders/sentitems/messages`, newest first) unless
   * `saveToSentItems` is false. A mailbox outside the app's permitted scope (Exchange RBAC for
   * Applications, or an application access policy) answers 403 ErrorAccessDenied. At most 30
   * messages a minute per mailbox, as Exchange Online allows; more answer 429 with Retry-After.
   */
  handleMail(method: string, mailbox: string, what: "send" | "sent" | "inbox", query: URLSearchParams, body: unknown, now = new Date(), permitted: readonly string[] | null = null, roles: readonly string[] | null = null, selfUrl = ""): EmuResponse {
    const key = mailbox.toLowerCase();
    const denied = { status: 403, body: { error: { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." } } };
    if (permitted !== null && !permitted.includes(key)) return denied;
    if (what === "inbox") {
      // Reading mail needs Mail.Read (or Mail.ReadWrite); Mail.Send alone reads nothing (user-list-messages.md).
      if (roles !== null && !roles.includes("Mail.Read") && !roles.includes("Mail.ReadWrite")) return denied;
      if (method !== "GET") throw new ListError(405, "methodNotAllowed", `${method} is not supported on the inbox here.`);
      return ok(listInbox(this.state.inbox?.[key] ?? [], query, selfUrl));
    }
    if (what === "sent") {
      if (method !== "GET") throw new ListError(405, "methodNotAllowed", `${method} is not supported on Sent Items.`);
      const top = Number(query.get("$top") ?? 10);
      const messages = this.outbox(key, 1000).filter((m) => m.savedToSentItems !== false).slice(0, Math.min(Math.max(top, 1), 1000)).map(({ savedToSentItems: _saved, ...m }) => m);
      return ok({ value: messages });
    }
    if (method !== "POST") throw new ListError(405, "methodNotAllowed", `${method} is not supported on sendMail.`);
    const message = asObject(asObject(body).message ?? null, "message");
    const to = (message.toRecipients as { emailAddress?: { address?: unknown } }[] | undefined)?.map((r) => r.emailAddress?.address);
    if (!to || to.length === 0 || to.some((a) => typeof a !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a))) {
      throw new ListError(400, "ErrorInvalidRecipients", "At least one recipient is not valid.");
    }
    const recent = (this.state.sentItems?.[key] ?? []).filter((m) => now.getTime() - Date.parse(m.sentDateTime) < 60_000);
    if (recent.length >= 30) return { status: 429, headers: { "Retry-After": "10" }, body: { error: { code: "ApplicationThrottled", message: "Mailbox has exceeded 30 messages per minute." } } };
    const content = asObject(message.body ?? null, "message.body");
    this.commit({
      op: "mail",
      mailbox: key,
      message: {
        id: randomUUID(),
        subject: String(message.subject ?? ""),
        body: { contentType: String(content.contentType ?? "Text"), content: String(content.content ?? "") },
        toRecipients: (to as string[]).map((address) => ({ emailAddress: { address } })),
        sentDateTime: now.toISOString(),
        savedToSentItems: asObject(body).saveToSentItems !== false,
      },
    });
    // Accepted now, bounced a moment later: the report lands in the sender's inbox.
    for (const address of (to as string[]).filter((a) => this.undeliverable.includes(a.toLowerCase()))) {
      this.commit({ op: "inbox", mailbox: key, message: nonDeliveryReport(key, address, String(message.subject ?? ""), now) });
    }
    return { status: 202 };
  }

  /** Runs a design request (site script, views), answering a ListError as Graph answers errors. */
  handleDesign(run: () => EmuResponse): EmuResponse {
    try {
      return run();
    } catch (error: unknown) {
      if (error instanceof ListError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
      throw error;
    }
  }

  /** Everything the mailbox sent, newest first, whether or not it was saved to Sent Items (the emulator's own view, for local mode and tests). */
  outbox(mailbox: string, top: number): SentMessage[] {
    return [...(this.state.sentItems?.[mailbox.toLowerCase()] ?? [])].reverse().slice(0, top);
  }

  handle(req: EmuRequest, baseUrl: string): EmuResponse {
    try {
      return this.route(req, baseUrl);
    } catch (error: unknown) {
      if (error instanceof ListError) {
        return { status: error.status, body: { error: { code: error.code, message: error.message, innerError: {} } } };
      }
      throw error;
    }
  }

  private route(req: EmuRequest, baseUrl: string): EmuResponse {
    const { site, rest } = this.findSite(req.path);
    const parts = rest.split("/").filter(Boolean).map(decodeURIComponent);
    const [lists, listRef, sub, itemId, fieldsSeg] = parts;
    const m = req.method;

    if (parts.length === 0 && m === "GET") return ok(this.siteView(site));
    if (parts.length === 1 && lists === "drives" && m === "GET") return ok({ value: site.lists.filter((l) => l.driveId).map((l) => this.drives.driveView(site, l)) });
    if (lists !== "lists" || parts.length > 5) throw new ListError(400, "invalidRequest", `Unsupported path ${req.path}.`);
    if (listRef === undefined) {
      if (m === "GET") return ok({ value: site.lists.map((l) => this.listView(site, l)) });
      if (m === "POST") return ok(this.createList(site, req.body), 201);
    }
    if (listRef!.toLowerCase() === USER_INFORMATION_LIST.toLowerCase() && sub === "items" && itemId === undefined && m === "GET") {
      return ok({ value: this.siteUsers.map((u) => ({ id: String(u.id), fields: { id: String(u.id), Title: u.title, EMail: u.email, UserName: u.upn } })) });
    }
    const list = this.findList(site, listRef!);
    if (sub === "drive" && itemId === undefined && m === "GET") {
      if (!list.driveId) throw notFound(`The drive of list '${list.displayName}'`);
      return ok(this.drives.driveView(site, list));
    }
    if (sub === undefined && m === "DELETE") {
      this.commit({ op: "deleteList", siteId: site.id, listId: list.id });
      return { status: 204 };
    }
    if (sub === undefined && m === "GET") {
      const view = this.listView(site, list);
      return ok(req.query.get("$expand") === "columns" ? { ...view, columns: list.columns.map(columnView) } : view);
    }
    if (sub === "columns" && itemId === undefined) {
      if (m === "GET") return ok({ value: list.columns.map(columnView) });
      if (m === "POST") {
        const column = columnFromDefinition(asObject(req.body));
        this.checkLookupTarget(site, column);
        addColumn({ ...list, columns: [...list.columns] }, column);
        this.commit({ op: "column", siteId: site.id, listId: list.id, column });
        return ok(columnView(column), 201);
      }
    }
    if (sub === "columns" && itemId !== undefined && m === "PATCH") {
      const column = list.columns.find((c) => c.id === itemId || c.name === itemId);
      if (!column) throw notFound(`Column '${itemId}' in list '${list.displayName}'`);
      const body = asObject(req.body);
      const choices = (body.choice as { choices?: unknown } | undefined)?.choices;
      const known = ["choice", "displayName", "hidden"];
      if (Object.keys(body).some((k) => !known.includes(k))) {
        throw new ListError(400, "invalidRequest", `The emulator changes only ${known.join(", ")} of a column.`);
      }
      if (body.choice !== undefined && (column.type !== "choice" || !Array.isArray(choices) || !choices.every((c) => typeof c === "string"))) {
        throw new ListError(400, "invalidRequest", "Only a choice column's choices can be changed here.");
      }
      if (body.displayName !== undefined && (typeof body.displayName !== "string" || body.displayName.trim() === "")) throw new ListError(400, "invalidRequest", "A column's displayName is text.");
      if (body.hidden !== undefined && typeof body.hidden !== "boolean") throw new ListError(400, "invalidRequest", "A column's hidden is true or false.");
      const updated = {
        ...column,
        ...(body.choice !== undefined ? { facet: { ...column.facet, choices } } : {}),
        ...(typeof body.displayName === "string" ? { displayName: body.displayName } : {}),
        ...(typeof body.hidden === "boolean" ? { hidden: body.hidden } : {}),
      };
      this.commit({ op: "columnUpdate", siteId: site.id, listId: list.id, column: updated });
      return ok(columnView(updated));
    }
    if (sub === "items" && itemId === undefined) {
      if (m === "GET") return ok(this.queryItems(site, list, req, baseUrl));
      if (m === "POST") {
        const fields = asObject(asObject(req.body).fields ?? {}, "fields");
        const item = createItem(list, fields, new Date().toISOString(), this.links(site));
        this.commit({ op: "item", siteId: site.id, listId: list.id, item });
        return ok(this.itemView(site, list, item, { expand: true, select: null }), 201);
      }
    }
    if (sub === "items" && itemId === "delta" && m === "GET") return ok(this.delta(site, list, req, baseUrl));
    if (sub === "items" && itemId !== undefined) {
      const item = list.items.find((i) => String(i.id) === itemId);
      if (!item) throw notFound(`Item ${itemId} in list '${list.displayName}'`);
      if (fieldsSeg === undefined && m === "GET") {
        return ok(this.itemView(site, list, item, parseExpandFields(req.query.get("$expand") ?? undefined)));
      }
      if (fieldsSeg === "fields" && m === "GET") return ok(this.fields(site, list, item, null));
      checkIfMatch(req, item);
      if (fieldsSeg === "fields" && m === "PATCH") {
        const next = updatedItem(list, item, asObject(req.body), new Date().toISOString(), this.links(site));
        this.commit({ op: "item", siteId: site.id, listId: list.id, item: next });
        return ok(this.fields(site, list, next, null));
      }
      if (fieldsSeg === undefined && m === "DELETE") {
        this.commit({ op: "delete", siteId: site.id, listId: list.id, itemId: item.id });
        return { status: 204 };
      }
    }
    throw new ListError(405, "methodNotAllowed", `${m} is not supported on ${req.path}.`);
  }

  /** /drives/{id}/root…: a document library's folders and files (src/emulator/drives.ts). The body is the raw bytes. */
  handleDrive(method: string, rawPath: string, query: URLSearchParams, body: Buffer, contentType: string | undefined): EmuResponse {
    try {
      return this.drives.handle(this.libraries(), method, rawPath, query, body, contentType);
    } catch (error: unknown) {
      if (error instanceof ListError) return { status: error.status, body: { error: { code: error.code, message: error.message, innerError: {} } } };
      throw error;
    }
  }

  /** Every library's files, for tests (GET /_emulator/files). */
  driveFiles(): unknown[] {
    return this.drives.files(this.libraries());
  }

  driveBytes(sha256: string): Buffer | null {
    return this.drives.bytes(sha256);
  }

  private libraries() {
    return this.state.sites.flatMap((site) => site.lists.filter((l) => l.driveId).map((list) => ({ site, list })));
  }

  /** /sites/{id}/… or /sites/{hostname}:/{path}:/… */
  private findSite(path: string): { site: Site; rest: string } {
    const byPath = /^\/sites\/([^/:]+):(\/[^:]*?)(?::(\/.*)?)?$/.exec(path);
    if (byPath) {
      const site = this.state.sites.find((s) => s.hostname === byPath[1] && s.path === byPath[2]!.replace(/\/$/, ""));
      if (!site) throw notFound(`Site ${byPath[1]}:${byPath[2]}`);
      return { site, rest: byPath[3] ?? "" };
    }
    const byId = /^\/sites\/([^/]+)(\/.*)?$/.exec(path);
    if (!byId) throw new ListError(400, "invalidRequest", `Unsupported path ${path}.`);
    const id = decodeURIComponent(byId[1]!);
    const site = this.state.sites.find((s) => s.id === id);
    if (!site) throw notFound(`Site ${id}`);
    return { site, rest: byId[2] ?? "" };
  }

  private findList(site: Site, ref: string): List {
    const key = ref.toLowerCase();
    const list = site.lists.find((l) => l.id === ref || l.displayName.toLowerCase() === key || l.name.toLowerCase() === key);
    if (!list) throw notFound(`List '${ref}'`);
    return list;
  }

  private createList(site: Site, body: unknown): unknown {
    const b = asObject(body);
    if (typeof b.displayName !== "string" || b.displayName.trim() === "") {
      throw new ListError(400, "invalidRequest", "A list needs a displayName.");
    }
    if (site.lists.some((l) => l.displayName.toLowerCase() === (b.displayName as string).toLowerCase())) {
      throw new ListError(409, "nameAlreadyExists", `A list named '${b.displayName}' already exists.`);
    }
    const list = newList(b.displayName, typeof b.description === "string" ? b.description : "", new Date().toISOString());
    // Graph "Create list": list.template documentLibrary makes a library, which has a drive.
    if ((b.list as { template?: unknown } | undefined)?.template === "documentLibrary") Object.assign(list, { template: "documentLibrary", driveId: `b!${randomUUID().replace(/-/g, "")}` });
    const definitions = Array.isArray(b.columns) ? (b.columns as unknown[]) : [];
    for (const d of definitions) {
      const column = columnFromDefinition(asObject(d));
      this.checkLookupTarget(site, column);
      addColumn(list, column);
    }
    const { items: _items, ...saved } = list;
    this.commit({ op: "list", siteId: site.id, list: saved });
    return this.listView(site, list);
  }

  private queryItems(site: Site, list: List, req: EmuRequest, baseUrl: string): unknown {
    // SharePoint's $orderby on items is unreliable and the rest are not documented for items:
    // refused here, so Assure can never come to depend on them.
    for (const key of req.query.keys()) {
      if (key.startsWith("$") && !SUPPORTED_ITEM_OPTIONS.includes(key)) {
        throw new ListError(400, "invalidRequest", `The query option '${key}' is not supported by the Assure Graph emulator; sort and count locally.`);
      }
    }
    const expand = parseExpandFields(req.query.get("$expand") ?? undefined);
    const top = Math.min(Number(req.query.get("$top") ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    if (!Number.isInteger(top) || top < 1) throw new ListError(400, "invalidRequest", "$top must be a positive whole number.");
    let items = list.items;
    const filterText = req.query.get("$filter");
    if (filterText) {
      const filter = parseFilter(filterText);
      const honor = (req.headers.prefer ?? "").toLowerCase().includes(HONOR_NON_INDEXED);
      for (const name of filter.fields) {
        const column = list.columns.find((c) => c.name === name);
        if (!column) throw new ListError(400, "invalidRequest", `Field '${name}' is not recognized in list '${list.displayName}'.`);
        if (!column.indexed && (!honor || list.items.length > LIST_VIEW_THRESHOLD)) {
          throw new ListError(
            400,
            "invalidRequest",
            `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
          );
        }
      }
      items = items.filter((i) => filter.test(i.fields));
    }
    const after = decodeSkipToken(req.query.get("$skiptoken"));
    const page = items.filter((i) => i.id > after).slice(0, top);
    const body: Record<string, unknown> = { value: page.map((i) => this.itemView(site, list, i, expand)) };
    const last = page.at(-1);
    if (last && items.some((i) => i.id > last.id)) {
      const next = new URLSearchParams(req.query);
      next.set("$skiptoken", Buffer.from(`Paged=TRUE&p_ID=${last.id}`).toString("base64"));
      body["@odata.nextLink"] = `${baseUrl}${req.path}?${next.toString()}`;
    }
    return body;
  }

  /**
   * listItem: delta, as Graph documents it: without a token, every item (no deletions); with a
   * deltaLink's token, the latest state of each item changed since, and `{ id, deleted: { state:
   * "deleted" } }` for each one deleted; pages with nextLink, ending with a deltaLink. An item that
   * changes while a round is paged is left to the next round. (410 Gone comes from a fault.)
   */
  private delta(site: Site, list: List, req: EmuRequest, baseUrl: string): unknown {
    const expand = parseExpandFields(req.query.get("$expand") ?? undefined);
    const top = Math.min(Number(req.query.get("$top") ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    const token = req.query.get("token");
    const current = list.changeSeq ?? 0;
    let round: { since: number; upto: number; after: number };
    if (token === null) round = { since: 0, upto: current, after: 0 };
    else if (token === "latest") return { value: [], "@odata.deltaLink": this.deltaLink(baseUrl, req, { since: current, upto: current, after: 0 }) };
    else {
      const read = /^(\d+)\.(\d+)\.(\d+)$/.exec(Buffer.from(token, "base64url").toString());
      if (!read) throw new ListError(400, "invalidRequest", "The delta token is not valid.");
      round = { since: Number(read[1]), upto: Number(read[2]), after: Number(read[3]) };
      if (round.upto === round.since && round.after === 0) round.upto = current; // a deltaLink starts a new round
    }
    const changed: { seq: number; view: unknown }[] = [
      ...list.items.filter((i) => (i.seq ?? 0) > round.since && (i.seq ?? 0) <= round.upto).map((i) => ({ seq: i.seq ?? 0, view: this.itemView(site, list, i, expand) })),
      ...(round.since === 0 ? [] : (list.tombstones ?? []).filter((t) => t.seq > round.since && t.seq <= round.upto).map((t) => ({ seq: t.seq, view: { id: String(t.id), deleted: { state: "deleted" } } }))),
    ]
      .filter((c) => c.seq > round.after)
      .sort((a, b) => a.seq - b.seq);
    const page = changed.slice(0, top);
    const more = changed.length > page.length;
    return {
      value: page.map((c) => c.view),
      ...(more
        ? { "@odata.nextLink": this.deltaLink(baseUrl, req, { ...round, after: page.at(-1)!.seq }) }
        : { "@odata.deltaLink": this.deltaLink(baseUrl, req, { since: round.upto, upto: round.upto, after: 0 }) }),
    };
  }

  private deltaLink(baseUrl: string, req: EmuRequest, round: { since: number; upto: number; after: number }): string {
    const query = new URLSearchParams(req.query);
    query.set("token", Buffer.from(`${round.since}.${round.upto}.${round.after}`).toString("base64url"));
    return `${baseUrl}${req.path}?${query.toString()}`;
  }

  /**
   * What an administrator's applying a site script does to Assure's lists (Invoke-SPOSiteDesign
   * or Invoke-PnPSiteScript): `createSPList` on an existing list, with `addSPView` (a view of the
   * same name is replaced; `makeDefault` makes it the default) and `setSPFieldCustomFormatter` (by
   * the column's display name). Other verbs are refused as SharePoint refuses verbs it does not
   * know ("unable to handle action"); a view naming a column the list does not have is refused.
   */
  applySiteScript(siteRef: string, script: unknown): { lists: string[] } {
    const site = this.findSite(`/sites/${siteRef}`).site;
    const actions = asObject(script, "site script").actions;
    if (!Array.isArray(actions)) throw new ListError(400, "invalidRequest", "A site script has an actions array.");
    const applied: string[] = [];
    for (const raw of actions) {
      const action = asObject(raw, "action");
      if (action.verb !== "createSPList") throw new ListError(400, "invalidRequest", `Unable to handle action '${String(action.verb)}' (the emulator knows createSPList).`);
      if (action.templateType !== 100) throw new ListError(400, "invalidRequest", "Assure's lists are generic lists: templateType 100.");
      const list = this.findList(site, String(action.listName));
      const views = [...(list.views ?? [])];
      const formatters: { columnId: string; formatterJSON: object }[] = [];
      for (const rawSub of Array.isArray(action.subactions) ? action.subactions : []) {
        const sub = asObject(rawSub, "subaction");
        if (sub.verb === "addSPView") {
          const view = viewOf(list, sub);
          if (view.isDefault) for (const v of views) v.isDefault = false;
          const at = views.findIndex((v) => v.name === view.name);
          if (at >= 0) views[at] = view;
          else views.push(view);
        } else if (sub.verb === "setSPFieldCustomFormatter") {
          const column = list.columns.find((c) => c.displayName === sub.fieldDisplayName);
          if (!column) throw new ListError(400, "invalidRequest", `List '${list.displayName}' has no column shown as '${String(sub.fieldDisplayName)}'.`);
          formatters.push({ columnId: column.id, formatterJSON: asObject(sub.formatterJSON ?? null, "formatterJSON") });
        } else throw new ListError(400, "invalidRequest", `Unable to handle action '${String(sub.verb)}' (the emulator knows addSPView and setSPFieldCustomFormatter).`);
      }
      this.commit({ op: "design", siteId: site.id, listId: list.id, views, formatters });
      applied.push(list.displayName);
    }
    return { lists: applied };
  }

  /** A list's views and its columns' formatting, as the site script left them. */
  listDesign(siteRef: string, listName: string): { views: View[]; columns: { name: string; displayName: string; hidden: boolean; customFormatter: object | null }[] } {
    const site = this.findSite(`/sites/${siteRef}`).site;
    const list = this.findList(site, listName);
    return {
      views: list.views ?? [],
      columns: list.columns.map((c) => ({ name: c.name, displayName: c.displayName, hidden: c.hidden === true, customFormatter: c.customFormatter ?? null })),
    };
  }

  private siteView(site: Site) {
    return {
      id: site.id,
      name: site.displayName,
      displayName: site.displayName,
      webUrl: `https://${site.hostname}${site.path}`,
    };
  }

  private listView(site: Site, list: List) {
    return {
      "@odata.etag": `"${list.id},${list.columns.length}"`,
      id: list.id,
      name: list.name,
      displayName: list.displayName,
      description: list.description,
      createdDateTime: list.created,
      webUrl: `https://${site.hostname}${site.path}/Lists/${list.name}`,
      list: { template: list.template ?? "genericList", hidden: false, contentTypesEnabled: false },
    };
  }

  private itemView(site: Site, list: List, item: Item, expand: { expand: boolean; select: string[] | null }) {
    const view: Record<string, unknown> = {
      "@odata.etag": etagOf(item),
      id: String(item.id),
      eTag: etagOf(item),
      createdDateTime: item.created,
      lastModifiedDateTime: item.modified,
      webUrl: `https://${site.hostname}${site.path}/Lists/${list.name}/${item.id}_.000`,
    };
    if (expand.expand) view.fields = this.fields(site, list, item, expand.select);
    return view;
  }

  /**
   * An item's fields as Graph returns them: a lookup as `{name}LookupId` (its looked-up value as
   * `{name}` only when selected by name), a single person as `{name}LookupId`, several people as
   * `{name}: [{ LookupId, LookupValue, Email }]`; date-only values as the site's midnight in UTC.
   */
  private fields(site: Site, list: List, item: Item, select: string[] | null): Record<string, unknown> {
    const all = fieldsView(item);
    const links = this.links(site);
    for (const column of list.columns.filter((c) => c.type === "lookup" || c.type === "personOrGroup")) {
      const ids = all[`${column.name}LookupId`];
      if (ids === undefined || ids === null) continue;
      if (Array.isArray(ids)) {
        delete all[`${column.name}LookupId`];
        all[column.name] = ids.map((id) => {
          const n = Number(id);
          const user = links.user(n);
          return column.type === "personOrGroup" ? { LookupId: n, LookupValue: user?.title ?? "", Email: user?.email ?? "" } : { LookupId: n, LookupValue: links.lookupValue(column, n) ?? "" };
        });
      } else if (column.type === "lookup" && select?.includes(column.name)) {
        all[column.name] = links.lookupValue(column, Number(ids)) ?? null;
      }
    }
    if (select === null) return all;
    const wanted = (k: string) => k === "@odata.etag" || k === "id" || select.includes(k) || (k.endsWith("LookupId") && select.includes(k.slice(0, -"LookupId".length)));
    return Object.fromEntries(Object.entries(all).filter(([k]) => wanted(k)));
  }

  private links(site: Site): Links {
    return {
      lookupValue: (column, id) => {
        const target = site.lists.find((l) => l.id === column.facet.listId);
        const item = target?.items.find((i) => i.id === id);
        if (!item) return undefined;
        const value = item.fields[String(column.facet.columnName ?? "Title")];
        return value === undefined || value === null ? "" : String(value);
      },
      user: (id) => this.siteUsers.find((u) => u.id === id),
    };
  }

  /** Graph's lookup facet names the target list by id; it must be a list of this site. */
  private checkLookupTarget(site: Site, column: Column): void {
    if (column.type !== "lookup") return;
    const target = site.lists.find((l) => l.id === column.facet.listId);
    if (!target) throw new ListError(400, "invalidRequest", `Column '${column.name}': the lookup's listId '${String(column.facet.listId)}' is not a list in this site.`);
    const shown = String(column.facet.columnName ?? "");
    if (!target.columns.some((c) => c.name === shown)) throw new ListError(400, "invalidRequest", `Column '${column.name}': list '${target.displayName}' has no column '${shown}' to show.`);
  }
}

function columnView(c: Column) {
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    indexed: c.indexed,
    enforceUniqueValues: c.enforceUniqueValues,
    required: c.required,
    readOnly: c.readOnly,
    hidden: c.hidden ?? false,
    [c.type]: c.facet,
  };
}

/** Fields a view may show or query besides the list's columns. */
const VIEW_SYSTEM_FIELDS = ["LinkTitle", "LinkTitleNoMenu", "ID", "Title", "Created", "Modified", "Author", "Editor"];

function viewOf(list: List, sub: Record<string, unknown>): View {
  const name = sub.name;
  if (typeof name !== "string" || name.trim() === "") throw new ListError(400, "invalidRequest", "addSPView needs a name.");
  const fields = sub.viewFields;
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === "string")) throw new ListError(400, "invalidRequest", `View '${name}': viewFields is an array of internal names.`);
  const query = typeof sub.query === "string" ? sub.query : "";
  checkCaml(query, name);
  const known = (f: string) => VIEW_SYSTEM_FIELDS.includes(f) || list.columns.some((c) => c.name === f);
  const refs = [...query.matchAll(/<FieldRef\s+Name="([^"]+)"/g)].map((m) => m[1]!);
  for (const f of [...(fields as string[]), ...refs]) if (!known(f)) throw new ListError(400, "invalidRequest", `View '${name}' names '${f}', which is not a column of '${list.displayName}'.`);
  return {
    name,
    viewFields: fields as string[],
    query,
    rowLimit: typeof sub.rowLimit === "number" ? sub.rowLimit : 30,
    isPaged: sub.isPaged === true,
    isDefault: sub.makeDefault === true,
    ...(sub.formatterJSON !== undefined ? { formatterJSON: asObject(sub.formatterJSON, "formatterJSON") } : {}),
  };
}

/** A CAML query's elements must nest; only the query's own parts may appear at its top. */
function checkCaml(query: string, view: string): void {
  const stack: string[] = [];
  for (const tag of query.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = tag;
    if (selfClosing) continue;
    if (!closing) {
      if (stack.length === 0 && !["Where", "GroupBy", "OrderBy"].includes(name!)) throw new ListError(400, "invalidRequest", `View '${view}': a query holds Where, GroupBy and OrderBy, not ${name}.`);
      stack.push(name!);
    } else if (stack.pop() !== name) throw new ListError(400, "invalidRequest", `View '${view}': the query's <${name}> is not closed where it is opened.`);
  }
  if (stack.length > 0) throw new ListError(400, "invalidRequest", `View '${view}': <${stack.at(-1)}> is never closed.`);
}

function asObject(value: unknown, what = "request body"): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ListError(400, "invalidRequest", `The ${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function checkIfMatch(req: EmuRequest, item: Item): void {
  const ifMatch = req.headers["if-match"];
  if (ifMatch === undefined || ifMatch === "*" || ifMatch === etagOf(item)) return;
  throw new ListError(412, "preconditionFailed", `The item has changed: If-Match ${ifMatch} does not match ${etagOf(item)}.`);
}

function decodeSkipToken(token: string | null): number {
  if (!token) return 0;
  const id = /p_ID=(\d+)/.exec(Buffer.from(token, "base64").toString());
  if (!id) throw new ListError(400, "invalidRequest", "The $skiptoken is not one this list issued.");
  return Number(id[1]);
}
