import { EVIDENCE_LIBRARY } from "../core/evidence-file.js";
import { LISTS, SCHEMA_VERSION, type ColumnDefinition, type ListKey } from "./list-schema.js";
import { fillReadableColumns, type FillReport } from "./readable-fill.js";
import type { SiteLists } from "./site-lists.js";
import { StoreError } from "./store-error.js";

export interface ProvisionReport {
  listsCreated: string[];
  /** Document libraries created (Assure Evidence, where leads' evidence files go). */
  librariesCreated: string[];
  columnsAdded: string[];
  /** Columns renamed or hidden for people. */
  columnsChanged: string[];
  /** The readable columns written from the records (an upgrade in place fills them all once). */
  readable: FillReport;
  schemaVersion: number;
}

/** A column as Graph's columnDefinition: a lookup names its target list by the list's id. */
function graphColumn(column: ColumnDefinition, listIds: Map<ListKey, string>): object {
  if (!("lookup" in column)) return column;
  const { list, columnName } = column.lookup;
  const listId = listIds.get(list);
  if (!listId) throw new StoreError("invalid", `column ${column.name} looks up list ${list}, which is provisioned after it: fix the order of LISTS`);
  return { ...column, lookup: { listId, columnName } };
}

const SCHEMA_KEY = "schemaVersion";

/**
 * Creates Assure's lists and columns in the site, or adds the columns a newer version needs.
 * Idempotent: a second run changes nothing. It never removes a list, a column or a row.
 */
export async function provision(lists: SiteLists): Promise<ProvisionReport> {
  const stored = await storedSchemaVersion(lists);
  if (stored !== null && stored > SCHEMA_VERSION) {
    throw new StoreError(
      "invalid",
      `the site's lists are at schema version ${stored}, newer than this Assure (${SCHEMA_VERSION}): upgrade Assure before provisioning`,
    );
  }
  const report: ProvisionReport = { listsCreated: [], librariesCreated: [], columnsAdded: [], columnsChanged: [], readable: { filled: {}, leadsWithoutPeople: [], skipped: 0 }, schemaVersion: SCHEMA_VERSION };
  const listIds = new Map<ListKey, string>();
  for (const definition of LISTS) {
    const existing = await lists.findList(definition.displayName);
    if (!existing) {
      listIds.set(definition.key, await lists.createList({ ...definition, columns: definition.columns.map((c) => graphColumn(c, listIds)) }));
      report.listsCreated.push(definition.displayName);
      continue;
    }
    listIds.set(definition.key, existing.id);
    for (const column of definition.columns) {
      if (!existing.columns.includes(column.name)) {
        await lists.addColumn(definition.displayName, existing.id, graphColumn(column, listIds) as { name: string });
        report.columnsAdded.push(`${definition.displayName}.${column.name}`);
        continue;
      }
      // Names and hiding for people (schema 5) are put right on columns made before them.
      const now = existing.details.get(column.name);
      const change = {
        ...(column.displayName && now && now.displayName !== column.displayName ? { displayName: column.displayName } : {}),
        ...(now && (column.hidden === true) !== (now.hidden === true) ? { hidden: column.hidden === true } : {}),
      };
      if (now && Object.keys(change).length > 0) {
        await lists.updateColumn(definition.displayName, existing.id, now, change);
        report.columnsChanged.push(`${definition.displayName}.${column.name} (${Object.entries(change).map(([k, v]) => `${k} ${String(v)}`).join(", ")})`);
      }
      // A newer version's choices (a new way a reply can arrive) are added; none are removed.
      const stored = existing.choices.get(column.name);
      if (!stored || !("choice" in column)) continue;
      const missing = column.choice.choices.filter((c) => !stored.choices.includes(c));
      if (missing.length === 0) continue;
      await lists.setChoices(definition.displayName, existing.id, { id: stored.id, name: column.name, choices: [...stored.choices, ...missing] });
      report.columnsAdded.push(`${definition.displayName}.${column.name} (choices ${missing.join(", ")})`);
    }
  }
  if (!(await lists.findList(EVIDENCE_LIBRARY))) {
    await lists.createLibrary(EVIDENCE_LIBRARY, "Evidence files leads attached to actions in Assure: a folder per board, then per action");
    report.librariesCreated.push(EVIDENCE_LIBRARY);
  }
  report.readable = await fillReadableColumns(lists);
  if (stored !== SCHEMA_VERSION) await writeSchemaVersion(lists);
  return report;
}

export async function storedSchemaVersion(lists: SiteLists): Promise<number | null> {
  if (!(await lists.findList("Assure Settings"))) return null;
  const item = await lists.findByAssureId("settings", SCHEMA_KEY);
  return item ? Number(item.fields.Value) : null;
}

async function writeSchemaVersion(lists: SiteLists): Promise<void> {
  const item = await lists.findByAssureId("settings", SCHEMA_KEY);
  const fields = { Value: String(SCHEMA_VERSION) };
  if (item) await lists.patchFields("settings", item.itemId, fields, item.etag);
  else await lists.createItem("settings", { AssureId: SCHEMA_KEY, Title: "Schema version of Assure's lists", ...fields });
}
