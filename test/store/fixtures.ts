import type { ProgressUpdate } from "../../src/core/progress-update.js";

export const ACTION_ID = "coventry-sar-mrs-e-2015/1.1";

/** Progress updates on the SAR Toolkit action, at fixed instants, numbered from `from`. */
export function updates(count: number, from = 1): ProgressUpdate[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      id: `pu-test-${n}`,
      actionId: ACTION_ID,
      author: { personId: "alex-wilber", name: "Alex Wilber" },
      at: new Date(Date.UTC(2016, 0, 1, 9, 0, n)).toISOString(),
      text: `Update ${n}: toolkit consultation continuing.`,
      evidence: [`https://contoso.sharepoint.com/sites/csab/evidence-${n}.docx`],
      rating: "green",
      proposedDeadline: null,
      markedComplete: false,
      via: "cli",
    };
  });
}

/** The ids of the stored updates, counting duplicates. */
export const idsOf = (stored: ProgressUpdate[]) => stored.map((u) => u.id).sort();
