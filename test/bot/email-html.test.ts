import { describe, expect, it } from "vitest";
import { card, facts, heading, text } from "../../bot/cards/card-json.js";
import { escapeCardText } from "../../bot/cards/escape.js";
import { emailHtml, emailSubject } from "../../bot/email/email-html.js";

describe("a reminder as an email", () => {
  it("keeps what a person typed as text: no markup, no script links, however it was written", () => {
    const typed = '<img src=x onerror="alert(1)"> [Sign in](javascript:alert(1)) **bold** & "quotes"';
    const html = emailHtml(card([heading(`Action ${escapeCardText("1.1")}`), text(escapeCardText(typed)), facts([["Lead", escapeCardText("<b>SAR</b>")]])]), { replyUrl: "https://assure.example.org/reply/abc", footer: "Sent by Assure" });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>SAR");
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain('<a href="https://assure.example.org/reply/abc"');
  });

  it("keeps the card's own links and bold, and takes its subject from the heading", () => {
    const built = card([heading("Digest: week of 3 Oct"), text("- **[1.1](https://assure.example.org/tab/plans/x?action=1)** overdue")]);
    expect(emailHtml(built, { replyUrl: null, footer: "" })).toContain('<strong><a href="https://assure.example.org/tab/plans/x?action=1">1.1</a></strong>');
    expect(emailSubject(built)).toBe("Digest: week of 3 Oct");
  });
});
