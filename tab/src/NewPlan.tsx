import { Field, Input, Select } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { api, fieldError } from "./api";
import { FormDialog } from "./FormDialog";

const KINDS = { "sar-action-plan": "SAR action plan", "business-plan": "Business plan", "strategic-plan": "Strategic plan", other: "Other plan" } as const;

/** A board manager starts a plan: it begins as a draft they manage; sections and actions follow. */
export function NewPlan({ onCreated }: { onCreated: (plan: { id: string; title: string }) => void }) {
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<keyof typeof KINDS>("sar-action-plan");
  const [boards, setBoards] = useState("");
  const [review, setReview] = useState("");
  const created = useRef({ id: "", title: "" });
  return (
    <FormDialog
      label="New plan"
      title="Start a new plan"
      appearance="primary"
      onSaved={() => onCreated(created.current)}
      send={async () => {
        const plan = await api<{ id: string }>("/api/plans", {
          method: "POST",
          body: { title, kind, boards: boards.split(",").map((b) => b.trim()).filter(Boolean), review: kind === "sar-action-plan" && review.trim() ? review : null },
        });
        created.current = { id: plan.id, title };
      }}
    >
      {(error) => (
        <>
          <Field label="Title" required validationMessage={fieldError(error, "title")}><Input value={title} onChange={(_, d) => setTitle(d.value)} /></Field>
          <Field label="Kind">
            <Select value={kind} onChange={(_, d) => setKind(d.value as keyof typeof KINDS)}>
              {Object.entries(KINDS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </Select>
          </Field>
          <Field label="Boards (separate several with commas)" required validationMessage={fieldError(error, "boards")}><Input value={boards} onChange={(_, d) => setBoards(d.value)} /></Field>
          {kind === "sar-action-plan" && <Field label="The review it answers (e.g. SAR Adult F)" validationMessage={fieldError(error, "review")}><Input value={review} onChange={(_, d) => setReview(d.value)} /></Field>}
        </>
      )}
    </FormDialog>
  );
}
