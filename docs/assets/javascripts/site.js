// The theme behaviours this site uses, in place of Material's 114 KB bundle
// (not loaded: see overrides/main.html). Each runs only when its feature is
// listed under theme.features in mkdocs.yml, as with the theme's own script.
// Search is search.js; the first palette is set in the header, before paint.

const features = new Set(JSON.parse(document.getElementById("__config").textContent).features);
const header = document.querySelector(".md-header");
// A heading counts as reached once its top is within the theme's scroll margin
// for link targets (3.6rem), so following a contents link marks that section.
const readingLine = () => 3.6 * parseFloat(getComputedStyle(document.documentElement).fontSize) + 2;

// Palette toggle: the label shown is for the other palette. The choice is saved
// in the theme's format and key, which the header script reads on every page.
const palette = document.querySelector("[data-md-component=palette]");
if (palette) {
  const inputs = [...palette.querySelectorAll("input")];
  const apply = (input) => {
    const color = {};
    for (const key of ["media", "scheme", "primary", "accent"]) {
      color[key] = input.getAttribute(`data-md-color-${key}`);
      document.body.setAttribute(`data-md-color-${key}`, color[key]);
    }
    for (const other of inputs) other.nextElementSibling.hidden = other !== input;
    __md_set("__palette", { index: inputs.indexOf(input), color });
  };
  palette.addEventListener("change", (event) => apply(event.target));
  // A radio button ignores Enter and Space once checked: both switch palettes.
  palette.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    const next = inputs[(inputs.indexOf(event.target) + 1) % inputs.length];
    next.checked = true;
    next.focus();
    apply(next);
  });
}

// Tooltips for links and abbreviations with a title (glossary terms, citations):
// shown on hover and on keyboard focus, dismissed with Escape (WCAG 1.4.13).
if (features.has("content.tooltips")) {
  const tip = Object.assign(document.createElement("div"), { id: "__tooltip", className: "site-tooltip", hidden: true });
  tip.setAttribute("role", "tooltip");
  document.body.append(tip);
  // On a touch screen a tap on a glossary term shows its definition in place, with
  // a link to the whole entry (a second tap on the term follows it too); the tip
  // then stays until the reader taps elsewhere or presses Escape.
  const touch = matchMedia("(hover: none)");
  const words = document.documentElement.lang === "es"
    ? { label: "Definición", entry: "Ver la entrada del glosario" }
    : { label: "Definition", entry: "See the glossary entry" };
  let current = null;
  let pinned = false;
  let timer = 0;
  const place = (host) => {
    const box = host.getBoundingClientRect();
    const room = document.documentElement.clientWidth;
    const left = Math.min(Math.max(8, box.left + box.width / 2 - tip.offsetWidth / 2), room - tip.offsetWidth - 8);
    const below = box.bottom + tip.offsetHeight + 8 <= innerHeight;
    tip.style.left = `${left + scrollX}px`;
    tip.style.top = `${(below ? box.bottom + 6 : box.top - tip.offsetHeight - 6) + scrollY}px`;
  };
  const hide = () => {
    if (pinned) return;
    current?.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
    tip.setAttribute("role", "tooltip");
    tip.removeAttribute("aria-label");
  };
  const unpin = () => {
    pinned = false;
    hide();
  };
  const show = (host) => {
    clearTimeout(timer);
    if (current === host || pinned) return;
    hide();
    current = host;
    tip.textContent = host.dataset.title;
    tip.hidden = false;
    host.setAttribute("aria-describedby", tip.id);
    place(host);
  };
  const pin = (host) => {
    unpin();
    show(host);
    pinned = true;
    tip.setAttribute("role", "dialog");
    tip.setAttribute("aria-label", words.label);
    tip.append(" ", Object.assign(document.createElement("a"), { href: host.href, textContent: words.entry }));
    place(host);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(hide, 200);
  };
  for (const host of document.querySelectorAll(".md-content a[title], .md-content abbr[title]")) {
    host.dataset.title = host.title;
    host.removeAttribute("title"); // the browser's own tooltip would double it
    host.addEventListener("mouseenter", () => show(host));
    host.addEventListener("mouseleave", later);
    host.addEventListener("focus", () => show(host));
    host.addEventListener("blur", hide);
    if (host.classList.contains("glossary-term")) {
      host.addEventListener("click", (event) => {
        if (!touch.matches || (pinned && current === host)) return;
        event.preventDefault();
        pin(host);
      });
    }
  }
  tip.addEventListener("mouseenter", () => clearTimeout(timer));
  tip.addEventListener("mouseleave", later);
  document.addEventListener("click", (event) => {
    if (pinned && !tip.contains(event.target) && !event.target.closest("a.glossary-term")) unpin();
  });
  document.addEventListener("keydown", (event) => event.key === "Escape" && unpin());
}

// The language switch lands on the same section of the twin: both languages give
// every heading the same id, so the link gets the id of the section being read
// (the last heading above the reading line) when the reader follows it.
const headings = [...document.querySelectorAll(".md-content :is(h2, h3)[id]")];
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.md-select__link[hreflang]");
  if (!link) return;
  const line = readingLine();
  const reading = headings.filter((h) => h.getBoundingClientRect().top <= line).pop();
  const url = new URL(link.href);
  url.hash = reading ? reading.id : "";
  link.href = url.href;
}, true);

// The 404 page speaks both languages; a reader who asked for an English address,
// or whose browser prefers English to Spanish, gets the English part first.
const notFound = document.querySelectorAll(".not-found");
if (notFound.length === 2) {
  const [spanish, english] = notFound;
  const englishHome = new URL(english.querySelector("a").href);
  const prefers = navigator.languages.map((l) => l.slice(0, 2)).find((l) => l === "es" || l === "en");
  if (location.pathname.startsWith(englishHome.pathname) || prefers === "en") {
    spanish.before(english);
    document.documentElement.lang = "en";
    document.title = "Page not found · Página no encontrada";
  }
}

// The table of contents marks the section being read (toc.follow) and keeps it
// in view; the header shows the page title once the h1 has scrolled away.
const sections = [...document.querySelectorAll(".md-sidebar--secondary .md-nav__link[href^='#']")]
  .map((link) => [link, document.getElementById(decodeURIComponent(link.hash.slice(1)))])
  .filter(([, heading]) => heading);
const title = document.querySelector("[data-md-component=header-title]");
const heading = document.querySelector(".md-content h1");
const backToTop = document.querySelector("[data-md-component=top]");
let lastY = scrollY;

function onScroll() {
  const line = readingLine();
  if (features.has("toc.follow") && sections.length) {
    let active = null;
    for (const [link, target] of sections) if (target.getBoundingClientRect().top <= line) active = link;
    for (const [link] of sections) link.classList.toggle("md-nav__link--active", link === active);
    const wrap = active?.closest(".md-sidebar__scrollwrap");
    if (wrap && (active.offsetTop < wrap.scrollTop || active.offsetTop > wrap.scrollTop + wrap.clientHeight - 40)) {
      wrap.scrollTop = active.offsetTop - wrap.clientHeight / 2;
    }
  }
  if (title && heading) title.classList.toggle("md-header__title--active", heading.getBoundingClientRect().bottom <= line);
  header.classList.toggle("md-header--shadow", scrollY > 0);
  // Back to top (navigation.top): offered while the reader scrolls back up.
  if (backToTop && features.has("navigation.top")) backToTop.hidden = !(scrollY < lastY && scrollY > innerHeight);
  lastY = scrollY;
}

let pending = false;
addEventListener("scroll", () => {
  if (!pending) requestAnimationFrame(() => ((pending = false), onScroll()));
  pending = true;
}, { passive: true });
onScroll();

backToTop?.addEventListener("click", () => scrollTo({ top: 0 }));

// On a phone the navigation is a drawer: following a link to this page, or Escape, closes it.
const drawer = document.getElementById("__drawer");
document.querySelector(".md-sidebar--primary")?.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (link && link.pathname === location.pathname) drawer.checked = false;
});
document.addEventListener("keydown", (event) => event.key === "Escape" && (drawer.checked = false));

// «Cómo citar»: buttons that copy the reference or the BibTeX entry. Shown only
// here, with scripts; without them the text is there to select.
for (const actions of document.querySelectorAll(".citation-actions")) {
  const status = actions.querySelector(".citation-copied");
  actions.hidden = false;
  actions.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const text = document.getElementById(button.dataset.copy).innerText.trim();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (an insecure page, an old browser): select the text instead.
      getSelection().selectAllChildren(document.getElementById(button.dataset.copy));
      document.execCommand("copy");
    }
    status.textContent = status.dataset.copied;
    setTimeout(() => (status.textContent = ""), 4000);
  });
}
