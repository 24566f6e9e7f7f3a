import { Field, Select } from "@fluentui/react-components";
import { ALL_BOARDS } from "../../src/core/board-scope.js";

/** Where the board the person last chose is remembered (this browser only). */
export const BOARD_KEY = "assure.board";

/**
 * One board at a time: the person's own boards first, then the others (reading stays open), and
 * "All boards". The choice is remembered in this browser; the Plans page, the leads directory, the
 * dashboard and the forms for new plans and imports follow it.
 */
export function BoardSwitcher({ shown, own, named, onChange, compact = false }: { shown: string; own: readonly string[]; named: readonly string[]; onChange: (board: string) => void; compact?: boolean }) {
  const mine = named.filter((b) => own.includes(b));
  const others = named.filter((b) => !own.includes(b));
  const select = (
      <Select
        // On a phone the select stands alone, named for screen readers, to keep the header short.
        aria-label={compact ? "Board" : undefined}
        style={{ width: "100%", minWidth: 0 }}
        root={{ style: { width: "100%", minWidth: 0 } }}
        value={shown}
        onChange={(_, d) => {
          localStorage.setItem(BOARD_KEY, d.value);
          onChange(d.value);
        }}
      >
        {mine.length > 0 && others.length > 0 ? (
          <>
            <optgroup label="Your boards">{mine.map((b) => <option key={b} value={b}>{b}</option>)}</optgroup>
            <optgroup label="Other boards">{others.map((b) => <option key={b} value={b}>{b}</option>)}</optgroup>
          </>
        ) : (
          named.map((b) => <option key={b} value={b}>{b}</option>)
        )}
        <option value={ALL_BOARDS}>All boards</option>
      </Select>
  );
  if (compact) return <div style={{ flex: "1 1 140px", minWidth: 0 }}>{select}</div>;
  return (
    <Field label="Board" orientation="horizontal" style={{ minWidth: 0, maxWidth: 460 }}>
      {select}
    </Field>
  );
}
