import { z } from "zod";
import { ukDay } from "./event-words.js";
import { middayOf, writtenDate } from "./written-date.js";
import type { Action, LeadRef } from "./action.js";
import { closestLeads } from "./closest-leads.js";
import { ColumnFieldSchema, type ColumnField } from "./column-mapping.js";
import { IdSchema, slugOf, textOf, unsafeTextProblem } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import { leadKey, resolveLead, sharesBoard, type Lead } from "./lead.js";
import { draftPlan } from "./plan-edit.js";
import { planYearOf } from "./plan-year.js";
import type { Deliverable, Plan, Section } from "./plan.js";
import { readPlanTables, readHeading, type PlanRow, type TableReport } from "./plan-tables.js";
import type { ProgressUpdate } from "./progress-update.js";
import { ratingOfFill, ratingWord, readRating, twoRatings, type Rating } from "./rag.js";
import type { BoardRecords } from "./records.js";
import type { SourceDocument } from "./source-table.js";
import { parseTimescale } from "./timescale.js";

/**
 * A plan document read into the records it would become, before anything is stored: every
 * recommendation (or priority), key deliverable and action, each problem flagged for a person,
 * nothing guessed silently. Rows are matched to what the plan already holds by ref, so an
 * updated copy of the same document updates the plan in place.
 */

/** What the person chose in the preview: the plan, corrected column mappings, and leads they matched by hand. */
export const ImportChoicesSchema = z
  .object({
    planId: IdSchema.nullable().default(null),
    /** By table index (as the preview numbers them): each column's field, or null to leave it out. */
    mappings: z.record(z.string().regex(/^\d{1,3}$/, "tables are numbered 0, 1, 2 …"), z.array(ColumnFieldSchema.nullable()).max(60)).default({}),
    /** A lead as the document writes it → the leads-directory entry it means. */
    leadFixes: z.record(z.string().max(255), IdSchema).default({}),
    /** By table index: the row (from 0) that is the table's header, where the guess is wrong or found none. */
    headerRows: z.record(z.string().regex(/^\d{1,3}$/, "tables are numbered 0, 1, 2 …"), z.number().int().min(0).max(200)).optional(),
    /**
     * A new plan's title, boards and period as the person gave or corrected them in the preview.
     * Boards are a list (a plan may serve several boards, as LLR's does), chosen from the importing
     * person's; the command line's --board names one.
     */
    title: textOf(300).optional(),
    boards: z.array(textOf(200)).min(1, "name at least one board").max(10).optional(),
    period: z.object({ from: IsoDateSchema, to: IsoDateSchema }).refine((p) => p.from <= p.to, { message: "a plan's period must end after it starts", path: ["to"] }).nullable().optional(),
  })
  .strict();
export type ImportChoices = z.infer<typeof ImportChoicesSchema>;

export interface ImportProblem {
  /** "blocking": nothing is stored until it is fixed; "check": stored as shown, but a person should look. */
  severity: "blocking" | "check";
  where: string;
  refs: string[];
  field: ColumnField | "table" | "plan";
  message: string;
  /** A lead the directory does not know: as written, and the closest entries to choose from. */
  lead?: { asWritten: string; closest: { id: string; asWritten: string }[] };
}

export interface PlanImport {
  plan: Plan;
  isNew: boolean;
  sections: Section[];
  deliverables: Deliverable[];
  actions: Action[];
  progressUpdates: ProgressUpdate[];
  tables: TableReport[];
  problems: ImportProblem[];
}

export interface ImportContext {
  existing: BoardRecords;
  today: IsoDate;
  now: string;
  /** Board managers for a new plan (whoever imports it, from the tab). */
  managers: string[];
  /** The boards a new plan belongs to; if not given, those of the site's plans. */
  boards?: string[];
}

// Control characters (Word's manual line break arrives as a vertical tab) and bidirectional overrides.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
/** Text as the document wrote it, with what no stored text may hold (control, bidi override, lone surrogate) taken out. */
export function cleaned(written: string): { text: string; problem: string | null } {
  const problem = unsafeTextProblem(written);
  return { text: problem === null ? written.trim() : written.replace(UNSAFE, " ").replace(/[\uD800-\uDFFF]/g, "\uFFFD").replace(/ {2,}/g, " ").trim(), problem };
}
const withoutBullet = (text: string) => text.replace(/^(?:[•·▪‣◦●○■□➢➤✓*–—-]\s*)+/u, "").trim();
// FNV-1a: a progress update read from the document gets the same id each time it is read, so re-importing adds nothing.
const fingerprint = (text: string) => {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h.toString(36);
};

export function readPlanImport(document: SourceDocument, choices: ImportChoices, context: ImportContext): PlanImport {
  const byTable = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [Number(k), v]));
  const { rows, tables } = readPlanTables(document, byTable(choices.mappings), byTable(choices.headerRows ?? {}));
  const problems: ImportProblem[] = [];
  const flag = (severity: ImportProblem["severity"], row: { where: string } | null, refs: string[], field: ImportProblem["field"], message: string) =>
    problems.push({ severity, where: row?.where ?? document.name, refs, field, message });
  // A choice that names no table or column is an error, never ignored.
  for (const [key, mapping] of Object.entries(choices.mappings)) {
    const table = tables[Number(key)];
    if (!table) flag("blocking", null, [], "table", `the column mapping names table ${key}, but ${document.name} has ${tables.length === 1 ? "one table (0)" : `${tables.length} tables (0 to ${tables.length - 1})`}`);
    else if (table.headerRow !== null && mapping.length > table.header.length) flag("blocking", null, [], "table", `the column mapping names column ${mapping.length - 1} of ${table.where}, which has ${table.header.length} columns (0 to ${table.header.length - 1})`);
  }
  for (const [key, row] of Object.entries(choices.headerRows ?? {})) {
    const table = document.tables[Number(key)];
    if (!table) flag("blocking", null, [], "table", `the header row choice names table ${key}, but ${document.name} has ${tables.length} tables`);
    else if (row >= table.rows.length) flag("blocking", null, [], "table", `the header row choice names row ${row} of ${table.where}, which has ${table.rows.length} rows`);
  }
  if (rows.length === 0) flag("blocking", null, [], "table", `no plan table found in ${document.name}: a plan table has a header row naming an action column and at least one other (lead, timescale, RAG …). Choose the header row and map the columns (in the tab, or assure import --header <table>:<row> --map <table>:<column>=action)`);

  const plan = planFor(document, rows, choices, context, flag);
  const isNew = !context.existing.plans.some((p) => p.id === plan.id);
  const stored = {
    sections: context.existing.sections.filter((s) => s.planId === plan.id),
    actions: new Map(context.existing.actions.filter((a) => a.planId === plan.id).map((a) => [a.ref, a])),
    deliverables: new Map(context.existing.deliverables.map((d) => [`${d.sectionId}|${d.ref}`, d])),
    updates: new Set(context.existing.progressUpdates.map((u) => u.id)),
  };
  // Looked up per row, so kept as maps: a 20,000-row table is read in one pass.
  const refsUsed = new Set<string>();
  const deliverablesIn = new Map<string, number>();
  const timescaleContext = { periodFrom: plan.period?.from ?? null, boardMeetings: plan.boardMeetings };
  // Only the plan's own boards' directory: a lead another board keeps is never this plan's, whatever its words.
  const leads = readLeads(context.existing.leads.filter((l) => sharesBoard(l.boards, plan.boards)), plan.boards, choices.leadFixes, flag);

  const sections = new Map<string, Section>();
  const deliverables = new Map<string, Deliverable>();
  const actions = new Map<string, Action>();
  const progressUpdates: ProgressUpdate[] = [];
  const undatedUpdates: string[] = [];
  const children = new Map<string, number>();
  let current: { table: number; heading: PlanRow["heading"]; section: Section | null; deliverable: Deliverable | null } = { table: -1, heading: null, section: null, deliverable: null };

  for (const row of rows) {
    const text = (field: ColumnField) => {
      const { text: safe, problem } = cleaned(row.cells[field]?.text ?? "");
      if (problem) flag("check", row, [], field, `the ${field} cell ${problem}; those characters are left out`);
      return safe;
    };
    // A new table, or a banner row across the table, starts a new section.
    if (row.table !== current.table || row.heading !== current.heading) current = { table: row.table, heading: row.heading, section: null, deliverable: null };
    const ref = slugRef(text("ref"));
    const section = sectionOf(row, text, ref, current.section, plan, stored.sections, sections, flag);
    if (section !== current.section) current = { ...current, section, deliverable: null };

    if (text("deliverable")) {
      const key = `${section.id}|${text("deliverable")}`;
      if (!deliverables.has(key)) {
        const nth = (deliverablesIn.get(section.id) ?? 0) + 1;
        deliverablesIn.set(section.id, nth);
        const dRef = `${section.number}.${nth}`;
        const was = stored.deliverables.get(`${section.id}|${dRef}`);
        deliverables.set(key, { id: was?.id ?? `${plan.id}/d${dRef}`, sectionId: section.id, ref: dRef, text: text("deliverable"), lead: leads.ref(text("lead"), row, [dRef]), partners: text("partners") || null });
      }
      current.deliverable = deliverables.get(key)!;
    }
    const deliverable = current.deliverable;

    const actionText = withoutBullet(text("action"));
    if (!actionText) {
      const said = (["lead", "timescale", "outcome", "rating", "progress"] as const).filter((f) => text(f) !== "");
      if (said.length > 0 && !(deliverable && text("deliverable"))) flag("check", row, [], "action", `a row with ${said.join(", ")} but no action; it is left out`);
      continue;
    }
    const parent = deliverable?.ref ?? section.number;
    const actionRef = ref ?? `${parent}.${(children.get(parent) ?? 0) + 1}`;
    children.set(parent, (children.get(parent) ?? 0) + 1);
    if (refsUsed.has(actionRef)) {
      flag("blocking", row, [actionRef], "ref", `ref ${actionRef} is used twice in the document; give each action its own ref`);
      continue;
    }
    refsUsed.add(actionRef);
    const was = stored.actions.get(actionRef) ?? null;
    const rating = ratingOf(row, actionRef, flag);
    const action: Action = {
      status: { state: "open" },
      revisedDeadline: null,
      latestUpdate: null,
      ...was,
      id: was?.id ?? `${plan.id}/${actionRef}`,
      planId: plan.id,
      sectionId: section.id,
      deliverableId: deliverable?.id ?? null,
      ref: actionRef,
      text: actionText,
      lead: text("lead") ? leads.ref(text("lead"), row, [actionRef]) : (deliverable?.lead ?? leads.ref("", row, [actionRef])),
      partners: text("partners") || (deliverable?.partners ?? null),
      expectedOutcome: text("outcome") || null,
      timescale: parseTimescale(text("timescale"), timescaleContext),
      rating: rating.rating,
      ratingAsWritten: rating.asWritten,
    };
    if (!action.timescale.understood) flag("check", row, [actionRef], "timescale", `timescale ${JSON.stringify(action.timescale.text)} is not understood (${action.timescale.problem}); no reminders until it is fixed`);
    actions.set(action.id, action);
    const progress = text("progress");
    if (progress) {
      const id = `${action.id}/doc-${fingerprint(progress)}`;
      if (!stored.updates.has(id)) {
        // Dated as the document dates it, so a paper about an earlier day shows it; else on import, and the preview says so.
        const written = writtenDate(progress, context.today);
        if (written === null) undatedUpdates.push(actionRef);
        progressUpdates.push({ id, actionId: action.id, author: { personId: null, name: `the plan document (${document.name})` }, at: written ? middayOf(written) : context.now, text: progress.slice(0, 4000), evidence: [], rating: action.rating, proposedDeadline: null, markedComplete: false, via: "plan-document" });
      }
    }
  }
  problems.push(...leads.problems());
  if (undatedUpdates.length > 0) {
    const n = undatedUpdates.length;
    flag("check", null, undatedUpdates, "progress", `${n === 1 ? "1 progress update gives" : `${n} progress updates give`} no date of its own (none opens with one, such as "12/03/2016:" or "March 2016 –"), so ${n === 1 ? "it is" : "they are"} dated on import, ${ukDay(context.today)}: papers about earlier days will not show ${n === 1 ? "it" : "them"}. To keep a date, write it at the start of the update in the document and import again`);
  }
  return { plan, isNew, sections: [...sections.values()], deliverables: [...deliverables.values()], actions: [...actions.values()], progressUpdates, tables, problems };
}

const slugRef = (text: string): string | null => {
  const ref = text.replace(/\.$/, "").trim();
  return ref === "" ? null : ref.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^[^a-z0-9]+/, "") || null;
};

type Flag = (severity: ImportProblem["severity"], row: { where: string } | null, refs: string[], field: ImportProblem["field"], message: string) => void;

const PLAN_WORDS = /\b(plan|tracker|strategy|strategic|priorities|programme|action log|improvement)\b|(?<!\d)20\d\d\s*[/-]\s*\d\d(?!\d)/i;

function planFor(document: SourceDocument, rows: PlanRow[], choices: ImportChoices, context: ImportContext, flag: Flag): Plan {
  const existing = context.existing.plans.find((p) => p.id === choices.planId);
  // The heading that names the plan ("Business Plan 2024/25"), not the first line (often the board's name).
  const lines = [...(document.tables[0]?.above ?? []), ...(rows[0]?.above ?? [])].filter((line) => line.trim() !== "" && readHeading(line) === null);
  // "Appendix 1: multi-agency action plan" names the kind of document, not the plan: a line with the plan's year, or else any but an appendix line, is preferred.
  const naming = lines.filter((line) => PLAN_WORDS.test(line));
  const written = (naming.find((line) => planYearOf([line]) !== null) ?? naming.find((line) => !/^appendix\b/i.test(line.trim())) ?? naming[0] ?? lines[0])?.trim().slice(0, 300) ?? document.name.replace(/\.[a-z]+$/i, "");
  const safe = cleaned(written);
  if (safe.problem) flag("check", null, [], "plan", `the plan's title ${safe.problem}; those characters are left out`);
  const title = choices.title ?? (safe.text || document.name);
  const id = choices.planId ?? (slugOf(title, 60) || "imported-plan");
  const sameId = existing ?? context.existing.plans.find((p) => p.id === id);
  if (sameId) return sameId;
  const business = rows.some((r) => r.cells.deliverable?.text.trim() || r.sectionWord === "priority" || r.heading?.kind === "priority");
  // Never every board on the site: the boards named (chosen from the importing person's), else the site's only board set.
  const sets = [...new Set(context.existing.plans.map((p) => JSON.stringify([...p.boards].sort())))];
  const boards = choices.boards ?? (context.boards?.length ? context.boards : sets.length === 1 ? (JSON.parse(sets[0]!) as string[]) : []);
  const named = [...new Set(context.existing.plans.flatMap((p) => p.boards))];
  if (boards.length === 0) flag("blocking", null, [], "plan", named.length === 0 ? "the site has no plan yet to take the board's name from: name the board (assure import --board), or create the plan in the tab first and import into it" : `name the board this plan belongs to (assure import --board): the boards there are ${named.map((b) => `"${b}"`).join(", ")}`);
  if (context.managers.length === 0) flag("check", null, [], "plan", "the new plan has no board manager: an administrator should add one (Edit plan)");
  return draftPlan({
    id,
    kind: business ? "business-plan" : "sar-action-plan",
    title,
    boards: boards.length > 0 ? boards : [title],
    review: null,
    // The plan's year, from its title, a sheet's name or the file's name ("2024/25"), so "End of Q3" has a year.
    period: choices.period !== undefined ? choices.period : planYearOf([title, ...document.tables.map((t) => t.where), document.name]),
    managers: context.managers,
    source: `Imported from ${document.name} on ${context.today}`.slice(0, 255),
    today: context.today,
  });
}

function sectionOf(
  row: PlanRow,
  text: (f: ColumnField) => string,
  ref: string | null,
  current: Section | null,
  plan: Plan,
  stored: readonly Section[],
  sections: Map<string, Section>,
  flag: Flag,
): Section {
  const written = text("section");
  let number: string;
  let title: string;
  // The same words again are the same section: a "Priority" column repeats its priority on each row.
  const sameTitle = (t: string) => [...sections.values()].find((s) => s.title.toLowerCase() === t.toLowerCase());
  if (written) {
    const heading = readHeading(written);
    if (!heading) {
      const again = sameTitle(written);
      if (again) return again;
    }
    number = heading?.number ?? String(sections.size + 1);
    title = heading?.title ?? written;
    if (!heading) flag("check", row, [], "section", `this ${row.sectionWord ?? "recommendation"} has no number; it is numbered ${number} in order`);
  } else if (current) {
    return current;
  } else if (row.heading) {
    const again = row.heading.number === "" ? sameTitle(row.heading.title) : undefined;
    if (again) return again;
    number = row.heading.number || String(sections.size + 1);
    const safe = cleaned(row.heading.title);
    title = safe.text;
    if (safe.problem) flag("check", row, [], "section", `the heading "${safe.text}" ${safe.problem}; those characters are left out`);
  } else if (ref?.includes(".")) {
    number = ref.split(".")[0]!;
    title = stored.find((s) => s.number === number)?.title ?? `${number}`;
    if (!stored.some((s) => s.number === number)) flag("check", row, [ref], "section", `no recommendation or priority is given; section ${number} is taken from the ref`);
  } else {
    number = "1";
    title = plan.title;
    flag("check", row, [], "section", "no recommendation or priority is given (no column, heading or numbered ref); the actions are put under one section");
  }
  const key = number;
  const found = sections.get(key);
  if (found) return found;
  const kind = row.sectionWord ?? row.heading?.kind ?? (plan.kind === "business-plan" ? "priority" : "recommendation");
  const was = stored.find((s) => s.number === number);
  const section: Section = {
    rationale: [],
    successMeasures: [],
    ...was,
    id: was?.id ?? `${plan.id}/${kind === "priority" ? "p" : "r"}${slugOf(number.replace(/\./g, "-"), 20)}`,
    planId: plan.id,
    kind,
    number,
    title: title.slice(0, 2000),
    source: text("source") || (was?.source ?? null),
  };
  sections.set(key, section);
  return section;
}

/**
 * The rating from the cell's words, or its fill when it has none. What the problem says is what is
 * stored: words that are not a rating leave the action unrated (never rated from the fill
 * instead), and words and a fill that disagree keep the words.
 */
function ratingOf(row: PlanRow, ref: string, flag: Flag): { rating: Rating | null; asWritten: string | null } {
  const written = row.cells.rating?.text.trim() ?? "";
  const fill = row.cells.rating?.fill ?? null;
  const byFill = fill ? ratingOfFill(fill) : null;
  const read = readRating(written);
  if (read !== null && typeof read === "object") {
    flag("check", row, [ref], "rating", `${read.problem}; left unrated${byFill ? ` (the cell is coloured ${byFill}, but its words decide)` : ""}`);
    return { rating: null, asWritten: written };
  }
  if (written === "" && fill && byFill === null) flag("check", row, [ref], "rating", `the rating cell's colour ${fill} is not a RAG colour; left unrated`);
  const between = twoRatings(written);
  if (between) flag("check", row, [ref], "rating", `${JSON.stringify(written)} names two ratings, ${ratingWord(between[0])} and ${ratingWord(between[1])}; read as ${ratingWord(between[0])}, the more cautious`);
  else if (written !== "" && byFill !== null && read !== byFill) flag("check", row, [ref], "rating", `the rating cell says ${JSON.stringify(written)} but is coloured ${byFill}; the words are used (${read ?? "not rated"})`);
  return { rating: written !== "" ? read : byFill, asWritten: written || null };
}

/** Leads resolved against the directory (and the person's own matches); each unknown lead flagged once, with the closest entries. */
function readLeads(directory: readonly Lead[], boards: readonly string[], fixes: Record<string, string>, flag: Flag) {
  const fixed = new Map<string, Lead>();
  for (const [asWritten, id] of Object.entries(fixes)) {
    const lead = directory.find((l) => l.id === id);
    if (lead) fixed.set(leadKey(asWritten), lead);
    else flag("blocking", null, [], "lead", `"${asWritten}" was matched to lead "${id}", which is not in ${boards.join(" and ")}'s leads directory`);
  }
  const unknown = new Map<string, ImportProblem>();
  // Resolved once per lead as written: a 20,000-row plan names a few dozen leads.
  const resolved = new Map<string, Lead | null>();
  return {
    ref(asWritten: string, row: PlanRow, refs: string[]): LeadRef {
      const key = leadKey(asWritten);
      // A lead the person matched takes the directory's wording, so it resolves the same way ever after.
      const matched = fixed.get(key);
      if (matched) return { asWritten: matched.asWritten, leadId: matched.id };
      if (!resolved.has(key)) resolved.set(key, asWritten ? resolveLead(asWritten, directory, boards) : null);
      const lead = resolved.get(key)!;
      if (lead) return { asWritten, leadId: lead.id };
      const problem = unknown.get(key);
      if (problem) problem.refs.push(...refs);
      else {
        const closest = closestLeads(asWritten, directory).map((l) => ({ id: l.id, asWritten: l.asWritten }));
        unknown.set(key, {
          severity: asWritten ? "check" : "blocking",
          where: row.where,
          refs: [...refs],
          field: "lead",
          message: asWritten ? `lead "${asWritten}" is not in ${boards.join(" and ")}'s leads directory, so nobody will be reminded: match it to one of this board's leads, or add it as a new lead of this board` : "no lead is given: choose one from the leads directory",
          lead: { asWritten, closest },
        });
      }
      return { asWritten: asWritten || "(no lead given)", leadId: null };
    },
    problems: () => [...unknown.values()],
  };
}
