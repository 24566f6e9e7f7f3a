import type { Directory } from "../emulator/directory.js";
import { DEMO_PEOPLE } from "./people.js";

/**
 * The fictional tenant the emulator serves at /users in local mode: the demo people, some
 * colleagues not yet in Assure's directory (to pick in the people picker), a guest from a
 * partner agency, and an administrators' group. Names from Microsoft's demo tenant.
 */
const more = [
  ["00000000-0000-0000-0000-0000000000040", "Debra Berger", "Safeguarding Adults Board Administrator"],
  ["00000000-0000-0000-0000-0000000000041", "Christie Cline", "Adult Social Care Team Manager"],
  ["00000000-0000-0000-0000-0000000000042", "Enrico Cattaneo", "Named Nurse, Safeguarding Adults"],
  ["00000000-0000-0000-0000-0000000000043", "Irvin Sayers", "Detective Inspector, Public Protection"],
  ["00000000-0000-0000-0000-0000000000044", "Raul Razo", "Housing Options Manager"],
] as const;

export const DEMO_ADMINS_GROUP = "00000000-0000-0000-0000-00000000a0a1";

export function demoTenantDirectory(): Directory {
  const users = [
    ...DEMO_PEOPLE.map((p) => ({ id: p.entraObjectId, displayName: p.displayName, jobTitle: p.jobTitle, mail: p.email, userPrincipalName: p.email, userType: "Member" as const })),
    ...more.map(([id, displayName, jobTitle]) => {
      const mail = `${displayName.toLowerCase().replace(/ /g, ".")}@assure-demo.example`;
      return { id, displayName, jobTitle, mail, userPrincipalName: mail, userType: "Member" as const };
    }),
    {
      id: "00000000-0000-0000-0000-0000000000045",
      displayName: "Gerhart Moller (Probation)",
      jobTitle: "Head of Public Protection, Probation Service",
      mail: "gerhart.moller@probation.example",
      userPrincipalName: "gerhart.moller_probation.example#EXT#@assuredemo.onmicrosoft.com",
      userType: "Guest" as const,
    },
  ];
  return { users, groups: [{ id: DEMO_ADMINS_GROUP, displayName: "Assure Administrators", members: ["00000000-0000-0000-0000-0000000000040"] }] };
}
