// The search engine: loads the index of the page's language (written by
// overrides/hooks/search_per_language.py). A query word matches a word of a page
// when it starts it, accents ignored ("alineacion" finds "alineación", and the
// results follow the reader's typing), or when both have the same stem under
// the language's stemmer ("alineaciones" finds "alineación", "models" finds
// "modelling"). Imported by search.js the first time a reader opens the box.

import { stemmers } from "./stemmers.js";

const config = JSON.parse(document.getElementById("__config").textContent);
const base = new URL(config.base.endsWith("/") ? config.base : `${config.base}/`, location.href);
const t = config.translations;
const meta = document.querySelector(".md-search-result__meta");
const list = document.querySelector(".md-search-result__list");
const MAX_RESULTS = 20;

let index = null; // a promise, created on first use

const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
const WORD = /[\p{L}\p{N}]+/gu;
const plain = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent || "";
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

let stem = (word) => word; // the language's stemmer once the index says which
const stems = new Map();
// A word as the matcher sees it: folded for prefixes, and its folded stem.
function term(word) {
  const lower = word.toLowerCase();
  if (!stems.has(lower)) stems.set(lower, { prefix: fold(lower), stem: fold(stem(lower)) });
  return stems.get(lower);
}
const terms = (text) => (text.match(WORD) || []).map(term);
const matches = (word, query) => word.prefix.startsWith(query.prefix) || word.stem === query.stem;

function load() {
  if (!index) {
    index = fetch(new URL("search/search_index.json", base))
      .then((response) => response.json())
      .then(({ config: { lang }, docs }) => {
        stem = stemmers[lang[0]] || stem;
        const pages = new Map(docs.filter((d) => !d.location.includes("#")).map((d) => [d.location, d.title]));
        return docs.map((doc) => {
          const text = plain(doc.text);
          const page = doc.location.split("#")[0];
          return {
            doc, text, pageTitle: pages.get(page) || doc.title,
            title: terms(doc.title),
            body: terms(text),
          };
        });
      });
  }
  return index;
}

function score(entry, query) {
  let total = 0;
  for (const word of query) {
    const inTitle = entry.title.some((w) => matches(w, word));
    const inBody = entry.body.filter((w) => matches(w, word)).length;
    if (!inTitle && !inBody) return 0; // every word of the query must appear
    total += (inTitle ? 10 : 0) + Math.min(inBody, 5);
  }
  return total;
}

function snippet(text, query) {
  const hit = (piece) => query.some((word) => matches(term(piece), word));
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    if (hit(match[0])) {
      at = match.index;
      break;
    }
  }
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, start + 200);
  const excerpt = text.slice(start, end).replace(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu, (piece) =>
    /[\p{L}\p{N}]/u.test(piece) && hit(piece) ? `<mark>${escape(piece)}</mark>` : escape(piece));
  return `${start > 0 ? "… " : ""}${excerpt}${end < text.length ? " …" : ""}`;
}

function render(entries, query) {
  list.replaceChildren();
  if (!query.length) {
    meta.textContent = t["search.result.placeholder"];
    return;
  }
  const found = entries.map((entry) => [score(entry, query), entry]).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]);
  meta.textContent = found.length === 0 ? t["search.result.none"]
    : found.length === 1 ? t["search.result.one"] : t["search.result.other"].replace("#", found.length);
  for (const [, entry] of found.slice(0, MAX_RESULTS)) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const section = entry.doc.location.includes("#") ? `<h2>${escape(entry.doc.title)}</h2>` : "";
    item.innerHTML = `<a href="${escape(new URL(entry.doc.location, base).href)}" class="md-search-result__link">` +
      `<article class="md-search-result__article md-typeset"><h1>${escape(entry.pageTitle)}</h1>${section}` +
      `<p>${snippet(entry.text, query)}</p></article></a>`;
    list.append(item);
  }
}

async function search(text) {
  const entries = /[\p{L}\p{N}]/u.test(text) ? await load() : []; // the stemmer is known once the index is
  const query = [...new Map(terms(text).map((word) => [word.prefix, word])).values()];
  render(entries, query);
}

export { load, search };
