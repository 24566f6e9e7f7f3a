import { z } from "zod";

/** When leads are reminded; each plan may set its own (a plan without one uses the default). */
export const ReminderPolicySchema = z.object({
  /** Days before a deadline; 0 is the day itself. */
  daysBefore: z.array(z.number().int().min(0).max(365)).min(1).default([28, 14, 7, 1, 0]),
  /** While overdue, every this many days. */
  overdueEveryDays: z.number().int().min(1).max(90).default(7),
  /** How many of those before overdue reminders go monthly instead. */
  overdueWeeklyFor: z.number().int().min(0).max(52).default(4),
  sendAt: z.object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) }).default({ hour: 9, minute: 0 }),
  /** Overdue reminders left unanswered before the subgroup chair is told (and a week later, the board manager). */
  escalateAfterOverdue: z.number().int().min(1).max(20).default(2),
  /** How long "Snooze" holds a reminder back. */
  snoozeDays: z.number().int().min(1).max(60).default(7),
});
export type ReminderPolicy = z.infer<typeof ReminderPolicySchema>;
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = ReminderPolicySchema.parse({});

