import { ImageRun, Paragraph, TextRun } from "docx";
import type { Dashboard } from "../core/dashboard.js";
import { CHART_SIZE, stackedBarsSvg, svgToPng, type StackedBars } from "./chart-svg.js";
import { DUE_SERIES as DUE, RATING_SERIES as RAG } from "../core/dashboard-series.js";
import { RATING_FILL } from "../core/rag.js";


/** The dashboard's charts, as the tab draws them: ratings month by month, overdue and due soon by subgroup and by lead, answers to reminders. */
export function paperCharts(d: Dashboard): StackedBars[] {
  const due = (title: string, rows: Dashboard["byLead"]): StackedBars => ({ title, categories: rows.slice(0, 12).map((r) => r.name), series: DUE.map((s) => ({ label: s.label, color: s.color, values: rows.slice(0, 12).map((r) => r[s.key]) })) });
  return [
    { title: "RAG ratings month by month", categories: d.ratingsByMonth.map((m) => m.month), series: RAG.map((r) => ({ label: r.label, color: r.color, values: d.ratingsByMonth.map((m) => m.counts[r.key]) })) },
    due("Overdue and due soon by subgroup", d.bySubgroup),
    due("Overdue and due soon by lead", d.byLead),
    {
      title: "Leads' answers to reminders",
      categories: ["Within 7 days", "Later", "After escalation", "Not answered"],
      series: [{ label: "Reminders", color: `#${RATING_FILL.complete}`, values: [d.responses.within7Days, d.responses.later, d.responses.afterEscalation, d.responses.notAnswered] }],
    },
  ];
}

/** Each chart as an image (SVG, with a PNG for older Word) and a line saying its numbers, for readers who cannot see it. */
export function chartParagraphs(d: Dashboard): Paragraph[] {
  const scale = 0.7;
  return paperCharts(d).flatMap((chart) => {
    const svg = stackedBarsSvg(chart);
    const said = chart.categories.map((c, i) => `${c}: ${chart.series.map((s) => `${s.values[i] ?? 0} ${s.label.toLowerCase()}`).join(", ")}`).join("; ");
    return [
      new Paragraph({
        children: [
          new ImageRun({
            type: "svg",
            data: Buffer.from(svg),
            fallback: { type: "png", data: svgToPng(svg) },
            transformation: { width: CHART_SIZE.width * scale, height: CHART_SIZE.height * scale },
            altText: { name: chart.title, title: chart.title, description: said || "No data" },
          }),
        ],
      }),
      new Paragraph({ children: [new TextRun({ text: `${chart.title}: ${said || "nothing to show"}.`, size: 16, italics: true })] }),
    ];
  });
}
