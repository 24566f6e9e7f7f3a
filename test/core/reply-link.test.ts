import { describe, expect, it } from "vitest";
import { newReplyLink, replyLinkState } from "../../src/core/reply-link.js";

const A = "plan/1.1";
const at = (iso: string) => new Date(iso);
const link = (hash: string, personId: string, issuedAt: string, actionId = A) => newReplyLink({ hash: hash.repeat(64), actionId, personId, issuedAt: at(issuedAt) });

describe("a reply link's state", () => {
  const first = link("a", "diego", "2026-11-01T10:00:00Z");
  const later = link("b", "diego", "2026-11-08T10:00:00Z");

  it("works until a newer link for the same action and person replaces it", () => {
    const now = at("2026-11-09T10:00:00Z");
    expect(replyLinkState(first, now, [first])).toBe("usable");
    expect(replyLinkState(first, now, [first, later])).toBe("replaced");
    expect(replyLinkState(later, now, [first, later])).toBe("usable");
  });

  it("is not replaced by a link for someone else, or for another action", () => {
    const now = at("2026-11-09T10:00:00Z");
    expect(replyLinkState(first, now, [link("c", "megan", "2026-11-08T10:00:00Z"), link("d", "diego", "2026-11-08T10:00:00Z", "plan/1.2")])).toBe("usable");
  });

  it("expires after 28 days and stays withdrawn once revoked, whatever else exists", () => {
    expect(replyLinkState(first, at("2026-11-29T10:00:00Z"))).toBe("expired");
    expect(replyLinkState({ ...later, revokedAt: "2026-11-08T11:00:00Z" }, at("2026-11-09T10:00:00Z"), [first])).toBe("revoked");
  });

  it("lets exactly one of two links issued in the same millisecond work", () => {
    const twin = link("c", "diego", "2026-11-08T10:00:00Z");
    const now = at("2026-11-09T10:00:00Z");
    expect([replyLinkState(later, now, [later, twin]), replyLinkState(twin, now, [later, twin])].sort()).toEqual(["replaced", "usable"]);
  });
});
