import { londonTime } from "../../src/core/london.js";
import { card, facts, heading, text, type CardElement } from "./card-json.js";
import { escapeCardText } from "./escape.js";

/**
 * Where a card action stands when its answer could not wait for SharePoint: still being recorded
 * (Teams' time limit came first, the write carries on), or finally not recorded, and why.
 */
export type PendingState =
  | { kind: "recording"; since: Date; /** the write has settled one way or the other by then, unless Assure stopped */ settledBy: Date }
  | { kind: "not-recorded"; reason: string };

/**
 * The card a person sees while their answer is recorded, or after it finally failed: what they
 * sent, in the card's own words, and the same inputs and buttons, so sending it again needs no
 * retyping. Sending again is safe: the buttons carry the card's submission id, so it is recorded once.
 */
export function renderPendingCard(input: {
  state: PendingState;
  /** what was sent, as "your progress update" */
  what: string;
  /** the button that sends it again */
  button: string;
  /** what the person sent, label and value as the card shows them (escaped by this card) */
  sent: [string, string][];
  inputs: CardElement[];
  actions: CardElement[];
}): CardElement {
  const { state, what, button } = input;
  const sent = input.sent.filter(([, value]) => value.trim() !== "").map(([label, value]): [string, string] => [label, escapeCardText(value, 1500)]);
  const again = `Press "${button}" below to send it again: Assure records it once, however often it is sent.`;
  const top: CardElement[] =
    state.kind === "recording"
      ? [
          heading(`Being recorded: ${what}`),
          text(
            `Assure has ${what} (sent ${londonTime(state.since)}) and is recording it: the board's SharePoint site is busy just now, so it takes longer than usual. This card changes to what was recorded when it is done; you need do nothing.`,
          ),
          text(`If this card still says "being recorded" after ${londonTime(state.settledBy)}, Assure stopped before it finished. ${again}`, { weight: "Bolder" }),
        ]
      : [
          heading(`NOT recorded: ${what}`),
          text(`${escapeCardText(state.reason, 500)} Nothing you sent is lost: it is below. ${again}`, { color: "Attention", weight: "Bolder" }),
        ];
  return card([...top, ...(sent.length > 0 ? [text("What you sent:", { isSubtle: true }), facts(sent)] : []), ...input.inputs], input.actions);
}
