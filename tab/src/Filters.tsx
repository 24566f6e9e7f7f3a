import { Button, Checkbox, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { PlanFilter } from "../../src/core/plan-filter.js";
import { RATINGS, RATING_WORD } from "./format";
import type { Directory } from "./types";
import { DUE_SOON_DAYS } from "../../src/core/due-soon.js";

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: "8px 16px", alignItems: "end", padding: "8px 16px", backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, "@media print": { display: "none" } },
  flags: { display: "flex", flexWrap: "wrap", gap: "0 4px", alignItems: "center" },
});


export function Filters({ filter, directory, leadIds, onChange }: { filter: PlanFilter; directory: Directory; leadIds: Set<string>; onChange: (f: Partial<PlanFilter>) => void }) {
  const s = useStyles();
  const leads = directory.leads.filter((l) => leadIds.has(l.id));
  return (
    <div role="search" className={s.bar} aria-label="Filter the plan">
      <Field label="Search">
        <Input type="search" value={filter.q} onChange={(_, d) => onChange({ q: d.value })} placeholder="Words in an action or update" />
      </Field>
      <fieldset className={s.flags} style={{ border: "none", padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600 }}>Rating</legend>
        {RATINGS.map((r) => (
          <Checkbox key={r} label={RATING_WORD[r]} checked={filter.rating.includes(r)} onChange={(_, d) => onChange({ rating: d.checked === true ? [...filter.rating, r] : filter.rating.filter((x) => x !== r) })} />
        ))}
      </fieldset>
      <Field label="Lead">
        <Select value={filter.lead ?? ""} onChange={(_, d) => onChange({ lead: d.value || null })}>
          <option value="">Any lead</option>
          {leads.map((l) => (
            <option key={l.id} value={l.id}>{l.asWritten}</option>
          ))}
        </Select>
      </Field>
      <Field label="Subgroup">
        <Select value={filter.subgroup ?? ""} onChange={(_, d) => onChange({ subgroup: d.value || null })}>
          <option value="">Any subgroup</option>
          {directory.subgroups.map((g) => (
            <option key={g.id} value={g.id}>{g.name}</option>
          ))}
        </Select>
      </Field>
      <fieldset className={s.flags} style={{ border: "none", padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600 }}>Show only</legend>
        <Checkbox label="Overdue" checked={filter.overdue} onChange={(_, d) => onChange({ overdue: d.checked === true })} />
        <Checkbox label={`Due within ${DUE_SOON_DAYS} days`} checked={filter.dueSoon} onChange={(_, d) => onChange({ dueSoon: d.checked === true })} />
        <Checkbox label="Stale rating" checked={filter.stale} onChange={(_, d) => onChange({ stale: d.checked === true })} />
        <Checkbox label="Lead not reachable" checked={filter.unreachable} onChange={(_, d) => onChange({ unreachable: d.checked === true })} />
      </fieldset>
      <Button onClick={() => onChange({ rating: [], lead: null, subgroup: null, overdue: false, dueSoon: false, stale: false, unreachable: false, q: "" })}>Clear filters</Button>
    </div>
  );
}
