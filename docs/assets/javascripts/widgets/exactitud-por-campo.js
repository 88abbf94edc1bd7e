// Interactive figure "exactitud-por-campo": what an accuracy per field means
// for a whole document. The reader sets the accuracy per field, the number of
// fields and a confidence threshold below which a field goes to a person; the
// figure shows the share of documents that come out fully correct, the review
// load and the errors that still slip through.
//
// The confidence model is the one the article states (section "Cuánto acierta
// un documento entero"): confidence is calibrated, and a field's probability of
// being wrong is u^k, with u uniform in [0, 1] and k = p / (1 - p), so that its
// mean is 1 - p. Every field with confidence below t is reviewed, and the
// reviewer fixes it. Then a share 1 - (1 - t)^((1 - p) / p) of the fields is
// reviewed and a share (1 - p)(1 - t)^(1 / p) is wrong and accepted. Fields are
// independent. The Python block of the article computes the same numbers.
//
// It enhances the static table inside the figure (the fallback without
// JavaScript): each row is recomputed here from the inputs in data-rows, so the
// table, the live summary and the article always agree.

import { pageLang, formatNumber, numberField } from "./numeros.js";

const TEXT = {
  es: {
    accuracy: "Exactitud por campo, en %",
    fields: "Número de campos por documento",
    threshold: "Umbral de confianza (0 = sin revisión)",
    slider: "Umbral de confianza (deslizador; muévelo con las flechas)",
    noReview: "sin revisión",
    percent: (text) => `${text} %`,
    summary: (r) =>
      `Con ${r.p} de exactitud por campo, ${r.n} campos y ${r.t === null ? "sin revisión" : `umbral ${r.t}`}: ` +
      `${r.perfect} de documentos perfectos; ${r.fields} campos por documento van a revisión ` +
      `y ${r.documents} de los documentos pasan por una persona; se escapan ${r.slips} errores por cada 1000 documentos.`,
  },
  en: {
    accuracy: "Accuracy per field, in %",
    fields: "Number of fields per document",
    threshold: "Confidence threshold (0 = no review)",
    slider: "Confidence threshold (slider; move it with the arrow keys)",
    noReview: "no review",
    percent: (text) => `${text}%`,
    summary: (r) =>
      `At ${r.p} accuracy per field, ${r.n} fields and ${r.t === null ? "no review" : `threshold ${r.t}`}: ` +
      `${r.perfect} of documents perfect; ${r.fields} fields per document go to review ` +
      `and a person opens ${r.documents} of the documents; ${r.slips} errors slip through per 1,000 documents.`,
  },
};

const LIMITS = { p: [50, 99.9], n: [1, 200], t: [0, 0.999] };

// Everything the figure shows for one accuracy p (0-1), n fields and threshold t.
export function compute(p, n, t) {
  const reviewed = 1 - Math.pow(1 - t, (1 - p) / p);
  const slips = (1 - p) * Math.pow(1 - t, 1 / p);
  return {
    perfect: Math.pow(1 - slips, n),
    fieldsReviewed: n * reviewed,
    documentsReviewed: 1 - Math.pow(1 - reviewed, n),
    slipsPer1000: 1000 * n * slips,
  };
}

// The cells as the article writes them: "66,8 %", "0,92", "61 %", "38,2" (400 without decimals).
function cells(p, n, t, lang) {
  const text = TEXT[lang];
  const r = compute(p, n, t);
  const pct = (value, decimals) => text.percent(formatNumber(100 * value, lang, decimals));
  return {
    p: text.percent(formatNumber(100 * p, lang, 1, { trim: true })),
    n: formatNumber(n, lang),
    t: t === 0 ? null : formatNumber(t, lang, 3, { trim: true }),
    perfect: pct(r.perfect, 1),
    fields: r.fieldsReviewed === 0 ? "0" : formatNumber(r.fieldsReviewed, lang, 2),
    documents: pct(r.documentsReviewed, 0),
    slips: formatNumber(r.slipsPer1000, lang, r.slipsPer1000 >= 100 ? 0 : 1),
  };
}

function enhance(root) {
  const lang = pageLang();
  const text = TEXT[lang];
  const inputs = (root.dataset.rows || "").split(";").map((row) => row.trim().split(/\s+/).map(Number));
  const table = root.querySelector("table");
  const rows = table ? [...table.tBodies[0].rows] : [];
  const valid = inputs.every((v) => v.length === 3 && v.every(Number.isFinite));
  // The page and the script disagree: keep the static table.
  if (!table || rows.length !== inputs.length || !valid) return;

  inputs.forEach(([p, n, t], i) => {
    const c = cells(p, n, t, lang);
    const shown = [c.p, c.n, c.t === null ? text.noReview : c.t, c.perfect, c.fields, c.documents, c.slips];
    shown.forEach((value, j) => { rows[i].cells[j].textContent = value; });
  });

  const state = { p: inputs[0][0] * 100, n: inputs[0][1], t: inputs[0][2] };
  const output = document.createElement("div");
  output.className = "widget-output";
  output.setAttribute("aria-live", "polite");
  const summary = document.createElement("p");
  output.append(summary);

  function update() {
    const c = cells(state.p / 100, state.n, state.t, lang);
    summary.textContent = text.summary(c);
    // The slider is read aloud as the page writes the number ("0,9"), or as "no review" at 0.
    slider.setAttribute("aria-valuetext", c.t === null ? text.noReview : c.t);
  }

  const controls = document.createElement("div");
  controls.className = "widget-controls";
  const accuracy = numberField({
    label: text.accuracy, min: LIMITS.p[0], max: LIMITS.p[1], value: state.p, lang, decimals: 1,
    onValue: (v) => { state.p = v; update(); },
  });
  const fields = numberField({
    label: text.fields, min: LIMITS.n[0], max: LIMITS.n[1], value: state.n, lang, whole: true,
    onValue: (v) => { state.n = v; update(); },
  });
  const slider = document.createElement("input");
  const threshold = numberField({
    label: text.threshold, min: LIMITS.t[0], max: LIMITS.t[1], value: state.t, lang, decimals: 3,
    onValue: (v) => { state.t = v; slider.value = String(Math.min(v, 0.99)); update(); },
  });
  const sliderLabel = document.createElement("label");
  slider.type = "range";
  slider.min = "0";
  slider.max = "0.99";
  slider.step = "0.01";
  slider.value = String(state.t);
  slider.id = `${threshold.input.id}-deslizador`;
  sliderLabel.htmlFor = slider.id;
  sliderLabel.append(text.slider, slider);
  slider.addEventListener("input", () => {
    state.t = Number(slider.value);
    threshold.set(state.t);
    update();
  });
  controls.append(accuracy.field, fields.field, threshold.field, sliderLabel);

  // The live summary sits right under the controls; the recomputed table follows.
  root.insertBefore(controls, root.firstChild);
  root.insertBefore(output, controls.nextSibling);
  update();
}

document.querySelectorAll('[data-widget="exactitud-por-campo"]').forEach(enhance);
