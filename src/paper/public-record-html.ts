import type { PublicRecord } from "../core/public-record.js";
import { ukDay } from "./board-paper-docx.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const day = (d: string | null) => (d ? ukDay(d) : "not recorded");

/** The public record as one self-contained HTML page (no scripts, no outside resources) for the board's website. */
export function publicRecordHtml(record: PublicRecord): string {
  const reviews = record.reviews.map((r) => {
    const facts = [
      ["Kind of review", r.kind],
      ["Referred by", r.referralSource ?? "not recorded"],
      ["Commissioned", day(r.commissionedOn)],
      ["Concluded", day(r.concludedOn)],
      ["Published", day(r.publishedOn)],
      ["Time taken", r.daysTaken === null ? "not recorded" : `${r.daysTaken} days`],
      ["Period reviewed", r.periodReviewed ? `${ukDay(r.periodReviewed.from)} to ${ukDay(r.periodReviewed.to)}` : "not recorded"],
    ];
    const findings = r.findings.map((f) => `<li><p><strong>Finding ${esc(f.number)}.</strong> ${esc(f.text)}</p>
<p class="themes">Themes: ${f.themes.map(esc).join(", ") || "none"}${f.repeatOf.length ? ` · <strong>Repeat finding</strong>: also found in ${f.repeatOf.map(esc).join(", ")}` : ""}</p>${
      f.escalation ? `<p>Raised with ${esc(f.escalation.to)} on ${ukDay(f.escalation.raisedOn)}: ${esc(f.escalation.question)} ${f.escalation.answer ? `Answer (${day(f.escalation.answeredOn)}): ${esc(f.escalation.answer)}` : "No answer yet."}</p>` : ""
    }</li>`);
    const recs = r.recommendations.map((rec) => `<section><h3>Recommendation ${esc(rec.number)}</h3><p>${esc(rec.text)}</p>
<p>Answers finding${rec.answers.length === 1 ? "" : "s"} ${rec.answers.map(esc).join(", ") || "—"}.${rec.intendedImpact ? ` Intended impact: ${esc(rec.intendedImpact)}` : ""}${rec.measure ? ` Measured by: ${esc(rec.measure)}` : ""}</p>
<table><thead><tr><th scope="col">Action</th><th scope="col">What</th><th scope="col">Status</th><th scope="col">Commentary</th></tr></thead><tbody>
${rec.actions.map((a) => `<tr><td>${esc(a.ref)}</td><td>${esc(a.text)}</td><td>${esc(a.status)}</td><td>${a.commentary ? esc(a.commentary) : ""}</td></tr>`).join("\n")}
</tbody></table><p><strong>Impact:</strong> ${esc(rec.impact)}</p></section>`);
    return `<article><h2>${esc(r.title)}</h2><dl>${facts.map(([k, v]) => `<dt>${esc(k!)}</dt><dd>${esc(v!)}</dd>`).join("")}</dl>
<h3>Findings</h3><ol class="findings">${findings.join("\n")}</ol>
${recs.join("\n")}</article>`;
  });
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(record.board)}: findings and actions</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}.themes{color:#444}.demo{border:3px solid #b00;padding:.5rem}</style>
</head><body>
<h1>${esc(record.board)}: what our reviews found and what we did</h1>
<p>As at ${ukDay(record.asOf)}. Findings of the board's reviews, the recommendations that answer them, each action's status and commentary, and whether the change made a difference. People's names are left out.</p>
${record.demo ? '<p class="demo"><strong>Demo data.</strong> Some reviews here are invented to show how Assure works; they are not real reviews.</p>' : ""}
${reviews.join("\n") || "<p>No reviews are in the register yet.</p>"}
</body></html>
`;
}
