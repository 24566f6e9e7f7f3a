import { performance } from "node:perf_hooks";
import { Document, Packer, Table, TableCell, TableRow, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { demoRecords } from "../src/demo/index.js";
import { previewImportInWorker } from "../src/paper/read-document-in-worker.js";
import { machineLoad, recordFigures } from "./record-figures.js";

// bench:import — a 2,000-row workbook, a 500-row Word table and a 20,000-row CSV through the
// import preview as the server runs it (read and worked out in the worker thread): wall time,
// and the worker's peak heap (the whole process's resident memory as a ceiling).
const HEADER = ["Ref", "What we will do", "Owner", "By when", "RAG", "Progress update"];
const row = (i: number) => [`${Math.floor(i / 50) + 1}.${(i % 50) + 1}`, `Action number ${i}: audit the pathway and report to the board`, "SAR Coordinator", "End of Q3", ["G", "A", "R", "On track"][i % 4]!, `Update ${i}`];

async function xlsx(rows: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Plan 2024-25");
  sheet.addRow(["Business Plan 2024/25"]);
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function docx(rows: number): Promise<Uint8Array> {
  const cells = (texts: string[]) => new TableRow({ children: texts.map((t) => new TableCell({ children: [new Paragraph(t)] })) });
  const doc = new Document({ sections: [{ children: [new Paragraph("Business Plan 2024/25"), new Table({ rows: [cells(HEADER), ...Array.from({ length: rows }, (_, i) => cells(row(i)))] })] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const csv = (rows: number) => new TextEncoder().encode([HEADER.join(","), ...Array.from({ length: rows }, (_, i) => row(i).join(","))].join("\n"));

const records = demoRecords();
const context = { existing: records, today: "2024-06-01", now: "2024-06-01T09:00:00Z", managers: ["megan-bowen"], boards: ["Bench Board"] };
const loadBefore = machineLoad();
const figures: string[] = [];
for (const [name, make] of [["plan.xlsx (2,000 rows)", () => xlsx(2_000)], ["plan.docx (500 rows)", () => docx(500)], ["plan.csv (20,000 rows with its header: the cap)", async () => csv(19_999)]] as const) {
  const bytes = await make();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  // A refusal (over the time limit on a loaded machine) is a figure too, not a crash.
  const read = await previewImportInWorker(name.split(" ")[0]!, bytes, { planId: null, mappings: {}, leadFixes: {} }, context).then(
    (preview) => String(preview.read.actions.length),
    (error: unknown) => `refused: ${error instanceof Error ? error.message : String(error)}`,
  );
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  figures.push(`| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${read} | ${seconds.toFixed(2)} s | ${(peak / 1024 / 1024).toFixed(0)} MB (+${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB) | under 10 s; heap under 384 MB |`);
}
const loadAfter = machineLoad();
const markdown = `## bench:import — plan documents through the import preview, as the server runs it

Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:import\` (bench/import.ts): each document is built, then read and its
import preview worked out in the document worker (\`src/paper/read-document-in-worker.ts\`: a worker
thread with a 384 MB heap and a 10 s limit), as the server and \`assure import\` run it. Machine:
${loadBefore} at the start, ${loadAfter} at the end (from \`uptime\`; above the cores' number,
every figure here is slowed by other work).

| document | size | actions read | wall time (first document includes starting the worker) | process peak resident memory | limit |
|---|---|---|---|---|---|
${figures.join("\n")}
`;
console.log(markdown);
recordFigures("import", markdown);
