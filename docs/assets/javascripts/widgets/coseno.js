// Interactive figure "coseno": three small vectors the reader can
// edit, with the dot product and the cosine similarity of each pair. It
// enhances the static table inside the figure (the fallback without
// JavaScript), so both always show the same rows: a and b, a and c, b and c.

import { formatNumber, numberField, pageLang } from "./numeros.js";

const TEXT = {
  es: {
    legend: (name) => `Vector ${name}`,
    component: (name, i) => `Componente ${i} de ${name}`,
    undefined: "sin definir",
    undefinedTitle: "Un vector de longitud 0 no tiene dirección: el coseno no está definido.",
  },
  en: {
    legend: (name) => `Vector ${name}`,
    component: (name, i) => `Component ${i} of ${name}`,
    undefined: "undefined",
    undefinedTitle: "A vector of length 0 has no direction: the cosine is undefined.",
  },
};

const NAMES = ["a", "b", "c"];
const PAIRS = [[0, 1], [0, 2], [1, 2]];
const LIMIT = 1000; // components the reader may type, in either direction
const SUBSCRIPTS = ["\u2081", "\u2082", "\u2083"];

// The dot product keeps up to three decimals, without trailing zeros.
function formatDot(value, lang) {
  const rounded = Math.round(value * 1000) / 1000;
  const decimals = Number.isInteger(rounded) ? 0 : String(rounded).split(".")[1].length;
  return formatNumber(rounded, lang, Math.min(decimals, 3));
}

const dot = (u, v) => u.reduce((sum, x, i) => sum + x * v[i], 0);

function enhance(root) {
  const lang = pageLang();
  const vectors = root.dataset.vectors.split(",").map((v) => v.trim().split(/\s+/).map(Number));
  const table = root.querySelector("table");
  const rows = [...table.tBodies[0].rows];
  // The page and the script disagree: keep the static table.
  if (rows.length !== PAIRS.length || vectors.length !== NAMES.length || vectors.some((v) => v.length !== 3 || v.some((x) => !Number.isFinite(x)))) return;

  const controls = document.createElement("div");
  controls.className = "widget-controls";
  controls.style.gridTemplateColumns = "repeat(auto-fit, minmax(15em, 1fr))";
  const current = vectors.map((vector) => [...vector]);
  vectors.forEach((vector, k) => {
    const fieldset = document.createElement("fieldset");
    fieldset.style.display = "flex";
    fieldset.style.gap = "0.5em";
    fieldset.style.minWidth = "0";
    const legend = document.createElement("legend");
    legend.textContent = TEXT[lang].legend(NAMES[k]);
    fieldset.append(legend);
    vector.forEach((value, i) => {
      // A visible label (a₁, a₂, a₃) and a spoken one ("Component 1 of a").
      const { field } = numberField({
        label: `${NAMES[k]}${SUBSCRIPTS[i]}`, spoken: TEXT[lang].component(NAMES[k], i + 1),
        min: -LIMIT, max: LIMIT, value, lang, decimals: 3,
        onValue: (number) => { current[k][i] = number; update(); },
      });
      field.querySelector("input").style.width = "4em";
      fieldset.append(field);
    });
    controls.append(fieldset);
  });
  root.insertBefore(controls, table.closest(".md-typeset__scrollwrap") || table);
  table.setAttribute("aria-live", "polite");

  function update() {
    PAIRS.forEach(([i, j], r) => {
      const [u, v] = [current[i], current[j]];
      const product = dot(u, v);
      const norms = Math.sqrt(dot(u, u)) * Math.sqrt(dot(v, v));
      rows[r].cells[1].textContent = formatDot(product, lang);
      const cell = rows[r].cells[2];
      if (norms === 0) {
        cell.textContent = TEXT[lang].undefined;
        cell.title = TEXT[lang].undefinedTitle;
      } else {
        cell.textContent = formatNumber(product / norms, lang, 3);
        cell.removeAttribute("title");
      }
    });
  }
  update();
}

document.querySelectorAll('[data-widget="coseno"]').forEach(enhance);
