// The search engine: loads the index of the page's language (written by
// overrides/hooks/search_per_language.py) and matches word prefixes with accents
// ignored, so "alineacion" finds "alineación". Imported by search.js the first
// time a reader opens the search box.

const config = JSON.parse(document.getElementById("__config").textContent);
const base = new URL(config.base.endsWith("/") ? config.base : `${config.base}/`, location.href);
const t = config.translations;
const meta = document.querySelector(".md-search-result__meta");
const list = document.querySelector(".md-search-result__list");
const MAX_RESULTS = 20;

let index = null; // a promise, created on first use

const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const words = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];
const plain = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent || "";
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function load() {
  if (!index) {
    index = fetch(new URL("search/search_index.json", base))
      .then((response) => response.json())
      .then(({ docs }) => {
        const pages = new Map(docs.filter((d) => !d.location.includes("#")).map((d) => [d.location, d.title]));
        return docs.map((doc) => {
          const text = plain(doc.text);
          const page = doc.location.split("#")[0];
          return {
            doc, text, pageTitle: pages.get(page) || doc.title,
            title: new Set(words(doc.title)),
            body: words(`${text} ${doc.folded || ""}`),
          };
        });
      });
  }
  return index;
}

function score(entry, terms) {
  let total = 0;
  for (const term of terms) {
    const inTitle = [...entry.title].some((w) => w.startsWith(term));
    const inBody = entry.body.filter((w) => w.startsWith(term)).length;
    if (!inTitle && !inBody) return 0; // every word of the query must appear
    total += (inTitle ? 10 : 0) + Math.min(inBody, 5);
  }
  return total;
}

const WORD = /[\p{L}\p{N}]+/gu;

function snippet(text, terms) {
  const matches = (word) => terms.some((term) => fold(word).startsWith(term));
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    if (matches(match[0])) {
      at = match.index;
      break;
    }
  }
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, start + 200);
  const excerpt = text.slice(start, end).replace(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu, (piece) =>
    matches(piece) && /[\p{L}\p{N}]/u.test(piece) ? `<mark>${escape(piece)}</mark>` : escape(piece));
  return `${start > 0 ? "… " : ""}${excerpt}${end < text.length ? " …" : ""}`;
}

function render(entries, terms) {
  list.replaceChildren();
  if (!terms.length) {
    meta.textContent = t["search.result.placeholder"];
    return;
  }
  const found = entries.map((entry) => [score(entry, terms), entry]).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]);
  meta.textContent = found.length === 0 ? t["search.result.none"]
    : found.length === 1 ? t["search.result.one"] : t["search.result.other"].replace("#", found.length);
  for (const [, entry] of found.slice(0, MAX_RESULTS)) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const section = entry.doc.location.includes("#") ? `<h2>${escape(entry.doc.title)}</h2>` : "";
    item.innerHTML = `<a href="${escape(new URL(entry.doc.location, base).href)}" class="md-search-result__link">` +
      `<article class="md-search-result__article md-typeset"><h1>${escape(entry.pageTitle)}</h1>${section}` +
      `<p>${snippet(entry.text, terms)}</p></article></a>`;
    list.append(item);
  }
}

async function search(query) {
  const terms = [...new Set(words(query))];
  render(terms.length ? await load() : [], terms);
}

export { load, search };
