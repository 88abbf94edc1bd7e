// Numbers in the interactive figures, written and read as the articles write
// them: in Spanish a decimal comma and a narrow space between thousands
// ("16 000", "0,07"); in English a decimal point and a comma ("16,000", "0.07").
// Every widget imports these, so a reader can type a number the way the page
// prints it, and an impossible value is said next to the box instead of used.

export function pageLang() {
  return document.documentElement.lang === "es" ? "es" : "en";
}

const SEPARATORS = {
  es: { decimal: ",", group: "\u202f" },
  en: { decimal: ".", group: "," },
};

// `decimals` fixed digits, or with `trim` the shortest form up to that many
// ("0,07", not "0,070"). Thousands are grouped from five digits in Spanish
// (the RAE writes 1500 but 16 000) and from four in English.
export function formatNumber(value, lang, decimals = 0, { trim = false } = {}) {
  const { decimal, group } = SEPARATORS[lang];
  let fixed = Math.abs(value).toFixed(decimals);
  if (trim && fixed.includes(".")) fixed = fixed.replace(/\.?0+$/, "");
  const sign = value < 0 && Number(fixed) !== 0 ? "\u2212" : "";
  const [whole, fraction] = fixed.split(".");
  const grouped = whole.length > (lang === "es" ? 4 : 3) ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
  return `${sign}${grouped}${fraction ? decimal + fraction : ""}`;
}

// The number a reader typed, or NaN. Spanish takes a decimal comma (or a point,
// which phone keyboards often offer) and spaces between thousands; English takes
// a decimal point and commas between thousands. "0,5" in English is refused
// rather than read as 5.
export function parseNumber(text, lang) {
  let s = String(text).trim().replace(/[\u2212\u2013]/g, "-");
  if (lang === "es") {
    s = s.replace(/[\s\u00a0\u202f]/g, "");
    if ((s.match(/[,.]/g) || []).length > 1) return NaN;
    s = s.replace(",", ".");
  } else {
    if (/,/.test(s) && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return NaN;
    s = s.replace(/,/g, "");
  }
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}

const MESSAGES = {
  es: {
    range: (min, max) => `Escribe un número entre ${min} y ${max}.`,
    whole: (min, max) => `Escribe un número entero entre ${min} y ${max}.`,
  },
  en: {
    range: (min, max) => `Type a number from ${min} to ${max}.`,
    whole: (min, max) => `Type a whole number from ${min} to ${max}.`,
  },
};

let fields = 0;

// A labelled text box for a number in [min, max]. `onValue(number)` runs for
// every valid value; an invalid one marks the box (aria-invalid), says why right
// after it, and leaves the figure on the last valid value. `spoken` names the box
// for screen readers when the visible label is short ("a₁"). Returns the field
// (to place among the controls), its input, and `set(value)` to move it from
// another control.
export function numberField({ label, spoken, min, max, value, lang, decimals = 2, whole = false, onValue }) {
  const id = `campo-numerico-${++fields}`;
  const field = document.createElement("div");
  field.className = "widget-field";
  const caption = document.createElement("label");
  caption.htmlFor = id;
  caption.append(label);
  const input = document.createElement("input");
  input.type = "text";
  input.inputMode = whole ? "numeric" : "decimal";
  input.id = id;
  input.autocomplete = "off";
  input.spellcheck = false;
  if (spoken) input.setAttribute("aria-label", spoken);
  const message = document.createElement("span");
  message.id = `${id}-mensaje`;
  message.className = "widget-message";
  message.setAttribute("aria-live", "polite");
  input.setAttribute("aria-describedby", message.id);
  caption.append(input);
  field.append(caption, message);

  const shown = (n) => formatNumber(n, lang, whole ? 0 : decimals, { trim: true });
  const explain = (whole ? MESSAGES[lang].whole : MESSAGES[lang].range)(shown(min), shown(max));

  input.addEventListener("input", () => {
    const number = parseNumber(input.value, lang);
    const valid = Number.isFinite(number) && number >= min && number <= max && (!whole || Number.isInteger(number));
    input.setAttribute("aria-invalid", String(!valid));
    message.textContent = valid ? "" : explain;
    if (valid) onValue(number);
  });

  function set(number) {
    input.value = shown(number);
    input.setAttribute("aria-invalid", "false");
    message.textContent = "";
  }
  set(value);
  return { field, input, set };
}
