import { z } from "zod";
import { UsageError } from "../core/errors.js";
import { provision } from "../store/provision.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

export const PROVISION_USAGE = "assure provision --site <site>          create or upgrade Assure's lists in a site";

const ProvisionOptionsSchema = z.object({ site: z.string({ error: "is required: the site URL or id" }).min(1) });

/** Accepts a site URL (https://contoso.sharepoint.com/sites/sab) or a Graph site reference. */
export function siteReference(site: string): string {
  if (!/^https:\/\//i.test(site)) return site;
  const url = new URL(site);
  if (url.pathname === "/" || url.pathname === "") throw new UsageError(`provision: --site: "${site}" names no site path`);
  return `${url.hostname}:${url.pathname.replace(/\/$/, "")}:`;
}

export async function provisionCommand(args: string[], settings: Settings): Promise<string> {
  const { site } = readOptions("provision", args, { site: { type: "string" } }, ProvisionOptionsSchema);
  const ref = siteReference(site);
  const target: Settings = settings.mode === "tenant" ? { ...settings, graph: { ...settings.graph, site: ref } } : { ...settings, site: ref };
  const opened = await openStore(target, { seedDemo: false });
  try {
    const report = await provision(opened.lists);
    const changes = [
      ...report.listsCreated.map((l) => `created list ${l}`),
      ...report.columnsAdded.map((c) => `added column ${c}`),
      ...report.columnsChanged.map((c) => `changed column ${c}`),
      ...Object.entries(report.readable.filled).map(([list, n]) => `filled the readable columns of ${n} row(s) in ${list}`),
      ...(report.readable.leadsWithoutPeople.length > 0 ? [`no site account for the people of: ${report.readable.leadsWithoutPeople.join("; ")} (their "Lead (people)" stays empty; "Lead" says who)`] : []),
    ];
    return [...(changes.length > 0 ? changes : ["nothing to change"]), `schema version ${report.schemaVersion}`].join("\n");
  } finally {
    await opened.close();
  }
}
