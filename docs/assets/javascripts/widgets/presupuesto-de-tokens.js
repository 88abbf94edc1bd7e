// Interactive figure "presupuesto-de-tokens": how many visual tokens an image
// or a video costs a language model, from the side of each tile, the patch
// size, a grid of tiles with an optional thumbnail, an optional compressor and
// the number of images or frames; and what share of a context window they
// take, and how many pages of text they are worth.
//
// T = F · (rows · cols + thumbnail) · per-tile tokens, where the per-tile
// tokens are (side / patch)² without a compressor, a quarter of that when
// 2 × 2 neighbours are merged, or the fixed number of queries of a resampler.
//
// It enhances the static table inside the figure (the fallback without
// JavaScript): both rows are recomputed here from the figure's data
// attributes, and the live panel starts from the same values, so the article,
// the fallback and the widget always agree.

import { formatNumber, numberField, pageLang } from "./numeros.js";

export function formatPercent(ratio, lang, decimals = 1) {
  const number = formatNumber(ratio * 100, lang, decimals);
  return lang === "en" ? `${number}%` : `${number}\u00a0%`;
}

const TEXT = {
  es: {
    side: "Lado de la imagen o de cada tesela, en píxeles",
    patch: "Lado del parche, en píxeles",
    rows: "Filas de teselas",
    cols: "Columnas de teselas",
    thumbnail: "Miniatura de la imagen entera",
    yesNo: { 1: "Sí", 0: "No" },
    compressor: "Compresor",
    images: "Imágenes o fotogramas",
    context: "Contexto disponible, en tokens",
    page: "Tokens por página de texto (supuesto)",
    options: {
      none: "Ninguno",
      merge: "Juntar 2 × 2 (÷ 4)",
      resampler: "Resampler, 64 consultas",
      qformer: "Q-Former, 32 consultas",
    },
    summary: (r, f) =>
      `${f(r.images)} ${r.images === 1 ? "imagen" : "imágenes"} × ${f(r.tiles)} ${r.tiles === 1 ? "tesela" : "teselas"} × ` +
      `${f(r.perTile)} tokens = ${f(r.total)} tokens visuales. ` +
      `Ocupan el ${r.share} de un contexto de ${f(r.context)} tokens` +
      (r.fits ? "" : ": no caben") +
      `, y equivalen a ${r.pages} páginas de ${f(r.page)} tokens.`,
  },
  en: {
    side: "Side of the image or of each tile, in pixels",
    patch: "Side of the patch, in pixels",
    rows: "Rows of tiles",
    cols: "Columns of tiles",
    thumbnail: "Thumbnail of the whole image",
    yesNo: { 1: "Yes", 0: "No" },
    compressor: "Compressor",
    images: "Images or frames",
    context: "Context window, in tokens",
    page: "Tokens per page of text (assumption)",
    options: {
      none: "None",
      merge: "Merge 2 × 2 (÷ 4)",
      resampler: "Resampler, 64 queries",
      qformer: "Q-Former, 32 queries",
    },
    summary: (r, f) =>
      `${f(r.images)} ${r.images === 1 ? "image" : "images"} × ${f(r.tiles)} ${r.tiles === 1 ? "tile" : "tiles"} × ` +
      `${f(r.perTile)} tokens = ${f(r.total)} visual tokens. ` +
      `They take ${r.share} of a ${f(r.context)}-token context window` +
      (r.fits ? "" : ", so they do not fit") +
      `, and are worth ${r.pages} pages of ${f(r.page)} tokens.`,
  },
};

// Tokens that one tile (or the whole image, without tiles) hands to the language model.
export function tokensPerTile(side, patch, compressor) {
  const perSide = Math.floor(side / patch);
  if (compressor === "merge") return Math.floor(perSide / 2) ** 2;
  if (compressor === "resampler") return 64;
  if (compressor === "qformer") return 32;
  return perSide ** 2;
}

export function budget({ side, patch, rows, cols, thumbnail, compressor, images, context, page }) {
  const tiles = rows * cols + (thumbnail ? 1 : 0);
  const perTile = tokensPerTile(side, patch, compressor);
  const total = images * tiles * perTile;
  return { tiles, perTile, total, images, context, page, ratio: total / context, pagesValue: total / page };
}

function enhance(root, index) {
  const lang = pageLang();
  const t = TEXT[lang];
  const d = root.dataset;
  const start = {
    side: Number(d.side), patch: Number(d.patch), rows: Number(d.rows), cols: Number(d.cols),
    thumbnail: d.thumbnail === "1", compressor: d.compressor in t.options ? d.compressor : "none",
    images: Number(d.images), context: Number(d.context), page: Number(d.page),
  };
  if (["side", "patch", "rows", "cols", "images", "context", "page"].some((k) => !(start[k] > 0))) return;
  const table = root.querySelector("table");
  if (!table || !table.tBodies.length) return;
  const rows = [...table.tBodies[0].rows];
  if (rows.length !== 2 || rows.some((row) => row.cells.length !== 6)) return; // the page and the script disagree: keep the static table
  const f = (n) => formatNumber(n, lang);
  const pages = (r) => formatNumber(r.pagesValue, lang, 1);

  // 1. The fallback table, recomputed: one image without tiles, then the figure's grid with its thumbnail.
  const configs = [
    { ...start, rows: 1, cols: 1, thumbnail: false, compressor: "none" },
    { ...start, compressor: "none" },
  ];
  rows.forEach((row, i) => {
    const r = budget(configs[i]);
    row.cells[1].textContent = f(r.tiles);
    row.cells[2].textContent = f(r.perTile);
    row.cells[3].textContent = f(r.total);
    row.cells[4].textContent = formatPercent(r.ratio, lang, 1);
    row.cells[5].textContent = pages(r);
  });

  // 2. Controls, with the figure's values.
  const id = `presupuesto-de-tokens-${index}`;
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  const state = { ...start };
  const output = document.createElement("p");
  output.setAttribute("aria-live", "polite");

  function show() {
    const r = budget(state);
    r.share = formatPercent(r.ratio, lang, 1);
    r.fits = r.total <= r.context;
    r.pages = pages(r);
    output.textContent = t.summary(r, f);
  }

  const fields = [
    ["side", t.side, 1, 10000],
    ["patch", t.patch, 1, 1000],
    ["rows", t.rows, 1, 12],
    ["cols", t.cols, 1, 12],
  ];
  const addField = ([key, label, min, max]) => {
    const { field } = numberField({
      label, min, max, value: state[key], lang, whole: true,
      onValue: (value) => { state[key] = value; show(); },
    });
    controls.append(field);
  };
  fields.forEach(addField);

  // Two menus: the thumbnail (yes or no) and the compressor.
  const addMenu = (key, label, options, current, onChange) => {
    const wrap = document.createElement("label");
    wrap.setAttribute("for", `${id}-${key}`);
    wrap.textContent = label;
    const menu = document.createElement("select");
    menu.id = `${id}-${key}`;
    for (const [value, text] of options) menu.add(new Option(text, value, false, value === current));
    menu.addEventListener("change", () => { onChange(menu.value); show(); });
    wrap.append(menu);
    controls.append(wrap);
  };
  addMenu("thumbnail", t.thumbnail, [["1", t.yesNo[1]], ["0", t.yesNo[0]]], state.thumbnail ? "1" : "0", (v) => { state.thumbnail = v === "1"; });
  addMenu("compressor", t.compressor, Object.entries(t.options), state.compressor, (v) => { state.compressor = v; });

  [
    ["images", t.images, 1, 100000],
    ["context", t.context, 1, 100000000],
    ["page", t.page, 1, 100000],
  ].forEach(addField);

  const panel = document.createElement("div");
  panel.className = "widget-output";
  panel.append(output);
  const anchor = table.closest(".md-typeset__scrollwrap") || table;
  root.insertBefore(controls, anchor);
  root.insertBefore(panel, anchor);
  show();
}

document.querySelectorAll('[data-widget="presupuesto-de-tokens"]').forEach(enhance);
