import { Button, Field, MessageBar, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { api, fieldError } from "./api";
import { ukDate } from "./format";
import { useSubmit } from "./useSubmit";
import type { ProgressUpdate, TabAction } from "./types";

/** A lead's request for a new deadline, for the plan's manager or the subgroup's chair to approve or decline, with a reason. */
export function DeadlineDecision({ action, request, onSaved }: { action: TabAction; request: ProgressUpdate; onSaved: () => void }) {
  const [reason, setReason] = useState("");
  const [approve, setApprove] = useState(true);
  const { submit, error, busy } = useSubmit(
    () => api(`/api/actions/${encodeURIComponent(action.id)}/deadline-requests/${encodeURIComponent(request.id)}`, { method: "POST", body: { approve, reason }, ifMatch: action.version }),
    onSaved,
  );
  const asked = request.proposedDeadline!;
  return (
    <form aria-label="Decide the request for a new deadline" onSubmit={(e) => { e.preventDefault(); void submit(); }} style={{ display: "grid", gap: 8, marginTop: 16 }}>
      <MessageBar intent="warning">
        {request.author.name} asks to move the deadline to {ukDate(asked.date)}: {asked.reason}. The deadline stands until you decide.
      </MessageBar>
      {error && <MessageBar intent="error">{error.message}</MessageBar>}
      <Field label="Why (the action's history and the board paper show it)" required validationMessage={fieldError(error, "reason")}>
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <div style={{ display: "flex", gap: 8 }}>
        <Button appearance="primary" type="submit" disabled={busy} onClick={() => setApprove(true)}>Approve the new deadline</Button>
        <Button type="submit" disabled={busy} onClick={() => setApprove(false)}>Decline</Button>
      </div>
    </form>
  );
}
