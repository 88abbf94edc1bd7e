// The site's search box. The theme's own search starts a worker and downloads
// the whole index and the lunr language files on every page view, about a third
// of an article's transfer; this file only wires the theme's search box, and the
// engine (search-engine.js) with the index are fetched the first time it opens.

const toggle = document.getElementById("__search");
const dialog = document.querySelector(".md-search");
const input = dialog.querySelector(".md-search__input");
const list = dialog.querySelector(".md-search-result__list");
const meta = dialog.querySelector(".md-search-result__meta");
const t = JSON.parse(document.getElementById("__config").textContent).translations;

let engine = null; // a promise, created on first use
const loadEngine = () => (engine ??= import("./search-engine.js").then((module) => (module.load(), module)));

async function search() {
  (await loadEngine()).search(input.value);
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
  return [...list.querySelectorAll("a")];
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
