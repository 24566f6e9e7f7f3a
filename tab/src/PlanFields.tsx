import { Field, Input } from "@fluentui/react-components";
import { CheckboxGroup } from "./CheckboxGroup";

/** A new plan's boards, chosen from those the person may start plans for (a plan may serve several, as LLR's does). */
export function BoardsField({ legend = "Board (choose more than one for a joint plan)", choices, chosen, onChange, error }: { legend?: string; choices: readonly string[]; chosen: string[]; onChange: (boards: string[]) => void; error: string | undefined }) {
  return <CheckboxGroup legend={legend} options={choices.map((b) => ({ id: b, label: b }))} chosen={chosen} onChange={onChange} error={error} />;
}

export type Period = { from: string; to: string };

/** A plan's period (its financial year, say), as two days; both empty for none. */
export function PeriodField({ period, onChange, error }: { period: Period; onChange: (p: Period) => void; error: string | undefined }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, display: "flex", gap: 8, flexWrap: "wrap" }}>
      <legend style={{ fontWeight: 600, padding: 0 }}>Period the plan covers (optional)</legend>
      <Field label="From"><Input type="date" value={period.from} onChange={(_, d) => onChange({ ...period, from: d.value })} /></Field>
      <Field label="To" validationMessage={error}><Input type="date" value={period.to} onChange={(_, d) => onChange({ ...period, to: d.value })} /></Field>
    </fieldset>
  );
}

/** The period to send: null when neither day is given. */
export const periodOrNull = (p: Period): Period | null => (p.from || p.to ? p : null);
