// A table a widget builds, in the same frame the build gives the article's
// tables (overrides/hooks/theme_fixes.py): on a narrow screen it scrolls inside
// the frame, which takes the keyboard focus and is named after the table.

export function framedTable(table, name) {
  const frame = document.createElement("div");
  frame.className = "md-typeset__scrollwrap";
  frame.tabIndex = 0;
  frame.setAttribute("role", "region");
  frame.setAttribute("aria-label", name);
  const inner = document.createElement("div");
  inner.className = "md-typeset__table";
  inner.append(table);
  frame.append(inner);
  return frame;
}
