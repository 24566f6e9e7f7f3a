import type { CardElement } from "../cards/card-json.js";

/**
 * A reminder or digest as an email: what the card says (its text blocks and facts), as plain
 * HTML that every mail client shows. Card text is Markdown with everything a person typed
 * backslash-escaped; here it becomes HTML with everything escaped again for HTML, so nothing a
 * person typed can become markup. Only https/http links and bold survive from the card.
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The card's Markdown subset (escapes, **bold**, [text](url)) as HTML. */
export function markdownToHtml(text: string): string {
  let html = "";
  let last = 0;
  const pattern = /\\(.)|\*\*((?:\\.|[^*\\])+)\*\*|\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^)\s]+)\)/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    html += escapeHtml(text.slice(last, m.index));
    if (m[1] !== undefined) html += escapeHtml(m[1]);
    else if (m[2] !== undefined) html += `<strong>${markdownToHtml(m[2])}</strong>`;
    else html += `<a href="${escapeHtml(m[4]!)}">${markdownToHtml(m[3]!)}</a>`;
    last = m.index + m[0].length;
  }
  return (html + escapeHtml(text.slice(last))).replace(/\n/g, "<br>");
}

function elementHtml(element: unknown): string {
  if (Array.isArray(element)) return element.map(elementHtml).join("");
  if (typeof element !== "object" || element === null) return "";
  const e = element as Record<string, unknown>;
  if (e.type === "TextBlock" && typeof e.text === "string") {
    const tag = e.style === "heading" ? "h2" : "p";
    return `<${tag}${e.isSubtle ? ' style="color:#555"' : ""}>${markdownToHtml(e.text)}</${tag}>`;
  }
  if (e.type === "FactSet" && Array.isArray(e.facts)) {
    const rows = (e.facts as { title: string; value: string }[]).map((f) => `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${markdownToHtml(f.title)}</th><td>${markdownToHtml(f.value)}</td></tr>`);
    return `<table role="presentation">${rows.join("")}</table>`;
  }
  return elementHtml(e.body) + elementHtml(e.items) + elementHtml(e.columns);
}

/** The subject line: the card's heading, as plain text. */
export function emailSubject(card: CardElement): string {
  const heading = (card.body as { style?: string; text?: string }[] | undefined)?.find((b) => b.style === "heading")?.text ?? "Assure";
  return heading.replace(/\\(.)/g, "$1").replace(/\*\*/g, "").slice(0, 200);
}

export function emailHtml(card: CardElement, options: { replyUrl: string | null; footer: string }): string {
  const reply = options.replyUrl
    ? `<p><a href="${escapeHtml(options.replyUrl)}" style="display:inline-block;padding:12px 20px;background:#1F5F8B;color:#fff;text-decoration:none;border-radius:4px">Reply: give your update</a></p>
<p style="color:#555;font-size:13px">This link is for you and this action only. It works for 28 days, or until the next reminder brings a new one. Do not forward it.</p>`
    : "";
  return `<!doctype html><html lang="en-GB"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:15px;line-height:1.4;max-width:640px">
${elementHtml(card.body)}
${reply}
<p style="color:#555;font-size:13px">${escapeHtml(options.footer)}</p>
</body></html>`;
}
