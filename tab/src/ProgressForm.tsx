import { Button, Checkbox, Field, Input, MessageBar, Select, Subtitle2, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { api, fieldError } from "./api";
import type { RagKey } from "../../src/core/rag.js";
import { FITS, RatingOptions } from "./RatingBadge";
import { useSubmit } from "./useSubmit";
import type { TabAction } from "./types";

/** A lead's progress update from the tab: the same rules as the reminder card, checked again by the server. */
export function ProgressForm({ action, ragKey, onSaved }: { action: TabAction; ragKey?: RagKey; onSaved: () => void }) {
  const [text, setText] = useState("");
  const [rating, setRating] = useState("");
  const [evidence, setEvidence] = useState("");
  const [date, setDate] = useState("");
  const [reason, setReason] = useState("");
  const [complete, setComplete] = useState(false);
  const { submit, error, busy } = useSubmit(
    () =>
      api(`/api/actions/${encodeURIComponent(action.id)}/progress-updates`, {
        method: "POST",
        body: {
          text,
          rating: rating || null,
          evidence: evidence.split(/\s+/).filter(Boolean),
          proposedDeadline: date ? { date, reason } : null,
          markComplete: complete,
        },
      }),
    onSaved,
  );
  return (
    <form aria-label="Add a progress update" onSubmit={(e) => { e.preventDefault(); void submit(); }} style={{ display: "grid", gap: 8, marginTop: 16 }}>
      <Subtitle2 as="h3">Add a progress update</Subtitle2>
      {error && <MessageBar intent="error">{error.message}</MessageBar>}
      <Field label="Progress" required validationMessage={fieldError(error, "text")}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={4000} />
      </Field>
      <Field label="Rating">
        <Select value={rating} onChange={(_, d) => setRating(d.value)} {...FITS}>
          <RatingOptions none="No change" ragKey={ragKey} />
        </Select>
      </Field>
      <Field label="Evidence links (https://…, one per line)">
        <Textarea value={evidence} onChange={(_, d) => setEvidence(d.value)} />
      </Field>
      <Field label="Ask for a new deadline">
        <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
      </Field>
      {date && (
        <Field label="Why the deadline should move" required>
          <Input value={reason} onChange={(_, d) => setReason(d.value)} />
        </Field>
      )}
      <Checkbox label="This action is complete" checked={complete} onChange={(_, d) => setComplete(d.checked === true)} />
      <Button appearance="primary" type="submit" disabled={busy}>Record update</Button>
    </form>
  );
}
