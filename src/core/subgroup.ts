import { z } from "zod";
import { IdSchema } from "./ids.js";

/** A board's subgroup (Review, Procedures, Audit…) or the board itself, as a plan lists them. */
export const SubgroupSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  kind: z.enum(["subgroup", "board"]),
  /** Which boards it serves, e.g. the Engagement Group is "Leicester SAB only". */
  boards: z.array(z.string().min(1)).min(1),
  role: z.string().min(1),
  chair: IdSchema.nullable(),
  /** When its chair's weekly digest goes (London time); null for Monday 08:30. */
  digestAt: z
    .object({
      weekday: z.number().int().min(1).max(5), // 1 = Monday … 5 = Friday
      hour: z.number().int().min(0).max(23),
      minute: z.number().int().min(0).max(59),
    })
    .nullable(),
  /** The year's extra deliverables, each tied to the plan that sets it. */
  deliverables: z.array(z.object({ planId: IdSchema, text: z.string().min(1) })),
});
export type Subgroup = z.infer<typeof SubgroupSchema>;
