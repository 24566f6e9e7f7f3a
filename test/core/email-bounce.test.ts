import { describe, expect, it } from "vitest";
import { applyPersonEdit } from "../../src/core/directory-edit.js";
import { bouncesToMark, emailUsable, exchangeWords, type NonDeliveryReport } from "../../src/core/email-bounce.js";
import { demoRecords } from "../../src/demo/index.js";

const diego = demoRecords().people.find((p) => p.id === "diego-siciliani")!;
const report = (at: string, to = diego.email, preview = "Your message to x couldn't be delivered."): NonDeliveryReport => ({ receivedDateTime: at, toRecipients: [to], bodyPreview: preview });

describe("bounces", () => {
  it("marks a person by their current address, case aside, with the newest report's time and words", () => {
    const marks = bouncesToMark([diego], [report("2026-12-01T10:00:00Z", diego.email.toUpperCase(), "old"), report("2026-12-02T10:00:00Z", diego.email, "  Your message\r\n to him\tcouldn't be delivered.  ")]);
    expect(marks.map((m) => m.bounce)).toEqual([{ address: diego.email, at: "2026-12-02T10:00:00.000Z", said: "Your message to him couldn't be delivered.", cleared: false }]);
    expect(bouncesToMark([diego], [report("2026-12-02T10:00:00Z", "someone.else@assure-demo.example")])).toEqual([]);
  });

  it("stops email to the address that bounced only: a changed address, or one a manager entered again, is emailed", () => {
    const bounce = bouncesToMark([diego], [report("2026-12-02T10:00:00Z")])[0]!.bounce;
    const marked = { ...diego, emailBounce: bounce };
    expect(emailUsable(marked)).toBe(false);
    expect(emailUsable({ ...marked, email: "diego.siciliani@elsewhere.example" })).toBe(true);
    const entered = applyPersonEdit(marked, { email: diego.email }, { people: [marked] });
    expect(entered.emailBounce).toMatchObject({ cleared: true });
    expect(emailUsable(entered)).toBe(true);
    // The reports already read do not stop it again; a later one does.
    expect(bouncesToMark([entered], [report("2026-12-02T10:00:00Z")])).toEqual([]);
    expect(bouncesToMark([entered], [report("2026-12-05T09:00:00Z")]).map((m) => m.bounce.at)).toEqual(["2026-12-05T09:00:00.000Z"]);
    // Editing something else leaves the mark as it is.
    expect(applyPersonEdit(marked, { jobTitle: "Head of training" }, { people: [marked] }).emailBounce).toEqual(bounce);
  });

  it("keeps Exchange's words to one line of at most about 300 characters", () => {
    const words = exchangeWords("word ".repeat(200));
    expect(words.length).toBeLessThanOrEqual(301);
    expect(words.endsWith("…")).toBe(true);
  });
});
