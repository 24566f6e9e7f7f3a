/**
 * Whether removing one administrator leaves Assure with none: nobody named in ASSURE_ADMINS,
 * no administrators' group, and no other administrator added with `assure admin add`. With
 * none, nobody can add people, rebind an account or fix a lead until someone edits the
 * server's settings, so the command says so and asks for `--last` first.
 */
export function leavesNoAdministrator(input: { configuredUsers: readonly string[]; configuredGroups: readonly string[]; stored: readonly string[]; removing: string }): boolean {
  const removing = input.removing.toLowerCase();
  if (input.configuredGroups.length > 0) return false;
  const others = [...input.configuredUsers, ...input.stored].map((id) => id.toLowerCase()).filter((id) => id !== removing);
  return others.length === 0;
}
