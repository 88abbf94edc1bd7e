// Interactive figure "ritmo-de-canales": how many values or positions each
// representation of a spoken question produces, for a duration the reader
// chooses. It enhances the static table inside the figure (the fallback
// without JavaScript), so both always show the same rows.

import { formatNumber, numberField, pageLang } from "./numeros.js";

const TEXT = {
  es: { label: "Duración de la pregunta hablada, en segundos", header: (s) => `Unidades para ${s} s` },
  en: { label: "Length of the spoken question, in seconds", header: (s) => `Units for ${s} s` },
};
const SECONDS = { min: 0.5, max: 600 };

function enhance(root) {
  const lang = pageLang();
  // Each rate is units per second; "12.5x8" means 12.5 frames per second with 8 units
  // in each whole frame, so the count is the frames rounded up, times 8.
  const rates = root.dataset.rates.split(" ").map((item) => {
    const [perSecond, perFrame = "1"] = item.split("x");
    return { perSecond: Number(perSecond), perFrame: Number(perFrame) };
  });
  const table = root.querySelector("table");
  const rows = [...table.tBodies[0].rows];
  if (rows.length !== rates.length) return; // the page and the script disagree: keep the static table

  function show(seconds) {
    table.tHead.rows[0].cells[1].textContent = TEXT[lang].header(formatNumber(seconds, lang, 1, { trim: true }));
    rows.forEach((row, i) => {
      const { perSecond, perFrame } = rates[i];
      // Rounded to a millionth first: 50 × 1.1 is 55.00000000000001 in floating point.
      const units = Math.ceil(Math.round(perSecond * seconds * 1e6) / 1e6);
      row.cells[1].textContent = formatNumber(units * perFrame, lang);
    });
  }

  const start = Number(root.dataset.seconds);
  const { field } = numberField({ label: TEXT[lang].label, ...SECONDS, value: start, lang, decimals: 1, onValue: show });
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  controls.append(field);
  root.insertBefore(controls, table.closest(".md-typeset__scrollwrap") || table);
  table.setAttribute("aria-live", "polite");
  show(start);
}

document.querySelectorAll('[data-widget="ritmo-de-canales"]').forEach(enhance);
