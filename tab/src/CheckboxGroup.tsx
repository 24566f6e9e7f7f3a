import { Body1, Checkbox } from "@fluentui/react-components";

/** Checkboxes as one labelled group (a Fluent Field would give them all one id). */
export function CheckboxGroup({ legend, options, chosen, onChange, error }: { legend: string; options: { id: string; label: string }[]; chosen: string[]; onChange: (ids: string[]) => void; error: string | undefined }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontWeight: 600, padding: 0 }}>{legend}</legend>
      <div style={{ maxHeight: 200, overflowY: "auto", display: "grid" }}>
        {options.map((o) => (
          <Checkbox key={o.id} label={o.label} checked={chosen.includes(o.id)} onChange={(_, d) => onChange(d.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))} />
        ))}
      </div>
      {error && <Body1 role="alert" style={{ color: "var(--colorPaletteRedForeground1)" }}>{error}</Body1>}
    </fieldset>
  );
}
