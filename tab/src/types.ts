import type { BoardAction, BoardPlan } from "../../src/core/plan-board.js";
import type { Person } from "../../src/core/lead.js";
import type { Roles } from "../../src/core/roles.js";
import type { PlanCounts } from "../../src/core/plan-counts.js";

export type { ProgressUpdate } from "../../src/core/progress-update.js";
export type { Rating } from "../../src/core/rag.js";

/** A plan row: on the plan board, `updates` holds only the latest update and `updateCount` says how many there are. */
export type TabAction = BoardAction & { version: string; updateCount?: number };
export type TabPlan = Omit<BoardPlan, "sections"> & {
  version: string;
  sections: (Omit<BoardPlan["sections"][number], "actions" | "deliverables"> & {
    version: string;
    actions: TabAction[];
    deliverables: (Omit<BoardPlan["sections"][number]["deliverables"][number], "actions"> & { actions: TabAction[] })[];
  })[];
};

export interface Directory {
  leads: { id: string; asWritten: string; members: string[]; subgroups: string[] }[];
  people: { id: string; displayName: string; jobTitle: string }[];
  subgroups: { id: string; name: string; chair: string | null }[];
}

export interface Board {
  plan: TabPlan;
  directory: Directory;
  today: string;
}

export interface Me {
  name: string;
  person: Person | null;
  roles: Roles | null;
  /** An Assure administrator: may bind people to who signs in as them. */
  admin: boolean;
  developmentPeople: { id: string; displayName: string; jobTitle: string }[] | null;
  /** Every board the plans name, for the board switcher. */
  boards: string[];
}

export interface PlanSummary {
  id: string;
  title: string;
  kind: string;
  boards: string[];
  status: string;
  actions: number;
  counts: PlanCounts;
}
