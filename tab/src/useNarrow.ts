import { useEffect, useState } from "react";

/** Phone widths: the plan comes first, filters behind a button, each action a compact card. */
export const NARROW_QUERY = "(max-width: 639px)";

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    const media = matchMedia(NARROW_QUERY);
    const follow = () => setNarrow(media.matches);
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, []);
  return narrow;
}
