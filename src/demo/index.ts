import { BoardRecordsSchema, withBoards, type BoardRecords } from "../core/records.js";
import { COVENTRY_PLAN, coventryRecords } from "./coventry-sar-mrs-e.js";
import { LLR_PLAN, LLR_SUBGROUPS, llrRecords } from "./llr-business-plan-2022-23.js";
import { DEMO_LEADS, DEMO_PEOPLE } from "./people.js";

/** The two real plans with the demo leads directory, checked as any stored records are. */
export function demoRecords(): BoardRecords {
  const coventry = coventryRecords(DEMO_LEADS);
  const llr = llrRecords(DEMO_LEADS);
  // People belong to the boards they manage, lead in or chair a subgroup of.
  return withBoards(BoardRecordsSchema.parse({
    plans: [COVENTRY_PLAN, LLR_PLAN],
    sections: [...coventry.sections, ...llr.sections],
    deliverables: llr.deliverables,
    actions: [...coventry.actions, ...llr.actions],
    progressUpdates: [],
    people: DEMO_PEOPLE,
    leads: DEMO_LEADS,
    subgroups: LLR_SUBGROUPS,
  }));
}
