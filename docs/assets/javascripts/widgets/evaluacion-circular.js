// Interactive figure "evaluacion-circular": CircularEval and a confidence
// interval. The reader sets the number of options k, the number of rotations r
// (circular shifts of the options, at most k), the number of questions n, the
// share s of questions the model really knows, and a position bias b (the share
// of passes in which the model answers "A" without looking). The figure shows
// the pass rate of a random guesser and of the model under single and circular
// scoring, the expected number of correct answers and the 95 % Wilson interval
// around each.
//
// The model, stated so the numbers can be checked by hand:
//   - in each pass, with probability b the model answers A; otherwise it answers
//     right if it knows the question and guesses uniformly if it does not;
//   - the right answer starts at a uniformly random position and moves one place
//     per rotation, so it sits at A in exactly one of the k possible rotations,
//     and in one of the r rotations asked with probability r/k;
//   - passes are independent given where the right answer is.
// With b = 0 this gives s + (1 - s)/k in one pass and s + (1 - s)(1/k)^r in
// circular scoring: the article's worked example (k = r = 4, s = 0.8: 85 % and
// 80.08 %; a guesser: 25 % and 0.39 %).
//
// It enhances the static table inside the figure (the fallback without
// JavaScript) and recomputes that table from the same inputs, so page, fallback
// and widget always agree.

import { formatNumber, numberField, pageLang } from "./numeros.js";

const TEXT = {
  es: {
    options: "Opciones por pregunta (deslizador)",
    rotations: "Rotaciones o pasadas por pregunta (deslizador)",
    questions: "Preguntas del conjunto (entre 10 y 10 000)",
    knows: "Preguntas que el modelo sabe de verdad, en % (entre 0 y 100)",
    bias: "Sesgo de posición: pasadas en que elige la A sin mirar, en % (entre 0 y 100)",
    circular: (r) => `Circular (${r} ${r === 1 ? "rotación" : "rotaciones"})`,
    guesser: (k) => `Azar, ${k} opciones`,
    model: (s, b) => `Modelo que sabe el ${s}` + (b ? `, con sesgo del ${b}` : ""),
    counts: (n) => `Aciertos esperados del modelo, de ${n}`,
    interval: "Intervalo del 95 % (Wilson)",
    range: (low, high) => `${low} a ${high}`,
    summary: (v) =>
      `Con ${v.k} opciones y ${v.r} ${v.r === 1 ? "rotación" : "rotaciones"}, el azar acierta el ${v.guessOne} en una pasada y el ${v.guessCirc} en circular. ` +
      `El modelo acierta el ${v.modelOne} y el ${v.modelCirc}. ` +
      `Con ${v.n} preguntas, ${v.countCirc} aciertos en circular dan un intervalo de Wilson del ${v.wilson}; el intervalo normal daría del ${v.normal}.`,
  },
  en: {
    options: "Options per question (slider)",
    rotations: "Rotations or passes per question (slider)",
    questions: "Questions in the set (from 10 to 10,000)",
    knows: "Questions the model really knows, in % (from 0 to 100)",
    bias: "Position bias: passes in which it picks A without looking, in % (from 0 to 100)",
    circular: (r) => `Circular (${r} ${r === 1 ? "rotation" : "rotations"})`,
    guesser: (k) => `Guessing, ${k} options`,
    model: (s, b) => `Model that knows ${s}` + (b ? `, with a ${b} bias` : ""),
    counts: (n) => `Model's expected correct answers, out of ${n}`,
    interval: "95% interval (Wilson)",
    range: (low, high) => `${low} to ${high}`,
    summary: (v) =>
      `With ${v.k} options and ${v.r} ${v.r === 1 ? "rotation" : "rotations"}, a guesser gets ${v.guessOne} in one pass and ${v.guessCirc} under circular scoring. ` +
      `The model gets ${v.modelOne} and ${v.modelCirc}. ` +
      `With ${v.n} questions, ${v.countCirc} correct under circular scoring give a Wilson interval of ${v.wilson}; the normal interval would give ${v.normal}.`,
  },
};

const Z95 = 1.96;

// The five rates the figure shows, as proportions.
export function compute({ k, r, s, b }) {
  const guessOne = 1 / k;
  const guessCirc = (1 / k) ** r;
  const atA = r / k; // chance that one of the r rotations puts the right answer at A
  const known = atA * (1 - b) ** (r - 1) + (1 - atA) * (1 - b) ** r;
  const unknown = atA * ((1 - b) / k + b) * ((1 - b) / k) ** (r - 1) + (1 - atA) * ((1 - b) / k) ** r;
  return {
    guessOne,
    guessCirc,
    modelOne: (1 - b) * (s + (1 - s) / k) + b / k,
    modelCirc: s * known + (1 - s) * unknown,
  };
}

export function wilson(correct, n, z = Z95) {
  const p = correct / n;
  const center = (p + z ** 2 / (2 * n)) / (1 + z ** 2 / n);
  const margin = (z * Math.sqrt((p * (1 - p)) / n + z ** 2 / (4 * n ** 2))) / (1 + z ** 2 / n);
  return [Math.max(0, center - margin), Math.min(1, center + margin)];
}

export function normal(correct, n, z = Z95) {
  const p = correct / n;
  const margin = z * Math.sqrt((p * (1 - p)) / n);
  return [p - margin, p + margin];
}

function percent(value, lang, decimals = 2) {
  const sign = lang === "es" ? "\u00a0%" : "%";
  if (value > 0 && value * 100 < 0.5 * 10 ** -decimals) {
    return `< ${formatNumber(10 ** -decimals, lang, decimals)}${sign}`;
  }
  return `${formatNumber(value * 100, lang, decimals)}${sign}`;
}

function readAttribute(root, name, fallback, min, max) {
  const value = Number(root.dataset[name]);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function slider(id, label, min, max, value) {
  const wrapper = document.createElement("label");
  wrapper.htmlFor = id;
  const caption = document.createElement("span");
  caption.textContent = label;
  const input = document.createElement("input");
  Object.assign(input, { type: "range", id, min: String(min), max: String(max), step: "1", value: String(value) });
  const shown = document.createElement("output");
  shown.htmlFor = id;
  shown.textContent = String(value);
  wrapper.append(caption, input, shown);
  return { wrapper, input, shown };
}

let figures = 0;

function enhance(root) {
  const lang = pageLang();
  const t = TEXT[lang];
  const table = root.querySelector("table");
  if (!table || !table.tBodies.length) return;
  const rows = [...table.tBodies[0].rows];
  if (rows.length !== 4 || rows.some((row) => row.cells.length !== 3)) return; // page and script disagree: keep the static table
  const circularHead = table.tHead && table.tHead.rows[0] && table.tHead.rows[0].cells[2];

  const state = {
    k: readAttribute(root, "options", 4, 2, 10),
    r: 0,
    n: readAttribute(root, "questions", 100, 10, 10000),
    s: readAttribute(root, "knows", 80, 0, 100) / 100,
    b: readAttribute(root, "bias", 0, 0, 100) / 100,
  };
  state.r = Math.min(readAttribute(root, "rotations", state.k, 1, 10), state.k);

  const id = `evaluacion-circular-${++figures}`;
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  const options = slider(`${id}-opciones`, t.options, 2, 10, state.k);
  const rotations = slider(`${id}-rotaciones`, t.rotations, 1, state.k, state.r);
  const questions = numberField({ label: t.questions, min: 10, max: 10000, value: state.n, lang, whole: true,
    onValue: (v) => { state.n = v; show(); } });
  const knows = numberField({ label: t.knows, min: 0, max: 100, value: state.s * 100, lang, decimals: 1,
    onValue: (v) => { state.s = v / 100; show(); } });
  const bias = numberField({ label: t.bias, min: 0, max: 100, value: state.b * 100, lang, decimals: 1,
    onValue: (v) => { state.b = v / 100; show(); } });
  controls.append(options.wrapper, rotations.wrapper, questions.field, knows.field, bias.field);

  const output = document.createElement("div");
  output.className = "widget-output";
  const summary = document.createElement("p");
  summary.setAttribute("aria-live", "polite");
  output.append(summary);

  const anchor = table.closest(".md-typeset__scrollwrap, [role='region']") || table;
  const region = table.closest("[role='region']");
  root.insertBefore(controls, anchor);
  root.insertBefore(output, anchor);

  options.input.addEventListener("input", () => {
    state.k = Number(options.input.value);
    options.shown.textContent = options.input.value;
    rotations.input.max = String(state.k);
    if (state.r > state.k) {
      state.r = state.k;
      rotations.input.value = String(state.r);
      rotations.shown.textContent = String(state.r);
    }
    show();
  });
  rotations.input.addEventListener("input", () => {
    state.r = Number(rotations.input.value);
    rotations.shown.textContent = rotations.input.value;
    show();
  });

  function show() {
    const { k, r, n, s, b } = state;
    const rates = compute({ k, r, s, b });
    const countOne = Math.round(rates.modelOne * n);
    const countCirc = Math.round(rates.modelCirc * n);
    const interval = (count) => t.range(...wilson(count, n).map((v) => percent(v, lang, 1)));
    const share = (v) => percent(v, lang, 1).replace(/,0(?=\D)|\.0(?=\D)/, "");

    if (circularHead) {
      const before = circularHead.textContent;
      circularHead.textContent = t.circular(r);
      const label = region && region.getAttribute("aria-label");
      if (label) region.setAttribute("aria-label", label.replace(before, circularHead.textContent));
    }
    rows[0].cells[0].textContent = t.guesser(k);
    rows[0].cells[1].textContent = percent(rates.guessOne, lang);
    rows[0].cells[2].textContent = percent(rates.guessCirc, lang);
    rows[1].cells[0].textContent = t.model(share(s), b ? share(b) : "");
    rows[1].cells[1].textContent = percent(rates.modelOne, lang);
    rows[1].cells[2].textContent = percent(rates.modelCirc, lang);
    rows[2].cells[0].textContent = t.counts(formatNumber(n, lang));
    rows[2].cells[1].textContent = formatNumber(countOne, lang);
    rows[2].cells[2].textContent = formatNumber(countCirc, lang);
    rows[3].cells[0].textContent = t.interval;
    rows[3].cells[1].textContent = interval(countOne);
    rows[3].cells[2].textContent = interval(countCirc);

    const low = (v) => percent(v, lang, 1);
    options.input.setAttribute("aria-valuetext", String(k));
    rotations.input.setAttribute("aria-valuetext", String(r));
    summary.textContent = t.summary({
      k, r,
      n: formatNumber(n, lang),
      guessOne: percent(rates.guessOne, lang),
      guessCirc: percent(rates.guessCirc, lang),
      modelOne: percent(rates.modelOne, lang),
      modelCirc: percent(rates.modelCirc, lang),
      countCirc: formatNumber(countCirc, lang),
      wilson: t.range(...wilson(countCirc, n).map(low)),
      normal: t.range(...normal(countCirc, n).map(low)),
    });
  }

  show();
}

document.querySelectorAll('[data-widget="evaluacion-circular"]').forEach(enhance);
