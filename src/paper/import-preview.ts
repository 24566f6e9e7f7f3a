import { importChanges, type ImportOutcome } from "../core/import-changes.js";
import { readPlanImport, type ImportChoices, type ImportContext, type PlanImport } from "../core/plan-import.js";
import type { SourceDocument } from "../core/source-table.js";
import { importRefusals } from "../store/import-writer.js";

/**
 * The import preview of a document already read: what readPlanImport and importChanges make of it,
 * with everything the store would refuse added to its problems, so preview and store never
 * disagree. The document worker runs it for the server and `assure import`; tests run it in-thread.
 */
export function previewImport(document: SourceDocument, choices: ImportChoices, context: ImportContext): { read: PlanImport; outcome: ImportOutcome } {
  const read = readPlanImport(document, choices, context);
  const outcome = importChanges(read, context.existing);
  read.problems.push(...importRefusals(read, outcome));
  return { read, outcome };
}
