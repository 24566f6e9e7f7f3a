import { z } from "zod";
import { IdSchema, slugOf, textOf } from "./ids.js";
import { InputError } from "./errors.js";

/**
 * A theme a finding can carry, from the board's own taxonomy. Boards edit their taxonomy
 * (rename, add, retire); a theme is never deleted, since findings in the register name it.
 */
export const ThemeSchema = z.object({
  id: IdSchema,
  board: textOf(200),
  name: textOf(120),
  description: textOf(1000).nullable(),
  /** Where the theme came from: the national analysis seed, or the board itself. */
  origin: z.enum(["national-analysis-2024", "board"]),
  /** Retired themes stay on the findings that carry them, but are not offered for new ones. */
  retired: z.boolean(),
});
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * The seed: types of abuse and neglect and the practice themes the second national analysis
 * of SARs (Partners in Care and Health, 2024; 652 SARs, April 2019 to March 2023) reports.
 * A starting point each board edits, not a closed list.
 */
export const NATIONAL_ANALYSIS_THEMES: readonly { name: string; description: string }[] = [
  { name: "Self-neglect", description: "The most common type of abuse or neglect in the analysis (60 % of SARs)." },
  { name: "Neglect and acts of omission", description: "Care or support needed and not given." },
  { name: "Domestic abuse", description: "Including coercive control and abuse by family members." },
  { name: "Sexual exploitation", description: "Sexual abuse and exploitation, including of younger adults." },
  { name: "Financial abuse", description: "Financial or material abuse, scams and cuckooing." },
  { name: "Organisational abuse", description: "Abuse or neglect in or by a care setting or service." },
  { name: "Mental capacity", description: "Assessment of capacity, best-interests decisions and executive capacity." },
  { name: "Mental health", description: "Mental ill health and access to mental health services." },
  { name: "Substance use", description: "Alcohol and drug use, and services for them." },
  { name: "Homelessness", description: "Rough sleeping, insecure housing and housing services." },
  { name: "Hospital discharge", description: "Discharge planning and the move from hospital to home or care." },
  { name: "Transitions", description: "Moving from children's to adult services, and between services." },
  { name: "Information sharing", description: "Agencies sharing what they know, in time." },
  { name: "Multi-agency working", description: "Coordination, lead professional and multi-agency meetings." },
  { name: "Risk assessment", description: "Assessing, recording and reviewing risk." },
  { name: "Legal literacy", description: "Knowing and using the legal powers and duties available." },
  { name: "Making safeguarding personal", description: "The person's own voice, wishes and outcomes." },
  { name: "Professional curiosity", description: "Looking beyond what is presented; challenge and escalation." },
  { name: "Carers", description: "Carers' assessments and support, and carers as a source of risk." },
  { name: "Supervision and workforce", description: "Supervision, training and staff capacity." },
];

const themeId = (board: string, name: string) => `theme-${slugOf(board, 60)}-${slugOf(name, 60)}`;

/** The seed taxonomy for a board: what a new board starts with. */
export function seedThemes(board: string): Theme[] {
  return NATIONAL_ANALYSIS_THEMES.map((t) => ({ id: themeId(board, t.name), board, name: t.name, description: t.description, origin: "national-analysis-2024", retired: false }));
}

/** A theme the board adds; refused if one of its themes already has that name. */
export function newTheme(board: string, input: { name: string; description: string | null }, existing: readonly Theme[]): Theme {
  const name = input.name.trim();
  const clash = existing.find((t) => t.board === board && t.name.toLowerCase() === name.toLowerCase());
  if (clash) throw new InputError("name", `the board already has the theme "${clash.name}"${clash.retired ? " (retired: bring it back instead)" : ""}`);
  if (slugOf(name, 60) === "") throw new InputError("name", "a theme's name needs letters or digits");
  return ThemeSchema.parse({ id: themeId(board, name), board, name, description: input.description, origin: "board", retired: false });
}

/** The themes offered for a new finding: the board's own, not retired, by name. */
export const activeThemes = (themes: readonly Theme[], board: string): Theme[] =>
  themes.filter((t) => t.board === board && !t.retired).sort((a, b) => a.name.localeCompare(b.name));
