import { Badge, Field, Select } from "@fluentui/react-components";
import { DEV_PERSON_KEY } from "./api";
import type { Me } from "./types";

/** Local mode only: who you are is a choice, and the page says so plainly. */
export function DevelopmentIdentity({ me, onChange, compact = false }: { me: Me; onChange: () => void; compact?: boolean }) {
  const select = (
        <Select
          // On a phone the select stands alone, named for screen readers, to keep the header short.
          aria-label={compact ? "Signed in as" : undefined}
          // The longest name would otherwise set the width and push the page sideways on a phone.
          style={{ width: "100%", minWidth: 0 }}
          root={{ style: { width: "100%", minWidth: 0 } }}
          value={me.person?.id ?? ""}
          onChange={(_, d) => {
            if (d.value) localStorage.setItem(DEV_PERSON_KEY, d.value);
            else localStorage.removeItem(DEV_PERSON_KEY);
            onChange();
          }}
        >
          <option value="">Nobody (read only)</option>
          {me.developmentPeople!.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName} ({p.jobTitle})
            </option>
          ))}
        </Select>
  );
  if (compact) {
    return (
      <>
        <Badge appearance="outline" color="warning" title="Local mode: development identity">Local mode</Badge>
        <div style={{ flex: "1 1 140px", minWidth: 0 }}>{select}</div>
      </>
    );
  }
  return (
    <div style={{ marginLeft: "auto", display: "flex", alignItems: "center", gap: 8, flexWrap: "wrap", maxWidth: "100%" }}>
      <Badge appearance="outline" color="warning">Local mode: development identity</Badge>
      <Field label="Signed in as" orientation="horizontal" style={{ flex: "1 1 260px", minWidth: 0, maxWidth: 420 }}>
        {select}
      </Field>
    </div>
  );
}
