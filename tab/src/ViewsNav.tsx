import { Button, Link, Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";

/** The tab's views: path under /tab/ and the words on the link. */
const VIEWS = [
  { path: "", name: "Plans" },
  { path: "my-actions", name: "My actions" },
  { path: "directory", name: "Leads directory" },
  { path: "dashboard", name: "Dashboard" },
  { path: "late", name: "Who is late" },
  { path: "decisions", name: "Decisions", deciders: true },
] as const;

/**
 * Links to each view on wider screens; on a phone one "Views" menu naming the view shown, so the
 * header takes one line and the plan starts on the first screen.
 */
export function ViewsNav({ path, decides, narrow, navigate }: { path: string; decides: boolean; narrow: boolean; navigate: (to: string) => void }) {
  const views = VIEWS.filter((v) => !("deciders" in v) || decides);
  const current = views.find((v) => v.path !== "" && (path === v.path || path.endsWith(`/${v.path}`))) ?? (path === "" || path.startsWith("plans/") ? views[0] : undefined);
  if (narrow) {
    return (
      <nav aria-label="Views">
        <Menu checkedValues={{ view: current ? [current.path] : [] }} onCheckedValueChange={(_, d) => navigate(d.checkedItems[0] ?? "")}>
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="subtle" style={{ minHeight: 44 }}>{current ? `Views: ${current.name}` : "Views"}</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {views.map((v) => <MenuItemRadio key={v.path} name="view" value={v.path} style={{ minHeight: 44 }}>{v.name}</MenuItemRadio>)}
            </MenuList>
          </MenuPopover>
        </Menu>
      </nav>
    );
  }
  return (
    <nav aria-label="Views" style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
      {views.map((v) => (
        <Link key={v.path} href={`/tab/${v.path}`} aria-current={v === current ? "page" : undefined} onClick={(e) => { e.preventDefault(); navigate(v.path); }}>{v.name}</Link>
      ))}
    </nav>
  );
}
