import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { api, fieldError } from "./api";
import { CheckboxGroup } from "./CheckboxGroup";
import { TIMESCALE_LABEL } from "./format";
import { FormDialog } from "./FormDialog";
import type { Directory, TabPlan } from "./types";

type Status = "draft" | "active" | "closed";

/** A board manager's tools for the plan itself: its title and status, new sections and new actions. */
export function PlanTools({ plan, directory, onSaved }: { plan: TabPlan & { version: string }; directory: Directory; onSaved: () => void }) {
  const sectionKind = plan.kind === "sar-action-plan" ? "recommendation" : "priority";
  const [title, setTitle] = useState(plan.title);
  const [status, setStatus] = useState<Status>(plan.status);
  const [managers, setManagers] = useState<string[]>(plan.managers);
  const [meetings, setMeetings] = useState<string[]>(plan.boardMeetings);
  const [number, setNumber] = useState("");
  const [sectionTitle, setSectionTitle] = useState("");
  const [chosenSection, setSectionId] = useState("");
  // Until one is chosen, the plan's last section (sections may be added while this is shown).
  const sectionId = plan.sections.some((s) => s.id === chosenSection) ? chosenSection : (plan.sections.at(-1)?.id ?? "");
  const [editing, setEditing] = useState("");
  const edited = plan.sections.find((s) => s.id === editing) ?? plan.sections[0];
  const [editedNumber, setEditedNumber] = useState<string | null>(null);
  const [editedTitle, setEditedTitle] = useState<string | null>(null);
  const [ref, setRef] = useState("");
  const [text, setText] = useState("");
  const [leadId, setLeadId] = useState(directory.leads[0]?.id ?? "");
  const [timescale, setTimescale] = useState("");
  const planPath = `/api/plans/${encodeURIComponent(plan.id)}`;

  return (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      <FormDialog
        label="Edit plan"
        title="Edit the plan"
        onSaved={onSaved}
        send={() => {
          const edit: Record<string, unknown> = {};
          if (title !== plan.title) edit.title = title;
          if (status !== plan.status) edit.status = status;
          if (managers.join() !== plan.managers.join()) edit.managers = managers;
          const dates = meetings.filter(Boolean);
          if (dates.join() !== plan.boardMeetings.join()) edit.boardMeetings = dates;
          return api(planPath, { method: "PATCH", body: edit, ifMatch: plan.version });
        }}
      >
        {(error) => (
          <>
            <Field label="Title" validationMessage={fieldError(error, "title")}><Input value={title} onChange={(_, d) => setTitle(d.value)} /></Field>
            <Field label="Status">
              <Select value={status} onChange={(_, d) => setStatus(d.value as Status)}>
                <option value="draft">Draft (reminders not sent)</option>
                <option value="active">Active</option>
                <option value="closed">Closed</option>
              </Select>
            </Field>
            <CheckboxGroup legend="Board managers (may change this plan; told when a lead cannot be reached)" error={fieldError(error, "managers")} options={directory.people.map((p) => ({ id: p.id, label: p.displayName }))} chosen={managers} onChange={setManagers} />
            <fieldset style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: 4 }}>
              <legend style={{ fontWeight: 600, padding: 0 }}>Board meetings (managers get the exceptions a week before each)</legend>
              {meetings.map((date, i) => (
                <div key={i} style={{ display: "flex", gap: 8 }}>
                  <Input type="date" aria-label={`Board meeting ${i + 1}`} value={date} onChange={(_, d) => setMeetings(meetings.map((m, j) => (j === i ? d.value : m)))} />
                  <Button appearance="subtle" onClick={() => setMeetings(meetings.filter((_, j) => j !== i))}>Remove meeting {i + 1}</Button>
                </div>
              ))}
              <Button onClick={() => setMeetings([...meetings, ""])}>Add a meeting</Button>
              {fieldError(error, "boardMeetings") && <span role="alert">{fieldError(error, "boardMeetings")}</span>}
            </fieldset>
          </>
        )}
      </FormDialog>
      <FormDialog
        label={`Add ${sectionKind}`}
        title={`Add a ${sectionKind}`}
        onSaved={onSaved}
        send={() => api(`${planPath}/sections`, { method: "POST", body: { kind: sectionKind, number, title: sectionTitle } })}
      >
        {(error) => (
          <>
            <Field label="Number" required validationMessage={fieldError(error, "number")}><Input value={number} onChange={(_, d) => setNumber(d.value)} /></Field>
            <Field label={sectionKind === "recommendation" ? "Recommendation (as the review wrote it)" : "Priority"} required validationMessage={fieldError(error, "title")}>
              <Textarea value={sectionTitle} onChange={(_, d) => setSectionTitle(d.value)} />
            </Field>
          </>
        )}
      </FormDialog>
      {edited && (
        <FormDialog
          label={`Edit ${sectionKind}`}
          title={`Edit a ${sectionKind}`}
          onSaved={() => {
            setEditedNumber(null);
            setEditedTitle(null);
            onSaved();
          }}
          send={() => {
            const edit: Record<string, unknown> = {};
            if (editedNumber !== null && editedNumber !== edited.number) edit.number = editedNumber;
            if (editedTitle !== null && editedTitle !== edited.title) edit.title = editedTitle;
            return api(`/api/sections/${encodeURIComponent(edited.id)}`, { method: "PATCH", body: edit, ifMatch: edited.version });
          }}
        >
          {(error) => (
            <>
              <Field label={sectionKind === "recommendation" ? "Recommendation" : "Priority"}>
                <Select value={edited.id} onChange={(_, d) => { setEditing(d.value); setEditedNumber(null); setEditedTitle(null); }}>
                  {plan.sections.map((s) => <option key={s.id} value={s.id}>{s.number}: {s.title.slice(0, 80)}</option>)}
                </Select>
              </Field>
              <Field label="Number" validationMessage={fieldError(error, "number")}><Input value={editedNumber ?? edited.number} onChange={(_, d) => setEditedNumber(d.value)} /></Field>
              <Field label="Wording" validationMessage={fieldError(error, "title")}><Textarea value={editedTitle ?? edited.title} onChange={(_, d) => setEditedTitle(d.value)} /></Field>
            </>
          )}
        </FormDialog>
      )}
      {plan.sections.length > 0 && (
        <FormDialog
          label="Add action"
          title="Add an action"
          appearance="primary"
          onSaved={onSaved}
          send={() => api(`${planPath}/actions`, { method: "POST", body: { sectionId, ref, text, leadId, timescale } })}
        >
          {(error) => (
            <>
              <Field label={sectionKind === "recommendation" ? "Recommendation" : "Priority"} validationMessage={fieldError(error, "sectionId")}>
                <Select value={sectionId} onChange={(_, d) => setSectionId(d.value)}>
                  {plan.sections.map((s) => <option key={s.id} value={s.id}>{s.number}: {s.title.slice(0, 80)}</option>)}
                </Select>
              </Field>
              <Field label="Reference (e.g. 2.3)" required validationMessage={fieldError(error, "ref")}><Input value={ref} onChange={(_, d) => setRef(d.value)} /></Field>
              <Field label="Action" required validationMessage={fieldError(error, "text")}><Textarea value={text} onChange={(_, d) => setText(d.value)} /></Field>
              <Field label="Lead (from the leads directory)" validationMessage={fieldError(error, "leadId")}>
                <Select value={leadId} onChange={(_, d) => setLeadId(d.value)}>
                  {directory.leads.map((l) => <option key={l.id} value={l.id}>{l.asWritten}</option>)}
                </Select>
              </Field>
              <Field label={TIMESCALE_LABEL} required validationMessage={fieldError(error, "timescale")}>
                <Input value={timescale} onChange={(_, d) => setTimescale(d.value)} />
              </Field>
            </>
          )}
        </FormDialog>
      )}
    </div>
  );
}
