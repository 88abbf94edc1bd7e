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
  const rates = root.dataset.rates.split(" ").map(Number);
  const table = root.querySelector("table");
  const rows = [...table.tBodies[0].rows];
  if (rows.length !== rates.length) return; // the page and the script disagree: keep the static table

  function show(seconds) {
    table.tHead.rows[0].cells[1].textContent = TEXT[lang].header(formatNumber(seconds, lang, 1, { trim: true }));
    rows.forEach((row, i) => {
      row.cells[1].textContent = formatNumber(Math.ceil(rates[i] * seconds), lang);
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
