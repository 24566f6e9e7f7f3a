/** How values become SharePoint fields and back, for every list's codec. */

/** SharePoint's Title is one line of at most 255 characters: a label for people, not data. */
export const title = (text: string): string => (text.length > 255 ? `${text.slice(0, 254)}…` : text);
export const json = (value: unknown): string => JSON.stringify(value);
export const fromJson = (value: unknown): unknown => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // left for the schema to reject, naming the field
  }
};
export const orNull = (value: unknown): unknown => (value === undefined || value === "" ? null : value);
