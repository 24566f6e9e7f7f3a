import { writeFileSync } from "node:fs";
import { z } from "zod";
import { LISTS } from "../store/list-schema.js";
import type { SiteLists } from "../store/site-lists.js";
import { listsWorkbook, type ListRows } from "../paper/list-sheets.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

const ListsOptionsSchema = z.object({
  "as-sharepoint": z.literal(true, { error: "is required: the lists as SharePoint shows them (the only way this command writes them)" }),
  out: z.string({ error: "is required: the workbook to write" }).regex(/\.xlsx$/i, "must end in .xlsx"),
});

export async function listsCommand(args: string[], settings: Settings): Promise<string> {
  const options = readOptions("lists", args, { "as-sharepoint": { type: "boolean" }, out: { type: "string" } }, ListsOptionsSchema);
  const opened = await openStore(settings, { seedDemo: true });
  try {
    const site = settings.mode === "tenant" ? settings.graph.site : settings.site;
    const sources = await readListRows(opened.lists, site);
    writeFileSync(options.out, await listsWorkbook(sources));
    return `wrote ${options.out}: ${sources.map((s) => `${s.list.displayName} (${s.rows.length})`).join(", ")}`;
  } finally {
    await opened.close();
  }
}

/** Every list's rows through Graph, with what its lookups and person columns show. */
export async function readListRows(lists: SiteLists, site: string): Promise<ListRows[]> {
  const read = await Promise.all(LISTS.map(async (list) => ({ list, items: await lists.readItems(list.key, { withReadable: true }) })));
  const users = new Map((await lists.readSiteUserList()).map((u) => [u.id, u.name]));
  const sitePath = /:(\/[^:]*):?$/.exec(site)?.[1]?.replace(/^\//, "") ?? site;
  return read.map(({ list, items }) => {
    const lookups = new Map(
      list.columns.flatMap((c) => {
        if (!("lookup" in c)) return [];
        const target = read.find((r) => r.list.key === c.lookup.list);
        return [[c.name, new Map((target?.items ?? []).map((i) => [i.itemId, String(i.fields[c.lookup.columnName] ?? "")]))] as const];
      }),
    );
    return { list, rows: items.map((i) => i.fields), lookups, users, path: `${sitePath}/Lists/${list.displayName.replace(/\s+/g, "")}` };
  });
}
