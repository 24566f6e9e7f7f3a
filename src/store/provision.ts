import { LISTS, SCHEMA_VERSION } from "./list-schema.js";
import type { SiteLists } from "./site-lists.js";
import { StoreError } from "./store-error.js";

export interface ProvisionReport {
  listsCreated: string[];
  columnsAdded: string[];
  schemaVersion: number;
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
  const report: ProvisionReport = { listsCreated: [], columnsAdded: [], schemaVersion: SCHEMA_VERSION };
  for (const definition of LISTS) {
    const existing = await lists.findList(definition.displayName);
    if (!existing) {
      await lists.createList(definition);
      report.listsCreated.push(definition.displayName);
      continue;
    }
    for (const column of definition.columns) {
      if (!existing.columns.includes(column.name)) {
        await lists.addColumn(definition.displayName, existing.id, column);
        report.columnsAdded.push(`${definition.displayName}.${column.name}`);
        continue;
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
