import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { IMPACT_OUTCOME_NAMES, type ImpactOutcome } from "../../src/core/impact-review.js";
import { api, fieldError } from "./api";
import { useSubmit } from "./useSubmit";

const OUTCOMES = Object.keys(IMPACT_OUTCOME_NAMES) as ImpactOutcome[];

/**
 * Records whether a recommendation's change made a difference, with the evidence: the card's
 * question, asked in the tab. One submission id per form, so a double click records it once.
 */
export function ImpactReviewForm({ recommendationId, label, onRecorded, onCancel }: { recommendationId: string; label: string; onRecorded: () => void; onCancel: () => void }) {
  const [outcome, setOutcome] = useState<ImpactOutcome | "">("");
  const [evidence, setEvidence] = useState("");
  const [submissionId] = useState(() => `tab-${crypto.randomUUID()}`);
  const { submit, error, busy } = useSubmit(() => api("/api/register/impact-reviews", { method: "POST", body: { recommendationId, outcome, evidence, submissionId } }), onRecorded);
  return (
    <form
      aria-label={label}
      style={{ display: "grid", gap: 12, maxWidth: 640 }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Did the change make a difference?" required validationMessage={fieldError(error, "outcome")}>
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value as ImpactOutcome)}>
          {OUTCOMES.map((o) => <Radio key={o} value={o} label={IMPACT_OUTCOME_NAMES[o]} />)}
        </RadioGroup>
      </Field>
      <Field label="Evidence (what shows it: an audit, figures, feedback)" required validationMessage={fieldError(error, "evidence")} hint="Written for the board: it may appear in the annual report.">
        <Textarea value={evidence} onChange={(_, d) => setEvidence(d.value)} resize="vertical" maxLength={4000} />
      </Field>
      {error && !fieldError(error, "outcome", "evidence") && <MessageBar intent="error"><MessageBarBody>{error.message}</MessageBarBody></MessageBar>}
      <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
        <Button appearance="primary" type="submit" disabled={busy}>{busy ? "Recording…" : "Record impact review"}</Button>
        <Button type="button" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
