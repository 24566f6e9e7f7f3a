import { Field, Input, Select } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { boardsToCreateFor } from "../../src/core/roles.js";
import { api, fieldError } from "./api";
import { FormDialog } from "./FormDialog";
import { BoardsField, PeriodField, periodOrNull } from "./PlanFields";
import type { Me } from "./types";

const KINDS = { "sar-action-plan": "SAR action plan", "business-plan": "Business plan", "strategic-plan": "Strategic plan", other: "Other plan" } as const;

/**
 * A board manager starts a plan: it begins as a draft they manage; sections and actions follow.
 * Its board is chosen from the boards they manage (the board shown, to begin with), never typed.
 */
export function NewPlan({ me, board, onCreated }: { me: Me; board: string; onCreated: (plan: { id: string; title: string }) => void }) {
  const choices = me.roles ? boardsToCreateFor(me.roles) : [];
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<keyof typeof KINDS>("sar-action-plan");
  const [boards, setBoards] = useState<string[]>(choices.includes(board) ? [board] : choices.slice(0, 1));
  const [period, setPeriod] = useState({ from: "", to: "" });
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
          body: { title, kind, boards, period: periodOrNull(period), review: kind === "sar-action-plan" && review.trim() ? review : null },
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
          <BoardsField choices={choices} chosen={boards} onChange={setBoards} error={fieldError(error, "boards")} />
          <PeriodField period={period} onChange={setPeriod} error={fieldError(error, "period")} />
          {kind === "sar-action-plan" && <Field label="The review it answers (e.g. SAR Adult F)" validationMessage={fieldError(error, "review")}><Input value={review} onChange={(_, d) => setReview(d.value)} /></Field>}
        </>
      )}
    </FormDialog>
  );
}
