import { Button, Checkbox, Dropdown, Field, Input, Option, makeStyles, tokens } from "@fluentui/react-components";
import type { PlanFilter } from "../../src/core/plan-filter.js";
import { RATING_WORD } from "./format";
import type { Directory } from "./types";

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: "8px 16px", alignItems: "end", padding: "8px 16px", backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  flags: { display: "flex", flexWrap: "wrap", gap: "0 8px" },
});

const RATINGS = ["red", "amber", "green", "complete", "unrated"] as const;

export function Filters({ filter, directory, leadIds, onChange }: { filter: PlanFilter; directory: Directory; leadIds: Set<string>; onChange: (f: Partial<PlanFilter>) => void }) {
  const s = useStyles();
  const leads = directory.leads.filter((l) => leadIds.has(l.id));
  const lead = leads.find((l) => l.id === filter.lead);
  const subgroup = directory.subgroups.find((g) => g.id === filter.subgroup);
  return (
    <div role="search" className={s.bar} aria-label="Filter the plan">
      <Field label="Search">
        <Input type="search" value={filter.q} onChange={(_, d) => onChange({ q: d.value })} placeholder="Words in an action or update" />
      </Field>
      <Field label="Rating">
        <Dropdown multiselect selectedOptions={filter.rating} value={filter.rating.map((r) => RATING_WORD[r]).join(", ")} placeholder="Any rating" onOptionSelect={(_, d) => onChange({ rating: d.selectedOptions as PlanFilter["rating"] })}>
          {RATINGS.map((r) => (
            <Option key={r} value={r}>{RATING_WORD[r]}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Lead">
        <Dropdown selectedOptions={filter.lead ? [filter.lead] : []} value={lead?.asWritten ?? ""} placeholder="Any lead" onOptionSelect={(_, d) => onChange({ lead: d.optionValue || null })}>
          <Option value="">Any lead</Option>
          {leads.map((l) => (
            <Option key={l.id} value={l.id}>{l.asWritten}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Subgroup">
        <Dropdown selectedOptions={filter.subgroup ? [filter.subgroup] : []} value={subgroup?.name ?? ""} placeholder="Any subgroup" onOptionSelect={(_, d) => onChange({ subgroup: d.optionValue || null })}>
          <Option value="">Any subgroup</Option>
          {directory.subgroups.map((g) => (
            <Option key={g.id} value={g.id}>{g.name}</Option>
          ))}
        </Dropdown>
      </Field>
      <fieldset className={s.flags} style={{ border: "none", padding: 0, margin: 0 }}>
        <legend className="visually-hidden" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>Show only</legend>
        <Checkbox label="Overdue" checked={filter.overdue} onChange={(_, d) => onChange({ overdue: d.checked === true })} />
        <Checkbox label="Due within 30 days" checked={filter.dueSoon} onChange={(_, d) => onChange({ dueSoon: d.checked === true })} />
        <Checkbox label="Stale rating" checked={filter.stale} onChange={(_, d) => onChange({ stale: d.checked === true })} />
        <Checkbox label="Lead not reachable" checked={filter.unreachable} onChange={(_, d) => onChange({ unreachable: d.checked === true })} />
      </fieldset>
      <Button onClick={() => onChange({ rating: [], lead: null, subgroup: null, overdue: false, dueSoon: false, stale: false, unreachable: false, q: "" })}>Clear filters</Button>
    </div>
  );
}
