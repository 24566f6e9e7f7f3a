/** Small builders for Adaptive Card 1.5 JSON, so card files read as their layout. */
export type CardElement = Record<string, unknown>;

export const CARD_VERSION = "1.5";

export const card = (body: CardElement[], actions: CardElement[] = []): CardElement => ({
  type: "AdaptiveCard",
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  version: CARD_VERSION,
  body,
  ...(actions.length > 0 ? { actions } : {}),
});

export const text = (value: string, options: CardElement = {}): CardElement => ({ type: "TextBlock", text: value, wrap: true, ...options });

export const heading = (value: string): CardElement => text(value, { size: "Medium", weight: "Bolder", style: "heading" });

export const facts = (pairs: [string, string][]): CardElement => ({
  type: "FactSet",
  facts: pairs.map(([title, value]) => ({ title, value })),
});

/**
 * A Universal Action, with an Action.Submit fallback for clients without Action.Execute (Teams
 * mobile has an open bug report). The verb travels in data too, so both arrive the same way.
 */
export const execute = (title: string, verb: string, data: Record<string, unknown>, options: CardElement = {}): CardElement => ({
  type: "Action.Execute",
  title,
  verb,
  data: { ...data, verb },
  fallback: { type: "Action.Submit", title, data: { ...data, verb } },
  ...options,
});

export const openUrl = (title: string, url: string): CardElement => ({ type: "Action.OpenUrl", title, url });

/** A Markdown link in a TextBlock; Teams opens its deep links inside Teams. */
export const link = (label: string, url: string): string => `[${label}](${url.replace(/\)/g, "%29").replace(/ /g, "%20")})`;

/** The words a card shows, one line each (text blocks and facts), for dry runs and logs of what was sent. */
export function cardText(element: unknown): string[] {
  if (Array.isArray(element)) return element.flatMap(cardText);
  if (typeof element !== "object" || element === null) return [];
  const e = element as Record<string, unknown>;
  if (e.type === "TextBlock" && typeof e.text === "string") return [e.text];
  if (e.type === "FactSet" && Array.isArray(e.facts)) return (e.facts as { title: string; value: string }[]).map((f) => `${f.title} ${f.value}`);
  if (e.type === "Input.Text" || e.type === "Input.ChoiceSet" || e.type === "Input.Date" || e.type === "Input.Toggle") return [];
  return [...cardText(e.body), ...cardText(e.items), ...cardText(e.columns)];
}
