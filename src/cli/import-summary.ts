import { COLUMN_LABELS } from "../core/column-mapping.js";
import type { ImportOutcome } from "../core/import-changes.js";
import type { PlanImport } from "../core/plan-import.js";

/** An import preview as text for a person at a terminal: the tables read, what changes, and each problem. */
export function describeImport(name: string, read: PlanImport, outcome: ImportOutcome): string {
  const lines = [`${name} → ${read.isNew ? "new plan" : "plan"} "${read.plan.title}" (${read.plan.id})`];
  for (const t of read.tables) {
    lines.push(t.used ? `  table ${t.index} (${t.where}): columns ${t.header.map((h, i) => `${i} “${h.trim().slice(0, 30)}” → ${t.mapping[i] ? COLUMN_LABELS[t.mapping[i]!] : "not imported"}`).join("; ")}` : `  table ${t.index} (${t.where}): skipped, ${t.reason}`);
    // A table read with no header found: its top rows by number, so the person can name one with --header.
    if (!t.used && t.headerRow === null) for (const c of t.candidates.slice(0, 6)) lines.push(`    row ${c.row}: ${c.cells.filter((x) => x !== "").map((x) => `“${x}”`).join(" | ")}`);
  }
  lines.push(`  ${read.sections.length} sections, ${read.deliverables.length} key deliverables, ${read.actions.length} actions, ${read.progressUpdates.length} new progress updates`);
  const created = outcome.changes.filter((c) => c.what === "created");
  const edited = outcome.changes.filter((c) => c.what === "edited");
  lines.push(`  changes: ${created.length} new, ${edited.length} changed, ${outcome.unchanged} unchanged`);
  for (const c of edited) lines.push(`    ${c.label}: ${c.fields.map((f) => f.field).join(", ")}`);
  if (outcome.notInDocument.length > 0) lines.push(`  not in this document, left as they are: actions ${outcome.notInDocument.join(", ")}`);
  for (const p of read.problems) {
    // How to match a lead from here, with the closest entries when there are any; a new lead is added on the tab's Leads page.
    const closest = p.lead ? ` (${p.lead.closest.length ? `closest: ${p.lead.closest.map((l) => `${l.asWritten} = ${l.id}`).join("; ")}; ` : "no entry is close; the board's leads are on the tab's Leads page; "}match with --lead "${p.lead.asWritten}=<lead id>")` : "";
    lines.push(`  ${p.severity === "blocking" ? "MUST FIX" : "check"}: ${p.where}${p.refs.length ? ` (${p.refs.join(", ")})` : ""}: ${p.message}${closest}`);
  }
  if (read.problems.length === 0) lines.push("  nothing to fix");
  return lines.join("\n");
}
