// Interactive figure "presupuesto-del-servicio" (article 6): the budget of the
// invoice service. The reader sets the pages or images per request, the token
// rule per image, the seconds of the spoken question, the price per million
// input tokens, the hit rate of the system-prompt cache and the voice mode
// (cascade or speech-to-speech); the figure shows the tokens and the cost per
// 1000 requests, and the latency of one voice turn as a waterfall.
//
// It enhances the two static tables inside the figure (the fallback without
// JavaScript): both are recomputed here from the same inputs, so the tables,
// the live panel and the article's worked example always agree.
//
// Where every constant comes from (the article cites each source):
//   token rules   576: LLaVA-1.5, (336 / 14)^2 patches; 2880: 2 x 2 tiles plus a
//                 thumbnail, 5 x 576 (LLaVA-1.6, 672 px, without its end-of-row
//                 tokens); 258: Gemini 1.5 documentation, January 2025.
//   text tokens   4 per second of speech: the Moshi repository puts text at 3-4 Hz.
//   audio tokens  100 per second: Mimi, 12.5 frames/s x 8 codebooks (Moshi).
//   prices        output 5x input, cache read 0.1x, cache write 1.25x: Anthropic's
//                 pricing page, Claude Opus 4.5 row, as its undated 2026 copies show
//                 it. Applied, as an assumption, to other models' token rules.
//   VAD wait      200 ms: Pipecat's default VAD stop_secs (0.2 s); the Smart Turn
//                 inference that follows it (under 100 ms on CPU) is not added.
//   model         200 ms: Moshi's practical latency, "as low as" 200 ms on an L4
//                 GPU (Moshi takes no image: the lane adds an assumed prefill).
//   assumptions   system prompt 2000 tokens; answer 10 text tokens or 2 s of
//                 audio; ASR 300 ms; TTS first audio 200 ms; network 100 ms;
//                 prefill at 10 000 tokens per second.

import { pageLang, formatNumber, numberField } from "./numeros.js";

const REQUESTS = 1000;
const RULES = [576, 2880, 258];
const TEXT_TOKENS_PER_S = 4;
const AUDIO_TOKENS_PER_S = 100;
const SYSTEM_TOKENS = 2000;
const ANSWER_TEXT_TOKENS = 10;
const ANSWER_AUDIO_S = 2;
const OUTPUT_FACTOR = 5;
const CACHE_READ = 0.1;
const CACHE_WRITE = 1.25;
const PREFILL_TOKENS_PER_MS = 10;
const MS = { vad: 200, asr: 300, tts: 200, net: 100, s2s: 200 };

const TEXT = {
  es: {
    pages: "Páginas o imágenes por petición",
    rule: "Regla de tokens por imagen",
    rules: {
      576: "576: LLaVA-1.5, 336 px",
      2880: "2880: mosaico 2 × 2 + miniatura",
      258: "258: Gemini 1.5, cualquier tamaño (ene. de 2025)",
    },
    seconds: "Segundos de audio de la pregunta",
    price: "Precio por millón de tokens de entrada, en $ (referencia: 5, Claude Opus 4.5, tarifa de 2026)",
    hits: "Aciertos de la caché del prompt de sistema, en % (supuesto: 90)",
    mode: "Modo de voz",
    cascade: "Cascada (VAD → ASR → LLM → TTS)",
    s2s: "Voz a voz (dúplex completo)",
    early: "La foto llega antes que la pregunta (su prefill se hace mientras la persona habla)",
    head: (mode) => `Parte de la petición (${mode === "cascada" ? "cascada" : "voz a voz"})`,
    image: (pages, rule) => `Imagen (${formatNumber(pages, "es")} × ${formatNumber(rule, "es")} tokens)`,
    question: (mode, s) => mode === "cascada"
      ? `Pregunta transcrita (${formatNumber(s, "es", 1, { trim: true })} s × ${TEXT_TOKENS_PER_S} tokens/s)`
      : `Pregunta en audio (${formatNumber(s, "es", 1, { trim: true })} s × ${AUDIO_TOKENS_PER_S} tokens/s)`,
    system: (h) => `Prompt de sistema (${formatNumber(SYSTEM_TOKENS, "es")} tokens, ${formatNumber(h, "es", 1, { trim: true })} % en caché)`,
    answer: (mode) => mode === "cascada" ? "Respuesta en texto" : `Respuesta hablada (${ANSWER_AUDIO_S} s × ${AUDIO_TOKENS_PER_S} tokens/s)`,
    total: "Total",
    money: (v) => `${formatNumber(v, "es", 2)} $`,
    chart: "Latencia de un turno de voz, en milisegundos",
    lanes: { cascada: "Cascada", "voz-a-voz": "Voz a voz" },
    bars: { vad: "Espera del VAD", asr: "ASR", prefill: "Prefill", tts: "TTS", net: "Red", s2s: "Modelo voz a voz" },
    summary: (tokens, cost, ms, mode) =>
      `${mode === "cascada" ? "En cascada" : "En voz a voz"}: ${tokens} tokens por petición, ${cost} por cada 1000 peticiones y un turno de ${ms} ms.`,
  },
  en: {
    pages: "Pages or images per request",
    rule: "Token rule per image",
    rules: {
      576: "576: LLaVA-1.5, 336 px",
      2880: "2,880: 2 × 2 tiles + thumbnail",
      258: "258: Gemini 1.5, any size (Jan. 2025)",
    },
    seconds: "Seconds of audio in the question",
    price: "Price per million input tokens, in $ (reference: 5, Claude Opus 4.5, 2026 rate)",
    hits: "System-prompt cache hit rate, in % (assumed: 90)",
    mode: "Voice mode",
    cascade: "Cascade (VAD → ASR → LLM → TTS)",
    s2s: "Speech-to-speech (full duplex)",
    early: "The photo arrives before the question (its prefill runs while the person speaks)",
    head: (mode) => `Part of the request (${mode === "cascada" ? "cascade" : "speech-to-speech"})`,
    image: (pages, rule) => `Image (${formatNumber(pages, "en")} × ${formatNumber(rule, "en")} tokens)`,
    question: (mode, s) => mode === "cascada"
      ? `Transcribed question (${formatNumber(s, "en", 1, { trim: true })} s × ${TEXT_TOKENS_PER_S} tokens/s)`
      : `Spoken question (${formatNumber(s, "en", 1, { trim: true })} s × ${AUDIO_TOKENS_PER_S} tokens/s)`,
    system: (h) => `System prompt (${formatNumber(SYSTEM_TOKENS, "en")} tokens, ${formatNumber(h, "en", 1, { trim: true })}% cached)`,
    answer: (mode) => mode === "cascada" ? "Text answer" : `Spoken answer (${ANSWER_AUDIO_S} s × ${AUDIO_TOKENS_PER_S} tokens/s)`,
    total: "Total",
    money: (v) => `$${formatNumber(v, "en", 2)}`,
    chart: "Latency of one voice turn, in milliseconds",
    lanes: { cascada: "Cascade", "voz-a-voz": "Speech-to-speech" },
    bars: { vad: "VAD wait", asr: "ASR", prefill: "Prefill", tts: "TTS", net: "Network", s2s: "Speech model" },
    summary: (tokens, cost, ms, mode) =>
      `${mode === "cascada" ? "Cascade" : "Speech-to-speech"}: ${tokens} tokens per request, ${cost} per 1,000 requests and a ${ms} ms turn.`,
  },
};

// Everything the figure shows for one set of inputs.
export function compute({ pages, rule, seconds, price, hitRate, mode, early = false }) {
  const h = hitRate / 100;
  const dollars = (tokens, perMillion) => (tokens * REQUESTS * perMillion) / 1e6;
  const image = pages * rule;
  const questionText = seconds * TEXT_TOKENS_PER_S;
  const questionAudio = seconds * AUDIO_TOKENS_PER_S;
  const cascade = mode === "cascada";
  const question = cascade ? questionText : questionAudio;
  const answer = cascade ? ANSWER_TEXT_TOKENS : ANSWER_AUDIO_S * AUDIO_TOKENS_PER_S;
  const cost = {
    image: dollars(image, price),
    question: dollars(question, price),
    system: dollars(SYSTEM_TOKENS, price * (h * CACHE_READ + (1 - h) * CACHE_WRITE)),
    answer: dollars(answer, price * OUTPUT_FACTOR),
  };
  cost.total = cost.image + cost.question + cost.system + cost.answer;
  const tokens = { image, question, system: SYSTEM_TOKENS, answer };
  tokens.total = image + question + SYSTEM_TOKENS + answer;
  // Tokens the model must process after the person stops talking: the image
  // (unless it came first), the system prompt's cache misses and, in the
  // cascade, the transcript (speech-to-speech streams the audio as it comes).
  const waiting = (early ? 0 : image) + (1 - h) * SYSTEM_TOKENS;
  const lanes = {
    cascada: [["vad", MS.vad], ["asr", MS.asr], ["prefill", (waiting + questionText) / PREFILL_TOKENS_PER_MS], ["tts", MS.tts], ["net", MS.net]],
    "voz-a-voz": [["prefill", waiting / PREFILL_TOKENS_PER_MS], ["s2s", MS.s2s], ["net", MS.net]],
  };
  const totals = Object.fromEntries(Object.entries(lanes).map(([k, bars]) => [k, bars.reduce((s, [, ms]) => s + ms, 0)]));
  return { tokens, cost, lanes, totals };
}

const SVG_NS = "http://www.w3.org/2000/svg";
function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
  if (text !== undefined) node.textContent = text;
  return node;
}

const MOD = { vad: "m-audio", asr: "m-audio", tts: "m-audio", s2s: "m-audio", prefill: "m-other", net: "m-other" };
const SOURCED = { vad: true, s2s: true };

// Two waterfalls, one per voice mode, drawn at 400 units like the article's figures.
function drawWaterfall(svg, result, lang) {
  const t = TEXT[lang];
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const top = Math.max(result.totals.cascada, result.totals["voz-a-voz"], 1200);
  const scaleMax = Math.ceil(top / 400) * 400;
  const x0 = 20;
  const span = 360;
  const x = (ms) => x0 + (span * ms) / scaleMax;
  let y = 22;
  for (const lane of ["cascada", "voz-a-voz"]) {
    const total = Math.round(result.totals[lane]);
    svg.append(el("text", { class: "ink", x: x0, y, "font-size": 15, "font-weight": 700 },
      `${t.lanes[lane]}: ${formatNumber(total, lang)} ms`));
    y += 10;
    let start = 0;
    for (const [key, ms] of result.lanes[lane]) {
      const g = el("g", { class: MOD[key] });
      const bar = el("rect", { class: SOURCED[key] ? "fill" : "tint", x: x(start), y, width: Math.max((span * ms) / scaleMax, 0.5), height: 14, rx: 2 });
      if (!SOURCED[key]) bar.setAttribute("stroke-dasharray", "4 3");
      const title = el("title", {}, `${t.bars[key]}: ${formatNumber(Math.round(ms), lang)} ms`);
      bar.append(title);
      g.append(bar);
      svg.append(g);
      start += ms;
      y += 18;
    }
    y += 4;
    svg.append(el("line", { class: "line", x1: x0, y1: y, x2: x0 + span, y2: y }));
    for (let tick = 0; tick <= scaleMax; tick += scaleMax / 3) {
      const anchor = tick === 0 ? "start" : tick === scaleMax ? "end" : "middle";
      svg.append(el("line", { class: "line", x1: x(tick), y1: y, x2: x(tick), y2: y + 5 }));
      svg.append(el("text", { class: "ink", x: x(tick), y: y + 20, "font-size": 13, "text-anchor": anchor },
        tick === scaleMax ? `${formatNumber(tick, lang)} ms` : formatNumber(tick, lang)));
    }
    y += 48;
  }
  svg.setAttribute("viewBox", `0 0 400 ${y - 18}`);
}

function readNumber(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function enhance(root, index) {
  const lang = pageLang();
  const t = TEXT[lang];
  const tables = root.querySelectorAll("table");
  if (tables.length !== 2) return;
  const [costTable, latencyTable] = tables;
  if (!costTable.tBodies.length || costTable.tBodies[0].rows.length !== 5) return;
  if (!latencyTable.tBodies.length || latencyTable.tBodies[0].rows.length !== 7) return; // keep the static tables

  const state = {
    pages: readNumber(root.dataset.pages, 1),
    rule: RULES.includes(readNumber(root.dataset.tokensPerImage, 2880)) ? readNumber(root.dataset.tokensPerImage, 2880) : 2880,
    seconds: readNumber(root.dataset.seconds, 2),
    price: readNumber(root.dataset.price, 5),
    hitRate: readNumber(root.dataset.hitRate, 90),
    mode: root.dataset.mode === "voz-a-voz" ? "voz-a-voz" : "cascada",
    early: false,
  };

  // Controls, in the order the article names them.
  const id = `presupuesto-${index}`;
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  controls.style.gridTemplateColumns = "minmax(0, 1fr)";
  const pages = numberField({ label: t.pages, min: 1, max: 50, value: state.pages, lang, whole: true,
    onValue: (v) => { state.pages = v; update(); } });
  const ruleLabel = document.createElement("label");
  ruleLabel.htmlFor = `${id}-regla`;
  ruleLabel.append(t.rule);
  const rule = document.createElement("select");
  rule.id = `${id}-regla`;
  rule.style.width = "100%";
  RULES.forEach((r) => rule.append(new Option(t.rules[r], String(r), false, r === state.rule)));
  rule.addEventListener("change", () => { state.rule = Number(rule.value); update(); });
  ruleLabel.append(rule);
  const seconds = numberField({ label: t.seconds, min: 0.5, max: 60, value: state.seconds, lang, decimals: 1,
    onValue: (v) => { state.seconds = v; update(); } });
  const price = numberField({ label: t.price, min: 0.01, max: 100, value: state.price, lang, decimals: 2,
    onValue: (v) => { state.price = v; update(); } });
  const hits = numberField({ label: t.hits, min: 0, max: 100, value: state.hitRate, lang, decimals: 1,
    onValue: (v) => { state.hitRate = v; update(); } });
  const fieldset = document.createElement("fieldset");
  fieldset.style.minWidth = "0";
  const legend = document.createElement("legend");
  legend.textContent = t.mode;
  fieldset.append(legend);
  for (const [value, text] of [["cascada", t.cascade], ["voz-a-voz", t.s2s]]) {
    const label = Object.assign(document.createElement("label"), { className: "widget-choice" });
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = `${id}-modo`;
    radio.value = value;
    radio.checked = value === state.mode;
    radio.addEventListener("change", () => { if (radio.checked) { state.mode = value; update(); } });
    label.append(radio, text);
    fieldset.append(label);
  }
  const earlyLabel = Object.assign(document.createElement("label"), { className: "widget-choice" });
  const early = document.createElement("input");
  early.type = "checkbox";
  early.checked = state.early;
  early.addEventListener("change", () => { state.early = early.checked; update(); });
  earlyLabel.append(early, t.early);
  controls.append(pages.field, ruleLabel, seconds.field, price.field, hits.field, fieldset, earlyLabel);

  // The live panel: a summary sentence and the two waterfalls.
  const output = document.createElement("div");
  output.className = "widget-output";
  const summary = document.createElement("p");
  summary.setAttribute("aria-live", "polite");
  const svg = el("svg", { class: "series-figure-art", role: "img", "aria-label": t.chart, viewBox: "0 0 400 300" });
  output.append(summary, svg);

  const firstTable = costTable.closest(".md-typeset__scrollwrap") || costTable;
  root.insertBefore(controls, firstTable);
  root.insertBefore(output, firstTable);

  const costRows = [...costTable.tBodies[0].rows];
  const latencyRows = [...latencyTable.tBodies[0].rows];
  const LATENCY_ORDER = ["vad", "asr", "s2s", "prefill", "tts", "net"];

  function update() {
    const r = compute(state);
    const money = t.money;
    const n = (v) => formatNumber(Math.round(v), lang);
    const cells = [
      [t.image(state.pages, state.rule), r.tokens.image, r.cost.image],
      [t.question(state.mode, state.seconds), r.tokens.question, r.cost.question],
      [t.system(state.hitRate), r.tokens.system, r.cost.system],
      [t.answer(state.mode), r.tokens.answer, r.cost.answer],
      [t.total, r.tokens.total, r.cost.total],
    ];
    costTable.tHead.rows[0].cells[0].textContent = t.head(state.mode);
    costRows.forEach((row, i) => {
      row.cells[0].textContent = cells[i][0];
      row.cells[1].textContent = n(cells[i][1]);
      row.cells[2].textContent = money(cells[i][2]);
    });
    const byKey = (lane) => Object.fromEntries(r.lanes[lane]);
    const lanes = { cascada: byKey("cascada"), "voz-a-voz": byKey("voz-a-voz") };
    latencyRows.forEach((row, i) => {
      if (i < LATENCY_ORDER.length) {
        const key = LATENCY_ORDER[i];
        row.cells[1].textContent = key in lanes.cascada ? n(lanes.cascada[key]) : "—";
        row.cells[2].textContent = key in lanes["voz-a-voz"] ? n(lanes["voz-a-voz"][key]) : "—";
      } else {
        row.cells[1].textContent = n(r.totals.cascada);
        row.cells[2].textContent = n(r.totals["voz-a-voz"]);
      }
    });
    summary.textContent = t.summary(n(r.tokens.total), money(r.cost.total), n(r.totals[state.mode]), state.mode);
    drawWaterfall(svg, r, lang);
  }
  update();
}

document.querySelectorAll('[data-widget="presupuesto-del-servicio"]').forEach(enhance);
