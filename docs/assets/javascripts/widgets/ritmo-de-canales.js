// Interactive figure "ritmo-de-canales": how many values or positions each
// representation of a spoken question produces, for a duration the reader
// chooses. It enhances the static table inside the figure (the fallback
// without JavaScript), so both always show the same rows.

const TEXT = {
  es: { label: "Duración de la pregunta hablada, en segundos", header: (s) => `Unidades para ${s} s` },
  en: { label: "Length of the spoken question, in seconds", header: (s) => `Units for ${s} s` },
};

// Grouping as in the articles: a narrow space in Spanish, a comma in English.
function formatNumber(value, lang) {
  const [whole, fraction] = String(value).split(".");
  const grouped = whole.length > 4 || lang === "en" ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === "en" ? "," : "\u202f") : whole;
  return fraction ? `${grouped}${lang === "en" ? "." : ","}${fraction}` : grouped;
}

function enhance(root, index) {
  const lang = document.documentElement.lang in TEXT ? document.documentElement.lang : "en";
  const rates = root.dataset.rates.split(" ").map(Number);
  const table = root.querySelector("table");
  const rows = [...table.tBodies[0].rows];
  if (rows.length !== rates.length) return; // the page and the script disagree: keep the static table

  const id = `ritmo-de-canales-${index}`;
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  controls.innerHTML = `<label for="${id}">${TEXT[lang].label}<input id="${id}" type="number" min="0.5" max="600" step="0.5" inputmode="decimal"></label>`;
  const input = controls.querySelector("input");
  input.value = root.dataset.seconds;
  root.insertBefore(controls, table.closest(".md-typeset__scrollwrap") || table);
  table.setAttribute("aria-live", "polite");

  function update() {
    const seconds = Number(input.value);
    if (!Number.isFinite(seconds) || seconds <= 0) return;
    table.tHead.rows[0].cells[1].textContent = TEXT[lang].header(formatNumber(seconds, lang));
    rows.forEach((row, i) => {
      row.cells[1].textContent = formatNumber(Math.ceil(rates[i] * seconds), lang);
    });
  }
  input.addEventListener("input", update);
  update();
}

document.querySelectorAll('[data-widget="ritmo-de-canales"]').forEach(enhance);
