import { randomUUID } from "node:crypto";

/**
 * The emulator's data: sites, their lists, columns and items, and the rules SharePoint applies
 * to them (column types, required and unique values, eTag versions). Pure data operations; the
 * HTTP layer turns their errors into Graph error responses.
 */

export type ColumnType = "text" | "number" | "boolean" | "dateTime" | "choice" | "lookup" | "personOrGroup";

export interface Column {
  id: string;
  name: string;
  displayName: string;
  type: ColumnType;
  /** The Graph column facet as sent, e.g. { allowMultipleLines: true } or { choices: [...] }. */
  facet: Record<string, unknown>;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  readOnly: boolean;
  /** Graph's `hidden`: out of forms and views; still read and written through Graph. */
  hidden?: boolean;
  /** Column formatting JSON a site script set (setSPFieldCustomFormatter). */
  customFormatter?: object;
}

/** A list view as a site script's addSPView makes it. */
export interface View {
  name: string;
  viewFields: string[];
  query: string;
  rowLimit: number;
  isPaged: boolean;
  isDefault: boolean;
  formatterJSON?: object;
}

export interface Item {
  id: number;
  guid: string;
  version: number;
  created: string;
  modified: string;
  fields: Record<string, unknown>;
  /** The list's change number when this item last changed (for delta). */
  seq?: number;
}

export interface List {
  id: string;
  name: string;
  displayName: string;
  description: string;
  created: string;
  columns: Column[];
  items: Item[];
  nextItemId: number;
  /** Counts every item change in the list: delta tokens say how far a reader has seen. */
  changeSeq?: number;
  /** Deleted items, with the change number of their deletion, so delta can report them. */
  tombstones?: { id: number; seq: number }[];
  /** Views a site script added; SharePoint's own "All Items" (Title only, for lists Graph made) is implied. */
  views?: View[];
  /** "documentLibrary" for a library (its files are in EmulatorState.driveItems under driveId); absent: a generic list. */
  template?: string;
  driveId?: string;
}

export interface Site {
  id: string;
  hostname: string;
  path: string;
  displayName: string;
  lists: List[];
}

/** A message as Exchange keeps it in the sender's Sent Items. */
export interface SentMessage {
  id: string;
  subject: string;
  body: { contentType: string; content: string };
  toRecipients: { emailAddress: { address: string } }[];
  sentDateTime: string;
  /** sendMail's saveToSentItems: false keeps it out of Sent Items (the emulator's outbox still has it). */
  savedToSentItems?: boolean;
}

export interface EmulatorState {
  sites: Site[];
  /** Document libraries' files and folders, by drive id (src/emulator/drives.ts). */
  driveItems?: Record<string, import("./drives.js").DriveItem[]>;
  /** Sent Items, per mailbox (lower case). Absent in data written before mail existed. */
  sentItems?: Record<string, SentMessage[]>;
  /** Inbox messages (non-delivery reports), per mailbox (lower case): src/emulator/inbox.ts. */
  inbox?: Record<string, import("./inbox.js").InboxMessage[]>;
}

export class ListError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const UNIQUE_REFUSAL = "One or more fields with unique constraints already has the provided value.";

export const etagOf = (item: Item): string => `"${item.guid},${item.version}"`;

const builtInColumns = (): Column[] =>
  [
    ["Title", "text", false],
    ["Created", "dateTime", true],
    ["Modified", "dateTime", true],
  ].map(([name, type, readOnly]) => ({
    id: randomUUID(),
    name: name as string,
    displayName: name as string,
    type: type as ColumnType,
    facet: {},
    indexed: false,
    enforceUniqueValues: false,
    required: false,
    readOnly: readOnly as boolean,
  }));

export function newSite(hostname: string, path: string): Site {
  return { id: `${hostname},${randomUUID()},${randomUUID()}`, hostname, path, displayName: path.split("/").at(-1)!, lists: [] };
}

export function newList(displayName: string, description: string, now: string): List {
  return {
    id: randomUUID(),
    name: displayName.replace(/\s+/g, ""),
    displayName,
    description,
    created: now,
    columns: builtInColumns(),
    items: [],
    nextItemId: 1,
  };
}

const TYPES: ColumnType[] = ["text", "number", "boolean", "dateTime", "choice", "lookup", "personOrGroup"];

/** Reads a Graph columnDefinition body into a column, refusing what SharePoint would refuse. */
export function columnFromDefinition(body: Record<string, unknown>): Column {
  const name = body.name;
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ListError(400, "invalidRequest", "A column needs a name of letters, digits and underscores.");
  }
  const types = TYPES.filter((t) => body[t] !== undefined && body[t] !== null);
  if (types.length !== 1) {
    throw new ListError(400, "invalidRequest", `Column '${name}' must have exactly one of: ${TYPES.join(", ")}.`);
  }
  const enforceUniqueValues = body.enforceUniqueValues === true;
  const indexed = body.indexed === true;
  if (enforceUniqueValues && !indexed) {
    throw new ListError(400, "invalidRequest", `Column '${name}' must be indexed to enforce unique values.`);
  }
  return {
    id: randomUUID(),
    name,
    displayName: typeof body.displayName === "string" ? body.displayName : name,
    type: types[0]!,
    facet: (body[types[0]!] ?? {}) as Record<string, unknown>,
    indexed,
    enforceUniqueValues,
    required: body.required === true,
    readOnly: false,
    hidden: body.hidden === true,
  };
}

export function addColumn(list: List, column: Column): void {
  if (list.columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
    throw new ListError(409, "nameAlreadyExists", `A column named '${column.name}' already exists in list '${list.displayName}'.`);
  }
  if (column.indexed && list.columns.filter((c) => c.indexed).length >= 20) {
    throw new ListError(400, "invalidRequest", `List '${list.displayName}' already has 20 indexed columns, the most SharePoint allows.`);
  }
  list.columns.push(column);
}

function checkValue(column: Column, value: unknown): void {
  if (value === null) return;
  const bad = (expected: string) =>
    new ListError(400, "invalidRequest", `Field '${column.name}' expects ${expected}, not ${JSON.stringify(value)}.`);
  switch (column.type) {
    case "text": {
      if (typeof value !== "string") throw bad("text");
      const max = column.facet.allowMultipleLines === true ? 63_999 : Math.min(Number(column.facet.maxLength ?? 255), 255);
      if (value.length > max) {
        throw new ListError(400, "invalidRequest", `Field '${column.name}' holds at most ${max} characters; got ${value.length}.`);
      }
      return;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) throw bad("a number");
      return;
    case "boolean":
      if (typeof value !== "boolean") throw bad("true or false");
      return;
    case "dateTime":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw bad("a date and time");
      return;
    case "choice": {
      const choices = (column.facet.choices as string[] | undefined) ?? [];
      if (typeof value !== "string" || (!choices.includes(value) && column.facet.allowTextEntry !== true)) {
        throw bad(`one of ${choices.map((c) => `'${c}'`).join(", ")}`);
      }
    }
  }
}

/** What a lookup or person value may point at: the site knows, the list alone does not. */
export interface Links {
  /** The looked-up value of item `id` in a lookup column's target list; undefined if there is no such item. */
  lookupValue(column: Column, id: number): string | undefined;
  /** A person in the site's User Information List, by its item id. */
  user(id: number): { title: string; email: string } | undefined;
}

const NO_LINKS: Links = { lookupValue: () => undefined, user: () => undefined };
const isLink = (c: Column) => c.type === "lookup" || c.type === "personOrGroup";
const isMulti = (c: Column) => c.facet.allowMultipleSelection === true || c.facet.allowMultipleValues === true;
const ANNOTATION = "@odata.type";

/**
 * The column a field name writes: its own name, or for a lookup or person column `{name}LookupId`
 * (Graph writes these by the looked-up item's id, never by the shown value).
 */
function columnWritten(list: List, name: string): Column | undefined {
  const own = list.columns.find((c) => c.name === name);
  if (own) return own;
  if (!name.endsWith("LookupId")) return undefined;
  const link = list.columns.find((c) => c.name === name.slice(0, -"LookupId".length));
  return link && isLink(link) ? link : undefined;
}

function checkLink(column: Column, value: unknown, annotation: unknown, links: Links): void {
  const bad = (why: string) => new ListError(400, "invalidRequest", `Field '${column.name}LookupId' ${why}.`);
  if (value === null) return;
  const ids = isMulti(column) ? value : [value];
  if (isMulti(column) && (!Array.isArray(value) || !/^Collection\(Edm\.(String|Int32)\)$/.test(String(annotation)))) {
    throw bad(`allows several values: send an array with "${column.name}LookupId@odata.type": "Collection(Edm.String)"`);
  }
  if (!isMulti(column) && Array.isArray(value)) throw bad("takes one id");
  for (const id of ids as unknown[]) {
    const n = typeof id === "number" ? id : typeof id === "string" && /^\d+$/.test(id) ? Number(id) : NaN;
    if (!Number.isInteger(n)) throw bad(`expects item ids, not ${JSON.stringify(id)}`);
    const found = column.type === "lookup" ? links.lookupValue(column, n) !== undefined : links.user(n) !== undefined;
    if (!found) throw bad(`points at ${n}, which is not in the ${column.type === "lookup" ? "looked-up list" : "site's User Information List"}`);
  }
}

/** Checks a set of field values against the list's columns and unique constraints. */
function checkFields(list: List, fields: Record<string, unknown>, itemId: number | null, links: Links): void {
  for (const [name, value] of Object.entries(fields)) {
    if (name.endsWith(ANNOTATION)) {
      if (!(name.slice(0, -ANNOTATION.length) in fields)) throw new ListError(400, "invalidRequest", `The annotation '${name}' names no field that is written.`);
      continue;
    }
    const column = columnWritten(list, name);
    if (!column) throw new ListError(400, "invalidRequest", `Field '${name}' is not recognized in list '${list.displayName}'.`);
    if (column.readOnly) throw new ListError(400, "invalidRequest", `Field '${name}' is read-only.`);
    if (isLink(column)) {
      if (name === column.name) throw new ListError(400, "invalidRequest", `Field '${name}' is a ${column.type} column: write '${name}LookupId' with the item id.`);
      checkLink(column, value, fields[`${name}${ANNOTATION}`], links);
      continue;
    }
    checkValue(column, value);
  }
  for (const column of list.columns.filter((c) => c.enforceUniqueValues)) {
    const value = fields[column.name];
    if (value === undefined || value === null) continue;
    if (list.items.some((i) => i.id !== itemId && i.fields[column.name] === value)) {
      // SharePoint through Graph: 400 invalidRequest with this message, not 409 (docs/store.md).
      throw new ListError(400, "invalidRequest", UNIQUE_REFUSAL);
    }
  }
}

/**
 * The site's time zone. SharePoint keeps a date-only value as midnight, in the site's time
 * zone, of the day the written instant falls on there, and Graph returns that midnight in UTC
 * ("2026-06-14T23:00:00Z" for 15 June in BST; docs/store.md).
 */
export const SITE_TIME_ZONE = "Europe/London";
const siteDay = new Intl.DateTimeFormat("en-CA", { timeZone: SITE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const dayAt = (t: number) => siteDay.format(new Date(t));

export function siteMidnight(instant: string): string {
  const day = dayAt(Date.parse(instant));
  // The site's midnight is at most 14 hours either side of UTC's; London's is 0 or 1 hour before.
  for (let minutes = -14 * 60; minutes <= 14 * 60; minutes += 15) {
    const t = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
    if (dayAt(t) === day && dayAt(t - 1) !== day) return new Date(t).toISOString().replace(".000Z", "Z");
  }
  throw new Error(`no midnight found for ${day}`);
}

/** Values as SharePoint keeps them: lookup ids as text, date-only values at the site's midnight, annotations dropped. */
function stored(list: List, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name.endsWith(ANNOTATION)) continue;
    const column = columnWritten(list, name)!;
    if (isLink(column)) out[name] = value === null ? null : Array.isArray(value) ? value.map(String) : String(value);
    else if (column.type === "dateTime" && column.facet.format === "dateOnly" && typeof value === "string") out[name] = siteMidnight(value);
    else out[name] = value;
  }
  return out;
}

export function createItem(list: List, input: Record<string, unknown>, now: string, links: Links = NO_LINKS): Item {
  checkFields(list, input, null, links);
  const fields = stored(list, input);
  const missing = list.columns.filter((c) => c.required && (fields[c.name] === undefined || fields[c.name] === null));
  if (missing.length > 0) {
    throw new ListError(400, "invalidRequest", `Required field(s) missing: ${missing.map((c) => c.name).join(", ")}.`);
  }
  const item: Item = { id: list.nextItemId, guid: randomUUID(), version: 1, created: now, modified: now, fields: { ...fields } };
  return item;
}

export function updatedItem(list: List, item: Item, input: Record<string, unknown>, now: string, links: Links = NO_LINKS): Item {
  checkFields(list, input, item.id, links);
  const fields = stored(list, input);
  const merged = { ...item.fields, ...fields };
  const stillMissing = list.columns.filter((c) => c.required && (merged[c.name] === undefined || merged[c.name] === null));
  if (stillMissing.length > 0) {
    throw new ListError(400, "invalidRequest", `Required field(s) cannot be cleared: ${stillMissing.map((c) => c.name).join(", ")}.`);
  }
  return { ...item, version: item.version + 1, modified: now, fields: merged };
}

/** The item as Graph shows a listItem's fields: system fields first, then the columns set. */
export function fieldsView(item: Item): Record<string, unknown> {
  return {
    "@odata.etag": etagOf(item),
    id: String(item.id),
    Created: item.created,
    Modified: item.modified,
    ...item.fields,
  };
}
