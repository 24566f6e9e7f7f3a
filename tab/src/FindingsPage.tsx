import { Badge, Body1, Button, Link, MessageBar, MessageBarBody, Spinner, Subtitle1, Subtitle2, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ALL_BOARDS } from "../../src/core/board-scope.js";
import { IMPACT_OUTCOME_NAMES } from "../../src/core/impact-review.js";
import { planFilterQuery } from "../../src/core/plan-filter.js";
import { impactInWords } from "../../src/core/public-record.js";
import type { RegisterAction, RegisterRecommendation, RegisterReview, RegisterView } from "../../src/core/register-view.js";
import { api } from "./api";
import { ukDate } from "./format";
import { ImpactReviewForm } from "./ImpactReviewForm";
import { RatingBadge } from "./RatingBadge";

const useStyles = makeStyles({
  // Long words (ids, addresses) wrap rather than push the page sideways on a phone.
  page: { padding: "16px", display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "16px", maxWidth: "1100px", minWidth: 0, overflowWrap: "anywhere", "& p": { marginTop: "4px", marginBottom: "4px" } },
  review: { display: "grid", gap: "12px", padding: "16px", backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  facts: { display: "grid", gridTemplateColumns: "minmax(120px, max-content) minmax(0, 1fr)", gap: "4px 16px", margin: 0, "& dt": { fontWeight: tokens.fontWeightSemibold }, "& dd": { margin: 0 } },
  list: { margin: 0, paddingLeft: "20px", display: "grid", gap: "12px" },
  plain: { margin: 0, paddingLeft: "20px" },
  badges: { display: "flex", gap: "4px", flexWrap: "wrap", marginTop: "4px" },
  note: { padding: "8px", borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground3 },
  muted: { color: tokens.colorNeutralForeground2 },
});

const STATE_WORDS: Record<RegisterAction["state"], string> = { open: "Open", complete: "Complete", closed: "Signed off", "not-implemented": "Not implemented" };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The board's findings register: each review with its facts (or what is still to record), its
 * findings with themes, repeat flags and escalations, and each recommendation's actions and where
 * its impact stands, with a way to record the impact review for those who may.
 */
export function FindingsPage({ board, navigate }: { board: string; navigate: (to: string) => void }) {
  const [data, setData] = useState<RegisterView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const s = useStyles();
  useEffect(() => {
    if (board === ALL_BOARDS) return;
    void api<RegisterView>(`/api/register?${new URLSearchParams({ board })}`).then(setData, (e: Error) => setError(e.message));
  }, [board, version]);
  if (board === ALL_BOARDS) return <div className={s.page}><Title2 as="h1">Findings register</Title2><Body1>The findings register is kept per board: choose a board at the top of the page.</Body1></div>;
  if (error) return <div className={s.page}><Title2 as="h1">Findings register</Title2><MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar></div>;
  if (!data) return <Spinner label="Loading the findings register…" />;
  const findings = data.reviews.flatMap((r) => r.findings);
  const recommendations = data.reviews.flatMap((r) => r.recommendations);
  const due = recommendations.filter((x) => x.impact.state === "due").length;
  return (
    <div className={s.page}>
      <Title2 as="h1">Findings register: {data.board}</Title2>
      <Body1>
        As at {ukDate(data.today)}: {plural(data.reviews.length, "review")}, {plural(findings.length, "finding")} ({findings.filter((f) => f.repeatOf.length > 0).length} repeating an earlier review's theme), {plural(recommendations.length, "recommendation")}, {plural(due, "impact review")} due.{" "}
        <Link href="/tab/themes" onClick={(e) => { e.preventDefault(); navigate("themes"); }}>Themes across reviews</Link>
      </Body1>
      {data.demo && <MessageBar intent="info"><MessageBarBody>Some of this register is demo data, invented to show Assure working: every such record says "Demo".</MessageBarBody></MessageBar>}
      {data.reviews.length === 0 && <Body1>No reviews are in this board's register yet.</Body1>}
      {data.reviews.map((review) => <Review key={review.id} review={review} mayEdit={data.mayEdit} navigate={navigate} onRecorded={() => setVersion((v) => v + 1)} />)}
    </div>
  );
}

function Review({ review, mayEdit, navigate, onRecorded }: { review: RegisterReview; mayEdit: boolean; navigate: (to: string) => void; onRecorded: () => void }) {
  const s = useStyles();
  const notRecorded = <span className={s.muted}>Not recorded</span>;
  const day = (d: string | null) => (d ? ukDate(d) : notRecorded);
  const headingId = `review-${review.id}`;
  const planPath = review.planId ? `plans/${encodeURIComponent(review.planId)}` : null;
  return (
    <section className={s.review} aria-labelledby={headingId}>
      <Subtitle1 as="h2" id={headingId}>{review.title}</Subtitle1>
      <dl className={s.facts}>
        <dt>Kind</dt><dd>{review.kindName}</dd>
        <dt>Referral source</dt><dd>{review.referralSource ?? notRecorded}</dd>
        <dt>Commissioned</dt><dd>{day(review.commissionedOn)}</dd>
        <dt>Concluded</dt><dd>{day(review.concludedOn)}{review.daysTaken !== null && ` (${review.daysTaken} days)`}</dd>
        <dt>Published</dt><dd>{day(review.publishedOn)}</dd>
        <dt>Period reviewed</dt><dd>{review.periodReviewed ? `${ukDate(review.periodReviewed.from)} to ${ukDate(review.periodReviewed.to)}` : notRecorded}</dd>
        <dt>Reviewer</dt><dd>{review.reviewer ?? notRecorded}</dd>
        <dt>Action plan</dt><dd>{planPath ? <Link href={`/tab/${planPath}`} onClick={(e) => { e.preventDefault(); navigate(planPath); }}>{review.planTitle ?? review.planId}</Link> : notRecorded}</dd>
      </dl>
      {review.missing.length > 0 && <Body1>Still to record: {review.missing.join(", ")}.</Body1>}

      <Subtitle2 as="h3">Findings</Subtitle2>
      {review.findings.length === 0 ? <Body1>No findings recorded yet.</Body1> : (
        <ol className={s.list} aria-label={`Findings of ${review.title}`}>
          {review.findings.map((f) => (
            <li key={f.id} value={Number(f.number) || undefined} data-finding-id={f.id}>
              <Body1 block>{f.text}</Body1>
              <div className={s.badges}>
                {f.themes.map((t) => <Badge key={t.id} appearance="outline" shape="rounded" color="informative">{t.name}</Badge>)}
                {f.repeatOf.length > 0 && <Badge appearance="filled" shape="rounded" color="warning" data-repeat="true">Repeat finding</Badge>}
              </div>
              {f.repeatOf.length > 0 && <Body1 block as="p" className={s.muted}>Repeats {f.repeatOf.map((x) => `${x.theme} (also in ${x.reviews.join(", ")})`).join("; ")}.</Body1>}
              {f.escalation && (
                <div className={s.note}>
                  <Body1 block as="p">Escalated to {f.escalation.body} ({f.escalation.level}) on {ukDate(f.escalation.raisedOn)}: {f.escalation.question}</Body1>
                  <Body1 block as="p">{f.escalation.answer ? `Answered ${ukDate(f.escalation.answeredOn!)}: ${f.escalation.answer}` : "Awaiting an answer."}</Body1>
                </div>
              )}
              {mayEdit && f.internalNote && <div className={s.note}><Body1 block as="p"><strong>Internal note (never published):</strong> {f.internalNote}</Body1></div>}
            </li>
          ))}
        </ol>
      )}

      <Subtitle2 as="h3">Recommendations, actions and impact</Subtitle2>
      {review.recommendations.length === 0 ? <Body1>No recommendations linked yet.</Body1> : (
        <ul className={s.list} aria-label={`Recommendations of ${review.title}`}>
          {review.recommendations.map((r) => <Recommendation key={r.id} recommendation={r} navigate={navigate} onRecorded={onRecorded} />)}
        </ul>
      )}
    </section>
  );
}

function Recommendation({ recommendation: r, navigate, onRecorded }: { recommendation: RegisterRecommendation; navigate: (to: string) => void; onRecorded: () => void }) {
  const s = useStyles();
  const [recording, setRecording] = useState(false);
  const actionLink = (a: RegisterAction) => {
    const to = `plans/${encodeURIComponent(a.planId)}?${planFilterQuery({ action: a.id })}`;
    return <Link href={`/tab/${to}`} onClick={(e) => { e.preventDefault(); navigate(to); }}>{a.ref}</Link>;
  };
  const actionItem = (a: RegisterAction, plan: boolean) => (
    <li key={a.id}>
      {actionLink(a)} {a.text.length > 100 ? `${a.text.slice(0, 100)}…` : a.text}{plan && ` (${a.planTitle})`}: {STATE_WORDS[a.state]}
      {a.state === "open" && a.deadline && `, due ${ukDate(a.deadline)}`} <RatingBadge rating={a.rating} />
    </li>
  );
  return (
    <li data-recommendation-id={r.id}>
      <Body1 block as="p"><strong>Recommendation {r.number}</strong> (answers finding{r.answers.length === 1 ? "" : "s"} {r.answers.join(", ")}): {r.text}</Body1>
      <dl className={s.facts}>
        <dt>Intended impact</dt><dd>{r.intendedImpact ?? <span className={s.muted}>Not set</span>}</dd>
        <dt>Measure</dt><dd>{r.measure ?? <span className={s.muted}>Not set</span>}</dd>
        <dt>Impact owner</dt><dd>{r.impactOwner?.name ?? <span className={s.muted}>None: the plan's managers are reminded</span>}</dd>
        <dt>Impact</dt><dd data-impact-state={r.impact.state}>{impactInWords(r.impact, ukDate)}</dd>
      </dl>
      {r.actions.length > 0 && <ul className={s.plain} aria-label={`Actions of recommendation ${r.number}`}>{r.actions.map((a) => actionItem(a, false))}</ul>}
      {r.feeds.length > 0 && (
        <>
          <Body1 block as="p">Feeds business-plan actions:</Body1>
          <ul className={s.plain}>{r.feeds.map((a) => actionItem(a, true))}</ul>
        </>
      )}
      {r.impactReviews.length > 0 && (
        <>
          <Body1 block as="p">Impact reviews:</Body1>
          <ul className={s.plain} aria-label={`Impact reviews of recommendation ${r.number}`}>
            {r.impactReviews.map((i) => <li key={i.id}>{ukDate(i.recordedOn)}, {i.recordedBy.name}: <strong>{IMPACT_OUTCOME_NAMES[i.outcome]}</strong>. {i.evidence}</li>)}
          </ul>
        </>
      )}
      {r.mayRecord && !recording && <Button style={{ marginTop: 8 }} onClick={() => setRecording(true)}>Record impact review</Button>}
      {recording && (
        <div style={{ marginTop: 8 }}>
          <ImpactReviewForm
            recommendationId={r.id}
            label={`Impact review of recommendation ${r.number}`}
            onCancel={() => setRecording(false)}
            onRecorded={() => {
              setRecording(false);
              onRecorded();
            }}
          />
        </div>
      )}
    </li>
  );
}
