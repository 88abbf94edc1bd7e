// Interactive figure "matriz-de-similitud": the similarity matrix of a small
// batch of image-text pairs, a temperature the reader chooses, the softmax of
// every row (image -> text) and every column (text -> image), and the
// symmetric contrastive loss, all recomputed as the temperature changes.
//
// It enhances the static table inside the figure (the fallback without
// JavaScript): the table's numbers are recomputed here from the same
// similarities, so the table, the live panel and the article always agree.

import { formatNumber, numberField, pageLang, parseNumber } from "./numeros.js";
import { framedTable } from "./tabla.js";

const TEXT = {
  es: {
    slider: "Temperatura τ (deslizador; muévelo con las flechas)",
    number: "Temperatura τ (escribe un valor entre 0,01 y 10)",
    rows: "Softmax por filas (imagen → texto): cada fila suma 1",
    cols: "Softmax por columnas (texto → imagen): cada columna suma 1",
    image: (i) => `imagen ${i}`,
    text: (j) => `texto ${j}`,
    corner: "",
    summary: (tau, i2t, t2i, loss) =>
      `Con τ = ${tau}: pérdida imagen → texto ${i2t}; pérdida texto → imagen ${t2i}; pérdida simétrica ${loss}.`,
  },
  en: {
    slider: "Temperature τ (slider; move it with the arrow keys)",
    number: "Temperature τ (type a value from 0.01 to 10)",
    rows: "Row softmax (image → text): each row adds up to 1",
    cols: "Column softmax (text → image): each column adds up to 1",
    image: (i) => `image ${i}`,
    text: (j) => `text ${j}`,
    corner: "",
    summary: (tau, i2t, t2i, loss) =>
      `At τ = ${tau}: image → text loss ${i2t}; text → image loss ${t2i}; symmetric loss ${loss}.`,
  },
};

const TAU_MIN = 0.01;
const TAU_MAX_SLIDER = 2;
const TAU_MAX = 10;

// A temperature as written in the text: 1, 0,1, 0,07 (no trailing zeros).
const formatTau = (value, lang) => formatNumber(value, lang, 3, { trim: true });

function softmax(values) {
  const top = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

function transpose(matrix) {
  return matrix[0].map((_, j) => matrix.map((row) => row[j]));
}

// Everything the figure shows for one temperature.
function compute(similarities, tau) {
  const logits = similarities.map((row) => row.map((s) => s / tau));
  const rowProbs = logits.map(softmax); // rowProbs[i][j] = p(text j | image i)
  const colProbsT = transpose(logits).map(softmax); // colProbsT[j][i] = p(image i | text j)
  const n = similarities.length;
  const crossEntropy = (probs) => probs.reduce((sum, row, i) => sum - Math.log(row[i]), 0) / n;
  const i2t = crossEntropy(rowProbs);
  const t2i = crossEntropy(colProbsT);
  return {
    rowProbs,
    colProbs: transpose(colProbsT), // colProbs[i][j] = p(image i | text j), laid out like the matrix
    i2t,
    t2i,
    loss: (i2t + t2i) / 2,
  };
}

function matrixTable(caption, probs, lang) {
  const t = TEXT[lang];
  const table = document.createElement("table");
  const cap = table.createCaption();
  cap.textContent = caption;
  const head = table.createTHead().insertRow();
  const corner = document.createElement("td");
  corner.textContent = t.corner;
  head.appendChild(corner);
  probs[0].forEach((_, j) => {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = t.text(j + 1);
    head.appendChild(th);
  });
  const body = table.createTBody();
  probs.forEach((row, i) => {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = t.image(i + 1);
    tr.appendChild(th);
    row.forEach((_, j) => {
      const td = tr.insertCell();
      td.style.textAlign = "right";
      if (i === j) {
        td.appendChild(document.createElement("strong")); // the positive pair
      }
    });
  });
  return table;
}

function fillMatrix(table, probs, lang) {
  [...table.tBodies[0].rows].forEach((tr, i) => {
    probs[i].forEach((p, j) => {
      const cell = tr.cells[j + 1];
      (cell.firstElementChild || cell).textContent = formatNumber(p, lang, 3);
    });
  });
}

function enhance(root, index) {
  const lang = pageLang();
  const t = TEXT[lang];
  const similarities = root.dataset.similarities.split(";").map((row) => row.trim().split(/\s+/).map(Number));
  const n = similarities.length;
  if (!n || similarities.some((row) => row.length !== n || row.some((v) => !Number.isFinite(v)))) return;
  const table = root.querySelector("table");
  if (!table || !table.tBodies.length) return;
  const rows = [...table.tBodies[0].rows];
  if (rows.some((row) => row.cells.length !== 6)) return; // the page and the script disagree: keep the static table

  // 1. The fallback table, recomputed from the same similarities.
  rows.forEach((row) => {
    const tau = parseNumber(row.cells[0].textContent, lang);
    if (!Number.isFinite(tau) || tau <= 0) return;
    const r = compute(similarities, tau);
    const diagonal = (probs) => probs.map((p, i) => formatNumber(p[i], lang, 3)).join(" · ");
    row.cells[1].textContent = diagonal(r.rowProbs);
    row.cells[2].textContent = diagonal(transpose(r.colProbs));
    row.cells[3].textContent = formatNumber(r.i2t, lang, 3);
    row.cells[4].textContent = formatNumber(r.t2i, lang, 3);
    row.cells[5].textContent = formatNumber(r.loss, lang, 3);
  });

  // 2. Controls: a slider and a number field, kept in step.
  const start = parseNumber(root.dataset.tau, "en");
  const id = `matriz-de-similitud-${index}`;
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  controls.innerHTML =
    `<label for="${id}-deslizador">${t.slider}<input id="${id}-deslizador" type="range" min="${TAU_MIN}" max="${TAU_MAX_SLIDER}" step="0.01"></label>`;
  const slider = controls.querySelector('input[type="range"]');
  const number = numberField({
    label: t.number, min: TAU_MIN, max: TAU_MAX, value: start, lang, decimals: 3,
    onValue: (tau) => { slider.value = String(Math.min(tau, TAU_MAX_SLIDER)); show(tau); },
  });
  controls.append(number.field);

  // 3. The live panel: the summary sentence and the two softmax matrices.
  const output = document.createElement("div");
  output.className = "widget-output";
  const summary = document.createElement("p");
  summary.setAttribute("aria-live", "polite");
  const rowTable = matrixTable(t.rows, similarities, lang);
  const colTable = matrixTable(t.cols, similarities, lang);
  output.append(summary, framedTable(rowTable, t.rows), framedTable(colTable, t.cols));

  const anchor = table.closest(".md-typeset__scrollwrap") || table;
  root.insertBefore(controls, anchor);
  root.insertBefore(output, anchor);

  function show(tau) {
    const r = compute(similarities, tau);
    summary.textContent = t.summary(formatTau(tau, lang), formatNumber(r.i2t, lang, 3), formatNumber(r.t2i, lang, 3), formatNumber(r.loss, lang, 3));
    slider.setAttribute("aria-valuetext", formatTau(tau, lang));
    fillMatrix(rowTable, r.rowProbs, lang);
    fillMatrix(colTable, r.colProbs, lang);
  }

  slider.addEventListener("input", () => {
    const tau = Number(slider.value);
    number.set(tau);
    show(tau);
  });
  slider.value = String(Math.min(start, TAU_MAX_SLIDER));
  show(start);
}

document.querySelectorAll('[data-widget="matriz-de-similitud"]').forEach(enhance);
