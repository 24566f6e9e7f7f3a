import { describe, expect, it } from "vitest";
import { adminCheck, AdminsSettingSchema } from "../../src/server/admins.js";

const A = "7d3c2b1a-0000-4000-8000-00000000000a";
const B = "7d3c2b1a-0000-4000-8000-00000000000b";
const GROUP = "9f9f9f9f-0000-4000-8000-000000000001";

describe("ASSURE_ADMINS", () => {
  it("reads object ids and one group, in any case, ignoring blanks", () => {
    expect(AdminsSettingSchema.parse(` ${A.toUpperCase()}, group:${GROUP} ,`)).toEqual({ users: [A], groups: [GROUP] });
  });

  it.each([
    ["megan@contoso.example", "each entry is an Entra object id"],
    [`group:${GROUP},group:${A}`, "at most one administrators' group"],
  ])("refuses %s, saying why", (value, why) => {
    const parsed = AdminsSettingSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toContain(why);
  });
});

describe("who is an administrator", () => {
  const sources = (stored: string[], members: string[]) => {
    const asked = { stored: 0, groups: 0 };
    return {
      asked,
      check: adminCheck({
        configured: { users: [A], groups: [GROUP] },
        stored: async () => (asked.stored++, stored),
        memberOf: async (oid, group) => (asked.groups++, group === GROUP && members.includes(oid)),
        now: () => 0,
      }),
    };
  };

  it("takes the setting's people without asking Graph", async () => {
    const { check, asked } = sources([], []);
    expect(await check(A.toUpperCase())).toBe(true);
    expect(asked).toEqual({ stored: 0, groups: 0 });
  });

  it("takes people added with assure admin, and members of the group, and nobody else", async () => {
    const { check, asked } = sources([B], ["c-member"]);
    expect(await check(B)).toBe(true);
    expect(await check("c-member")).toBe(true);
    expect(await check("d-stranger")).toBe(false);
    expect(await check("d-stranger")).toBe(false);
    expect(asked.stored).toBe(1); // read once, then kept for a minute
    expect(asked.groups).toBe(2); // once per person
  });
});
