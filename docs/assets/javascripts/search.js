// The site's search box: the theme's box and result list, driven by Pagefind
// (overrides/hooks/pagefind_search.py builds its index at build time). Nothing
// of the search is fetched until a reader opens the box; then Pagefind loads the
// index of the page's language, and only the chunks each query needs.

const toggle = document.getElementById("__search");
const dialog = document.querySelector(".md-search");
const input = dialog.querySelector(".md-search__input");
const list = dialog.querySelector(".md-search-result__list");
const meta = dialog.querySelector(".md-search-result__meta");
const config = JSON.parse(document.getElementById("__config").textContent);
const t = config.translations;
const root = new URL(config.base.endsWith("/") ? config.base : `${config.base}/`, location.href);
// Each result shown costs the reader its page's fragment (the text its excerpt
// is cut from, about 10 KB compressed), so a few are shown and the rest on request.
const SHOWN_AT_ONCE = 5;
const MORE = document.documentElement.lang === "es" ? "Ver más resultados" : "Show more results";

let engine = null; // a promise, created on first use
const loadEngine = () => (engine ??= import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
  // Result URLs are written from the site's root, which may be a folder (GitHub Pages).
  await pagefind.options({ baseUrl: root.pathname });
  pagefind.init();
  return pagefind;
}));

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// A page's best section: the one where the query words occur most often.
function bestSection(data) {
  const sections = data.sub_results || [];
  return sections.reduce((best, s) => (!best || (s.locations?.length || 0) > (best.locations?.length || 0) ? s : best), null);
}

function item(data) {
  const section = bestSection(data);
  const li = document.createElement("li");
  li.className = "md-search-result__item";
  // Pagefind's excerpts are escaped text with the matches in <mark>.
  const heading = section && section.title !== data.meta.title ? `<h2>${escape(section.title)}</h2>` : "";
  li.innerHTML = `<a href="${escape(new URL((section || data).url, location.href).href)}" class="md-search-result__link">` +
    `<article class="md-search-result__article md-typeset"><h1>${escape(data.meta.title)}</h1>${heading}` +
    `<p>${(section || data).excerpt}</p></article></a>`;
  return li;
}

let latest = 0;

// Shows the results from `from` on, SHOWN_AT_ONCE at a time, with a button for the
// next ones; the first ones replace the last query's, with the count, once they are here.
async function show(results, from, ticket, count = "") {
  const pages = await Promise.all(results.slice(from, from + SHOWN_AT_ONCE).map((result) => result.data()));
  if (ticket !== latest) return; // a later keystroke wins
  if (from === 0) {
    list.replaceChildren();
    meta.textContent = count;
  }
  list.querySelector(".search-more")?.remove();
  list.append(...pages.map(item));
  if (results.length > from + SHOWN_AT_ONCE) {
    const more = document.createElement("li");
    more.className = "search-more";
    const button = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: MORE });
    button.addEventListener("click", () => show(results, from + SHOWN_AT_ONCE, ticket).then(() => links()[from + SHOWN_AT_ONCE]?.focus()));
    more.append(button);
    list.append(more);
  }
}

async function search() {
  const query = input.value.trim();
  const ticket = ++latest;
  if (!query) {
    list.replaceChildren();
    meta.textContent = t["search.result.placeholder"];
    return;
  }
  const pagefind = await loadEngine();
  // Debounced: while the reader is still typing, earlier words fetch nothing.
  const found = await pagefind.debouncedSearch(query, {}, 100);
  if (found === null || ticket !== latest) return;
  const count = found.results.length;
  await show(found.results, 0, ticket, count === 0 ? t["search.result.none"]
    : count === 1 ? t["search.result.one"] : t["search.result.other"].replace("#", count));
}

// On phones and tablets the search covers the page, and the page under it must
// not scroll or widen to the overlay's size: the theme's CSS fixes the body in
// place while it carries data-md-scrolllock. The reading position is restored.
const coversPage = matchMedia("(max-width: 59.984375em)");
let lockedAt = null;

function lockPage(locked) {
  const body = document.body;
  if (locked && lockedAt === null && coversPage.matches) {
    lockedAt = scrollY;
    body.setAttribute("data-md-scrolllock", "");
    body.style.top = `-${lockedAt}px`;
  } else if (!locked && lockedAt !== null) {
    body.removeAttribute("data-md-scrolllock");
    body.style.top = "";
    scrollTo(0, lockedAt);
    lockedAt = null;
  }
}

function open() {
  toggle.checked = true;
  lockPage(true);
  input.focus();
  loadEngine();
}

function close() {
  toggle.checked = false;
  lockPage(false);
  input.blur();
}

function links() {
  return [...list.querySelectorAll("a, .search-more button")];
}

meta.setAttribute("aria-live", "polite");
meta.textContent = t["search.result.placeholder"];
input.addEventListener("focus", open);
input.addEventListener("input", search);
toggle.addEventListener("change", () => (toggle.checked ? open() : close()));
// The clear button resets the form, which fires no input event: clear the results too.
dialog.querySelector(".md-search__form").addEventListener("reset", () => setTimeout(() => (search(), input.focus())));
dialog.querySelector(".md-search__form").addEventListener("submit", (event) => {
  event.preventDefault();
  links()[0]?.click();
});
dialog.addEventListener("keydown", (event) => {
  const all = links();
  const at = all.indexOf(document.activeElement);
  if (event.key === "Escape") {
    close();
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (!all.length) return;
    const next = event.key === "ArrowDown" ? at + 1 : at - 1;
    (next < 0 ? input : all[Math.min(next, all.length - 1)]).focus();
  } else {
    return;
  }
  event.preventDefault();
});
document.addEventListener("keydown", (event) => {
  const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
  if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key)) {
    event.preventDefault();
    open();
  }
});
