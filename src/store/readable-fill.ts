import { listDefinition, type ColumnDefinition, type ListKey } from "./list-schema.js";
import { READABLE } from "./readable-columns.js";
import { dayOfDateOnly } from "./readable-fields.js";
import { ReadableLinks } from "./readable-links.js";
import { changeCodec, RECORD_CODECS, type Codec, type Fields } from "./record-codecs.js";
import type { SiteLists, StoredItem } from "./site-lists.js";
import { StoreError } from "./store-error.js";

export interface FillReport {
  /** Rows whose readable columns were written, by list display name. */
  filled: Record<string, number>;
  /** Leads as written whose people have no account in the site (their person column stays empty). */
  leadsWithoutPeople: string[];
  /** Rows someone changed while this ran: their own write carried the readable columns. */
  skipped: number;
}

/**
 * Writes the readable columns (readable-columns.ts) of every row from its record: the upgrade of
 * a site whose rows were written before those columns existed, and the refresh of what only a
 * look-up can fill (an action's plan, section and lead's people). Only what differs is written,
 * with the row's eTag, so running it again changes nothing, and nothing Assure reads is touched.
 */
export async function fillReadableColumns(lists: SiteLists): Promise<FillReport> {
  const report: FillReport = { filled: {}, leadsWithoutPeople: [], skipped: 0 };
  const read = async <T>(codec: Codec<T>) =>
    (await lists.readItems(codec.list, { withReadable: true })).flatMap((item) => {
      const parsed = codec.schema.safeParse(codec.fromFields(item.fields));
      return parsed.success ? [{ item, record: parsed.data }] : []; // a malformed row is the store's to report
    });
  const c = RECORD_CODECS;
  const [plans, actions, updates, people, leads, changes] = await Promise.all([read(c.plans), read(c.actions), read(c.progressUpdates), read(c.people), read(c.leads), read(changeCodec)]);
  const links = new ReadableLinks(lists, { leads: leads.map((l) => l.record), people: people.map((p) => p.record) });
  const updateText = new Map(updates.map((u) => [u.record.id, u.record.text]));

  const write = async (key: ListKey, item: StoredItem, desired: Fields) => {
    const changed = differing(key, item.fields, desired);
    if (Object.keys(changed).length === 0) return;
    try {
      await lists.patchFields(key, item.itemId, changed, item.etag);
      const name = listDefinition(key).displayName;
      report.filled[name] = (report.filled[name] ?? 0) + 1;
    } catch (error: unknown) {
      if (!(error instanceof StoreError && error.storeCode === "precondition")) throw error;
      report.skipped++;
    }
  };
  const readableOf = <T>(codec: Codec<T>, record: T): Fields => {
    const names = new Set(READABLE[codec.list]?.add.map((col) => col.name));
    return Object.fromEntries(Object.entries(codec.toFields(record)).filter(([k]) => names.has(k)));
  };

  for (const { item, record } of plans) await write("plans", item, readableOf(c.plans, record));
  for (const { item, record } of actions) {
    const linked = await links.forAction(record);
    if ((linked.LeadPeopleLookupId as string[]).length === 0 && !report.leadsWithoutPeople.includes(record.lead.asWritten)) report.leadsWithoutPeople.push(record.lead.asWritten);
    const latest = record.latestUpdate ? (updateText.get(record.latestUpdate.id) ?? null) : null;
    await write("actions", item, { ...readableOf(c.actions, record), ...linked, LatestUpdateText: latest });
  }
  for (const { item, record } of updates) await write("progressUpdates", item, readableOf(c.progressUpdates, record));
  for (const { item, record } of people) await write("people", item, { ...readableOf(c.people, record), PersonLookupId: await links.person(record.email) });
  for (const { item, record } of changes) await write("changes", item, readableOf(changeCodec, record));
  return report;
}

/** The desired fields that differ from what is stored, compared as SharePoint returns each kind of column. */
function differing(key: ListKey, stored: Fields, desired: Fields): Fields {
  const columns = listDefinition(key).columns;
  const out: Fields = {};
  for (const [name, value] of Object.entries(desired)) {
    if (name.endsWith("@odata.type")) continue;
    const column = columns.find((col) => col.name === name || `${col.name}LookupId` === name);
    if (!column || same(column, name, stored, value)) continue;
    out[name] = value;
    if (desired[`${name}@odata.type`] !== undefined) out[`${name}@odata.type`] = desired[`${name}@odata.type`];
  }
  return out;
}

function same(column: ColumnDefinition, name: string, stored: Fields, value: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === null || v === "";
  if ("personOrGroup" in column && column.personOrGroup.allowMultipleSelection) {
    const now = ((stored[column.name] as { LookupId: number }[] | undefined) ?? []).map((p) => String(p.LookupId)).sort();
    return JSON.stringify(now) === JSON.stringify([...(value as string[])].sort());
  }
  const current = stored[name];
  if (blank(current) || blank(value)) return blank(current) && blank(value);
  if ("lookup" in column || "personOrGroup" in column) return String(current) === String(value);
  if ("dateTime" in column) {
    return column.dateTime.format === "dateOnly" ? dayOfDateOnly(current) === String(value).slice(0, 10) : Date.parse(String(current)) === Date.parse(String(value));
  }
  return JSON.stringify(current) === JSON.stringify(value);
}
