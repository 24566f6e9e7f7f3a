import { Button, Field, Input, MessageBar, Select, Subtitle2, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { api, fieldError } from "./api";
import { TIMESCALE_LABEL } from "./format";
import type { RagKey } from "../../src/core/rag.js";
import { FITS, RatingOptions } from "./RatingBadge";
import { useSubmit } from "./useSubmit";
import type { Directory, TabAction } from "./types";

type State = "open" | "complete" | "closed" | "not-implemented";

/** A board manager's or subgroup chair's edit. Sent with the version they saw: a conflicting change is shown, never overwritten. */
export function EditActionForm({ action, directory, ragKey, onSaved }: { action: TabAction; directory: Directory; ragKey?: RagKey; onSaved: () => void }) {
  const [text, setText] = useState(action.text);
  const [leadId, setLeadId] = useState(action.facts.leadId ?? "");
  const [timescale, setTimescale] = useState(action.timescale.text);
  const [rating, setRating] = useState(action.rating ?? "");
  const [state, setState] = useState<State>(action.status.state);
  const [reason, setReason] = useState(action.status.state === "not-implemented" ? action.status.reason : "");
  const [why, setWhy] = useState("");
  const { submit, error, busy } = useSubmit(() => {
    const edit: Record<string, unknown> = {};
    if (text !== action.text) edit.text = text;
    if (leadId && leadId !== action.facts.leadId) edit.leadId = leadId;
    if (timescale !== action.timescale.text) edit.timescale = timescale;
    if ((rating || null) !== action.rating) edit.rating = rating || null;
    if (state !== action.status.state || (state === "not-implemented" && action.status.state === "not-implemented" && reason !== action.status.reason)) {
      edit.status = state === "not-implemented" ? { state, reason } : { state };
    }
    if (why.trim()) edit.reason = why;
    return api(`/api/actions/${encodeURIComponent(action.id)}`, { method: "PATCH", body: edit, ifMatch: action.version });
  }, onSaved);
  return (
    <form aria-label="Edit this action" onSubmit={(e) => { e.preventDefault(); void submit(); }} style={{ display: "grid", gap: 8, marginTop: 16 }}>
      <Subtitle2 as="h3">Edit this action</Subtitle2>
      {error && (
        <MessageBar intent={error.status === 409 ? "warning" : "error"}>
          {error.message}
          {error.status === 409 && <> <Button size="small" onClick={onSaved}>Show their change</Button></>}
        </MessageBar>
      )}
      <Field label="Action" validationMessage={fieldError(error, "text")}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} />
      </Field>
      <Field label="Lead">
        <Select value={leadId} onChange={(_, d) => setLeadId(d.value)}>
          {!action.facts.leadId && <option value="">{action.lead.asWritten} (not in the directory)</option>}
          {directory.leads.map((l) => <option key={l.id} value={l.id}>{l.asWritten}</option>)}
        </Select>
      </Field>
      <Field label={TIMESCALE_LABEL} validationMessage={fieldError(error, "timescale")}>
        <Input value={timescale} onChange={(_, d) => setTimescale(d.value)} />
      </Field>
      <Field label="Rating">
        <Select value={rating} onChange={(_, d) => setRating(d.value)} {...FITS}>
          <RatingOptions none="Not rated" ragKey={ragKey} />
        </Select>
      </Field>
      <Field label="Status">
        <Select value={state} onChange={(_, d) => setState(d.value as State)}>
          <option value="open">{action.status.state === "complete" ? "Return to its lead (open)" : "Open"}</option>
          <option value="complete">Complete (awaiting sign-off)</option>
          <option value="closed">{action.status.state === "complete" ? "Sign off (the board accepts it complete)" : "Signed off by the board (closed)"}</option>
          <option value="not-implemented">Not implemented</option>
        </Select>
      </Field>
      {state === "not-implemented" && (
        <Field label="Why it was not implemented (the annual report says so)" required validationMessage={fieldError(error, "status.reason")}>
          <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
        </Field>
      )}
      <Field label="Why (needed when the rating, status or deadline changes: the action's history shows it)" validationMessage={fieldError(error, "reason")}>
        <Textarea value={why} onChange={(_, d) => setWhy(d.value)} />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy}>Save changes</Button>
    </form>
  );
}
