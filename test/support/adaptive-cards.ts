import { createRequire } from "node:module";

// adaptivecards' ESM build uses extension-less imports Node cannot load; its UMD bundle works.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

/** Teams' card payload limit is about 28 KB. */
export const CARD_LIMIT_BYTES = 28 * 1024;

/** Everything the adaptivecards library objects to when it reads the card as schema 1.5. */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  const validation = card.validateProperties().validationEvents.map((e) => e.message);
  const size = Buffer.byteLength(JSON.stringify(json));
  return [...events, ...validation, ...(size > CARD_LIMIT_BYTES ? [`card is ${size} bytes, over the ${CARD_LIMIT_BYTES}-byte limit`] : [])];
}
