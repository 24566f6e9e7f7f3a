import { Body1, Field, Input, Link, MessageBar, MessageBarBody, Spinner, Subtitle1, Subtitle2, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ALL_BOARDS } from "../../src/core/board-scope.js";
import type { ThemeRow, ThemesReport } from "../../src/core/themes-report.js";
import { api } from "./api";
import { ukDate } from "./format";
import { useNarrow } from "./useNarrow";

const useStyles = makeStyles({
  page: { padding: "16px", display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "16px", maxWidth: "1200px", minWidth: 0, overflowWrap: "anywhere" },
  // Words break only where they must: a column heading stays whole.
  table: { borderCollapse: "collapse", width: "100%", overflowWrap: "break-word", "& th, & td": { textAlign: "left", verticalAlign: "top", padding: "6px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  card: { display: "grid", gap: "4px", padding: "12px", backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  facts: { display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", gap: "2px 12px", margin: 0, "& dt": { fontWeight: tokens.fontWeightSemibold }, "& dd": { margin: 0 } },
  cards: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "8px" },
});

const daysOrDash = (n: number | null) => (n === null ? "—" : `${n} days`);
const years = (row: ThemeRow) => Object.entries(row.byYear).sort(([a], [b]) => a.localeCompare(b)).map(([y, n]) => `${y === "undated" ? "Undated" : y}: ${n}`).join(", ");

/**
 * Themes across the board's reviews and years: findings per theme, per financial year, repeats,
 * open actions, and the median time from a review to its actions completing and to impact shown.
 * A table on wider screens; on a phone each theme is a card with the same facts, so nothing
 * scrolls sideways.
 */
export function ThemesPage({ board, asOf: askedAsOf, navigate }: { board: string; asOf: string | null; navigate: (to: string) => void }) {
  const [data, setData] = useState<ThemesReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const narrow = useNarrow();
  const s = useStyles();
  useEffect(() => {
    if (board === ALL_BOARDS) return;
    void api<ThemesReport>(`/api/register/themes?${new URLSearchParams({ board, ...(askedAsOf ? { asOf: askedAsOf } : {}) })}`).then(setData, (e: Error) => setError(e.message));
  }, [board, askedAsOf]);
  if (board === ALL_BOARDS) return <div className={s.page}><Title2 as="h1">Themes across reviews</Title2><Body1>The findings register is kept per board: choose a board at the top of the page.</Body1></div>;
  if (error) return <div className={s.page}><Title2 as="h1">Themes across reviews</Title2><MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar></div>;
  if (!data) return <Spinner label="Loading the themes…" />;
  const found = data.themes.filter((t) => t.findings > 0);
  const unused = data.themes.filter((t) => t.findings === 0);
  const today = !askedAsOf;
  return (
    <div className={s.page}>
      <Title2 as="h1">Themes across reviews: {data.board}</Title2>
      <Body1 data-testid="as-at">
        As at {ukDate(data.asOf)}{today ? " (today)" : ""}: {found.length} theme{found.length === 1 ? "" : "s"} carried by findings, {data.repeats.length} repeat finding{data.repeats.length === 1 ? "" : "s"}. Open actions are counted as they stand today; years are financial years (April to March) in which each review concluded.
      </Body1>
      <div style={{ display: "flex", gap: 16, alignItems: "end", flexWrap: "wrap" }}>
        <Field label="As at">
          <Input type="date" value={data.asOf} onChange={(_, d) => d.value && navigate(`themes?asOf=${d.value}`)} />
        </Field>
        <Link href="/tab/findings" onClick={(e) => { e.preventDefault(); navigate("findings"); }}>The findings register</Link>
      </div>

      <Subtitle1 as="h2">Findings by theme</Subtitle1>
      {found.length === 0 ? <Body1>No finding carries a theme yet.</Body1> : narrow ? (
        <ul className={s.cards} aria-label="Findings by theme">
          {found.map((t) => (
            <li key={t.themeId} className={s.card}>
              <Subtitle2 as="h3">{t.theme}{t.retired ? " (retired)" : ""}</Subtitle2>
              <dl className={s.facts}>
                <dt>Findings</dt><dd>{t.findings}</dd>
                <dt>Reviews</dt><dd>{t.reviews.join(", ")}</dd>
                <dt>By year</dt><dd>{years(t)}</dd>
                <dt>Repeats</dt><dd>{t.repeats}</dd>
                <dt>Open actions</dt><dd>{t.openActions}</dd>
                <dt>To complete</dt><dd>{daysOrDash(t.medianDaysToComplete)}</dd>
                <dt>To impact shown</dt><dd>{daysOrDash(t.medianDaysToImpact)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <table className={s.table} data-testid="themes-table">
          <caption style={{ textAlign: "left" }}>Findings by theme across the board's reviews, as at {ukDate(data.asOf)}</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th><th scope="col">Findings</th><th scope="col">Reviews</th><th scope="col">By financial year</th><th scope="col">Repeats</th><th scope="col">Open actions</th>
              <th scope="col">Median time to complete</th><th scope="col">Median time to impact shown</th>
            </tr>
          </thead>
          <tbody>
            {found.map((t) => (
              <tr key={t.themeId}>
                <th scope="row">{t.theme}{t.retired ? " (retired)" : ""}</th>
                <td>{t.findings}</td><td>{t.reviews.join(", ")}</td><td>{years(t)}</td><td>{t.repeats}</td><td>{t.openActions}</td>
                <td>{daysOrDash(t.medianDaysToComplete)}</td><td>{daysOrDash(t.medianDaysToImpact)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Body1>Times run from the day the review concluded (else was commissioned) to the last action of its recommendations completing, and to the impact review that found the impact demonstrated; "—" where none has yet.</Body1>
      {unused.length > 0 && <Body1>Themes in the board's taxonomy no finding carries yet: {unused.map((t) => t.theme).join(", ")}.</Body1>}

      <Subtitle1 as="h2">Repeat findings</Subtitle1>
      {data.repeats.length === 0 ? <Body1>No finding repeats a theme from an earlier review.</Body1> : (
        <ul aria-label="Repeat findings" style={{ margin: 0, paddingLeft: 20 }}>
          {data.repeats.map((r, i) => <li key={i}>{r.review}, finding {r.finding}: {r.theme}, also in {r.earlierReviews.join(", ")}</li>)}
        </ul>
      )}
    </div>
  );
}
