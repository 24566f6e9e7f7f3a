import { z } from "zod";
import { UsageError } from "../core/errors.js";
import { upgradeEvents } from "../core/history-upgrade.js";
import { siteScript } from "../store/list-views.js";
import { provision } from "../store/provision.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

const ProvisionOptionsSchema = z
  .object({ site: z.string().min(1).optional(), "print-template": z.boolean().optional() })
  .refine((o) => o.site !== undefined || o["print-template"] === true, { message: "is required: the site URL or id", path: ["site"] });

/** Accepts a site URL (https://contoso.sharepoint.com/sites/sab) or a Graph site reference. */
export function siteReference(site: string): string {
  if (!/^https:\/\//i.test(site)) return site;
  const url = new URL(site);
  if (url.pathname === "/" || url.pathname === "") throw new UsageError(`provision: --site: "${site}" names no site path`);
  return `${url.hostname}:${url.pathname.replace(/\/$/, "")}:`;
}

export async function provisionCommand(args: string[], settings: Settings): Promise<string> {
  const options = readOptions("provision", args, { site: { type: "string" }, "print-template": { type: "boolean" } }, ProvisionOptionsSchema);
  // Graph has no view API: the views go to the administrator as a site script (docs/deploy.md).
  if (options["print-template"]) return JSON.stringify(siteScript(), null, 2);
  const ref = siteReference(options.site!);
  const target: Settings = settings.mode === "tenant" ? { ...settings, graph: { ...settings.graph, site: ref } } : { ...settings, site: ref };
  const opened = await openStore(target, { seedDemo: false });
  try {
    const report = await provision(opened.lists);
    // The history each action had before events were kept, as events, so past views read as they did.
    const { records } = await opened.store.readRecords();
    const events = upgradeEvents(records, await opened.store.readChanges({ all: true })).filter((e) => !records.actionEvents.some((x) => x.id === e.id));
    if (events.length > 0) await opened.store.appendActionEvents(events);
    const changes = [
      ...report.listsCreated.map((l) => `created list ${l}`),
      ...report.librariesCreated.map((l) => `created document library ${l}`),
      ...report.columnsAdded.map((c) => `added column ${c}`),
      ...report.columnsChanged.map((c) => `changed column ${c}`),
      ...Object.entries(report.readable.filled).map(([list, n]) => `filled the readable columns of ${n} row(s) in ${list}`),
      ...(report.readable.leadsWithoutPeople.length > 0 ? [`no site account for the people of: ${report.readable.leadsWithoutPeople.join("; ")} (their "Lead (people)" stays empty; "Lead" says who)`] : []),
      ...(events.length > 0 ? [`recorded ${events.length} action events from the change log and progress updates (each action's history before events were kept)`] : []),
    ];
    return [...(changes.length > 0 ? changes : ["nothing to change"]), `schema version ${report.schemaVersion}`].join("\n");
  } finally {
    await opened.close();
  }
}
