// Interactive figure "guia-sin-clasificador": classifier-free guidance on a
// two-dimensional toy. The data are five Gaussian clouds, three of class A and
// two of class B. For such a mixture the noise a perfect network would predict
// is known exactly, so no network is needed: 300 points of noise drawn with a
// fixed seed are taken to the data in 50 deterministic steps, and at every step
// the unconditional and the class-A predictions are blended with the guidance
// formula of the article, ε̂ = ε_uncond + s (ε_cond − ε_uncond).
//
// It is a toy. What it shares with an image model: the formula, the sampling
// loop (start from seeded noise, one guided prediction per step, two network
// passes per step whenever s is neither 0 nor 1) and the trade-off it shows.
// What it does not: two dimensions instead of thousands, classes instead of
// prompts, and an exact prediction instead of a learned one.
//
// It enhances the static table inside the figure (the fallback without
// JavaScript): the table's cells are recomputed here from the same inputs (the
// data-* attributes), so the page, the table and the live figure always agree.

import { formatNumber, numberField, pageLang } from "./numeros.js";

// The toy data: cloud centres (x, y) and the common standard deviation.
export const CLOUDS_A = [[-0.5, 1.1], [-0.5, -1.1], [-1.5, 0]];
export const CLOUDS_B = [[0.7, 0.6], [0.7, -0.6]];
export const FAR_A = 2; // the A cloud farthest from B
export const SIGMA_DATA = 0.35;
const SIGMA_MAX = 5;
const SIGMA_MIN = 0.01;
const RHO = 7;
const SCALE_MAX = 10;

// A small, fast generator with a 32-bit seed (mulberry32): the same seed gives
// the same points in every browser.
export function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Noise levels from SIGMA_MAX down to SIGMA_MIN, spaced as in Karras et al.'s
// schedule (rho = 7), then 0: `steps` steps need steps + 1 levels.
export function noiseLevels(steps) {
  const levels = [];
  for (let i = 0; i < steps; i++) {
    const a = SIGMA_MAX ** (1 / RHO);
    const b = SIGMA_MIN ** (1 / RHO);
    levels.push((a + (i / Math.max(steps - 1, 1)) * (b - a)) ** RHO);
  }
  levels.push(0);
  return levels;
}

// The exact noise prediction for a mixture of equal Gaussian clouds blurred by
// noise of level sigma: ε = −σ ∇ log p_σ(x), with p_σ a mixture of Gaussians of
// variance σ_data² + σ².
export function predictNoise(x, y, sigma, clouds) {
  const variance = SIGMA_DATA ** 2 + sigma ** 2;
  const logs = clouds.map(([cx, cy]) => -((x - cx) ** 2 + (y - cy) ** 2) / (2 * variance));
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  let gx = 0;
  let gy = 0;
  clouds.forEach(([cx, cy], k) => {
    gx += (weights[k] / total) * (cx - x) / variance;
    gy += (weights[k] / total) * (cy - y) / variance;
  });
  return [-sigma * gx, -sigma * gy];
}

// The guidance formula of the article, on one number or one component.
export function guided(uncond, cond, scale) {
  return uncond + scale * (cond - uncond);
}

// Network evaluations per step: one when the formula needs one prediction only
// (s = 0 is the unconditional one, s = 1 the conditional one), two otherwise.
export function passesPerStep(scale) {
  return scale === 0 || scale === 1 ? 1 : 2;
}

// Every position of every point, step by step: positions[k] is a flat array
// [x0, y0, x1, y1, ...] after k steps (positions[0] is the seeded noise).
export function sample({ seed, samples, steps, scale }) {
  const random = generator(seed);
  const levels = noiseLevels(steps);
  let points = new Float64Array(2 * samples);
  for (let i = 0; i < samples; i++) {
    const u1 = random() || Number.MIN_VALUE;
    const u2 = random();
    const radius = Math.sqrt(-2 * Math.log(u1));
    points[2 * i] = radius * Math.cos(2 * Math.PI * u2) * levels[0];
    points[2 * i + 1] = radius * Math.sin(2 * Math.PI * u2) * levels[0];
  }
  const all = CLOUDS_A.concat(CLOUDS_B);
  const positions = [points];
  for (let k = 0; k < steps; k++) {
    const next = new Float64Array(points.length);
    const dt = levels[k + 1] - levels[k];
    for (let i = 0; i < samples; i++) {
      const x = points[2 * i];
      const y = points[2 * i + 1];
      const [ux, uy] = predictNoise(x, y, levels[k], all);
      const [cx, cy] = predictNoise(x, y, levels[k], CLOUDS_A);
      // Euler step of the probability-flow equation dx/dσ = ε̂.
      next[2 * i] = x + dt * guided(ux, cx, scale);
      next[2 * i + 1] = y + dt * guided(uy, cy, scale);
    }
    positions.push(next);
    points = next;
  }
  return { positions, levels };
}

// The nearest cloud of a point: 0-2 are the A clouds, 3-4 the B clouds.
function nearestCloud(x, y) {
  const all = CLOUDS_A.concat(CLOUDS_B);
  let best = 0;
  let distance = Infinity;
  all.forEach(([cx, cy], k) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (d < distance) {
      distance = d;
      best = k;
    }
  });
  return best;
}

// What the table and the reading report for one set of points: the share whose
// nearest cloud is an A cloud, the share whose nearest cloud is the A cloud
// farthest from B, and the spread (root mean square distance to their centroid).
export function summarize(points) {
  const n = points.length / 2;
  let inA = 0;
  let far = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    const cloud = nearestCloud(points[2 * i], points[2 * i + 1]);
    if (cloud < CLOUDS_A.length) inA++;
    if (cloud === FAR_A) far++;
    mx += points[2 * i];
    my += points[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2;
  return { inA: inA / n, far: far / n, spread: Math.sqrt(squares / n) };
}

// Everything the table shows for one scale.
export function row({ seed, samples, steps, eps, scale }) {
  const { positions } = sample({ seed, samples, steps, scale });
  return {
    guided: guided(eps[0], eps[1], scale),
    evaluations: steps * passesPerStep(scale),
    ...summarize(positions[steps]),
  };
}

// -----------------------------------------------------------------------------
// The page
// -----------------------------------------------------------------------------

const TEXT = {
  es: {
    slider: "Escala de guía s (deslizador; muévelo con las flechas)",
    field: "Escala de guía s (escribe un valor entre 0 y 10)",
    step: (steps) => `Paso del bucle, de 0 a ${steps} (deslizador)`,
    play: "Recorrer los pasos",
    figure: (n, k, steps, s) => `Las ${n} muestras en el paso ${k} de ${steps} con escala s = ${s}, sobre las cinco nubes de datos: tres de la clase A a la izquierda y dos de la clase B a la derecha.`,
    legend: "Círculos de trazo continuo: las tres nubes de la clase A. De trazo discontinuo: las dos de la clase B. A₃ es la nube de A más lejana de B; los puntos son las muestras.",
    counter: (k, steps, evaluations, perStep) =>
      `Paso ${k} de ${steps} · evaluaciones de la red hasta aquí: ${evaluations} (${perStep} por paso).`,
    example: (s, value) => `Ejemplo del artículo: 0,2 + ${s} × (0,5 − 0,2) = ${value}.`,
    noisy: (sigma) => `Las muestras aún llevan ruido (nivel σ = ${sigma}); mueve el paso hasta el final para ver dónde acaban.`,
    percent: (x) => `${x}\u00a0%`,
    reading: {
      zero: (r) => `Con s = 0 la red ignora la clase: el ${r.inA} de las muestras cae en A, casi como en los datos, y el resto en B.`,
      weak: (r) => `Con una escala menor que 1, la clase pesa poco: el ${r.inA} de las muestras cae en A.`,
      plain: (r) => `Con s = 1 no hay guía: el ${r.inA} de las muestras es de la clase A y se reparte entre sus tres nubes (en A₃, el ${r.far}). Dispersión: ${r.spread}.`,
      strong: (r, base) =>
        `Con guía, el ${r.inA} de las muestras es de A, pero el ${r.far} se amontona en A₃, la nube más alejada de B (sin guía, el ${base.far}). La dispersión baja de ${base.spread} a ${r.spread}: más fieles a la clase, menos variadas.`,
    },
  },
  en: {
    slider: "Guidance scale s (slider; move it with the arrow keys)",
    field: "Guidance scale s (type a value from 0 to 10)",
    step: (steps) => `Step of the loop, from 0 to ${steps} (slider)`,
    play: "Play the steps",
    figure: (n, k, steps, s) => `The ${n} samples at step ${k} of ${steps} with scale s = ${s}, over the five data clouds: three of class A on the left and two of class B on the right.`,
    legend: "Solid circles: the three class A clouds. Dashed circles: the two class B clouds. A₃ is the A cloud farthest from B; the dots are the samples.",
    counter: (k, steps, evaluations, perStep) =>
      `Step ${k} of ${steps} · network evaluations so far: ${evaluations} (${perStep} per step).`,
    example: (s, value) => `The article’s example: 0.2 + ${s} × (0.5 − 0.2) = ${value}.`,
    noisy: (sigma) => `The samples are still noisy (level σ = ${sigma}); move the step to the end to see where they land.`,
    percent: (x) => `${x}%`,
    reading: {
      zero: (r) => `At s = 0 the network ignores the class: ${r.inA} of the samples land in A, much as in the data, and the rest in B.`,
      weak: (r) => `Below a scale of 1 the class weighs little: ${r.inA} of the samples land in A.`,
      plain: (r) => `At s = 1 there is no guidance: ${r.inA} of the samples are class A, spread over its three clouds (${r.far} in A₃). Spread: ${r.spread}.`,
      strong: (r, base) =>
        `With guidance, ${r.inA} of the samples are class A, but ${r.far} crowd into A₃, the cloud farthest from B (${base.far} without guidance). The spread falls from ${base.spread} to ${r.spread}: truer to the class, less varied.`,
    },
  },
};

const SVG = "http://www.w3.org/2000/svg";
const VIEW = { width: 400, height: 400, x0: -2.7, x1: 2.1, y0: -2.4, y1: 2.4 }; // equal scales

function svgElement(name, attributes = {}) {
  const element = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, String(v)));
  return element;
}

const toX = (x) => ((x - VIEW.x0) / (VIEW.x1 - VIEW.x0)) * VIEW.width;
const toY = (y) => ((VIEW.y1 - y) / (VIEW.y1 - VIEW.y0)) * VIEW.height;

function drawClouds(svg) {
  const colour = { A: "var(--mm-image)", B: "var(--mm-audio)" };
  const radius = (2 * SIGMA_DATA * VIEW.width) / (VIEW.x1 - VIEW.x0);
  const clouds = [...CLOUDS_A.map((c) => ["A", c]), ...CLOUDS_B.map((c) => ["B", c])];
  clouds.forEach(([kind, [cx, cy]], k) => {
    svg.append(svgElement("circle", {
      cx: toX(cx), cy: toY(cy), r: radius, fill: "none", stroke: colour[kind], "stroke-width": 2,
      "stroke-dasharray": kind === "A" ? "" : "6 4",
    }));
    const label = svgElement("text", {
      x: toX(cx), y: toY(cy) - radius - 6, "text-anchor": "middle", "font-size": 14, fill: "currentColor",
    });
    label.textContent = kind === "A" ? `A${"₁₂₃"[k]}` : `B${"₁₂"[k - CLOUDS_A.length]}`;
    svg.append(label);
  });
}

function enhance(root) {
  const lang = pageLang();
  const t = TEXT[lang];
  const seed = Number(root.dataset.seed);
  const samples = Number(root.dataset.samples);
  const steps = Number(root.dataset.steps);
  const eps = String(root.dataset.eps).trim().split(/\s+/).map(Number);
  const start = Number(root.dataset.scale);
  if (![seed, samples, steps, start].every(Number.isFinite) || eps.length !== 2 || !eps.every(Number.isFinite)) return;
  const table = root.querySelector("table");
  if (!table || !table.tBodies.length) return;
  const rows = [...table.tBodies[0].rows];
  if (rows.some((r) => r.cells.length !== 6)) return; // the page and the script disagree: keep the static table

  const percent = (x) => t.percent(formatNumber(100 * x, lang, 0));
  const two = (x) => formatNumber(x, lang, 2);
  const scaleText = (s) => formatNumber(s, lang, 1, { trim: true });
  const inputs = { seed, samples, steps, eps };

  // 1. The fallback table, recomputed from the same inputs.
  rows.forEach((tr) => {
    const scale = Number(tr.cells[0].textContent.trim().replace(",", "."));
    if (!Number.isFinite(scale)) return;
    const r = row({ ...inputs, scale });
    tr.cells[1].textContent = two(r.guided);
    tr.cells[2].textContent = formatNumber(r.evaluations, lang, 0);
    tr.cells[3].textContent = percent(r.inA);
    tr.cells[4].textContent = percent(r.far);
    tr.cells[5].textContent = two(r.spread);
  });

  // 2. Controls: the scale (a slider and a number box, kept in step), the step
  // of the loop, and a button that plays the steps.
  const controls = document.createElement("div");
  controls.className = "widget-controls";
  const sliderLabel = document.createElement("label");
  sliderLabel.append(t.slider);
  const slider = document.createElement("input");
  Object.assign(slider, { type: "range", min: "0", max: String(SCALE_MAX), step: "0.5", id: "guia-escala" });
  sliderLabel.htmlFor = slider.id;
  sliderLabel.append(slider);
  const field = numberField({
    label: t.field, min: 0, max: SCALE_MAX, value: start, lang, decimals: 2,
    onValue: (s) => { slider.value = String(s); setScale(s); },
  });
  const stepLabel = document.createElement("label");
  stepLabel.append(t.step(steps));
  const stepSlider = document.createElement("input");
  Object.assign(stepSlider, { type: "range", min: "0", max: String(steps), step: "1", id: "guia-paso" });
  stepLabel.htmlFor = stepSlider.id;
  stepLabel.append(stepSlider);
  const play = document.createElement("button");
  play.type = "button";
  play.textContent = t.play;
  controls.append(sliderLabel, field.field, stepLabel, play);

  // 3. The live panel: the scatter of samples, the step counter and the reading.
  const output = document.createElement("div");
  output.className = "widget-output";
  const svg = svgElement("svg", { viewBox: `0 0 ${VIEW.width} ${VIEW.height}`, role: "img", width: "100%" });
  svg.style.maxWidth = `${VIEW.width * 1.2}px`;
  svg.style.display = "block";
  const title = svgElement("title");
  svg.append(title);
  drawClouds(svg);
  const dots = svgElement("g", { fill: "var(--md-default-fg-color)", "fill-opacity": 0.75 });
  for (let i = 0; i < samples; i++) dots.append(svgElement("circle", { r: 2.4 }));
  svg.append(dots);
  svg.querySelectorAll("text").forEach((label) => svg.append(label)); // cloud names above the dots
  const legend = document.createElement("p");
  legend.textContent = t.legend;
  const counter = document.createElement("p");
  counter.setAttribute("aria-live", "polite");
  const example = document.createElement("p");
  const reading = document.createElement("p");
  reading.setAttribute("aria-live", "polite");
  output.append(svg, legend, counter, example, reading);

  const anchor = table.closest(".md-typeset__scrollwrap") || table;
  root.insertBefore(controls, anchor);
  root.insertBefore(output, anchor);

  const baseline = summarize(sample({ ...inputs, scale: 1 }).positions[steps]);
  let run = null;
  let scale = start;
  let step = steps;

  function draw() {
    const points = run.positions[step];
    [...dots.children].forEach((dot, i) => {
      dot.setAttribute("cx", toX(points[2 * i]).toFixed(1));
      dot.setAttribute("cy", toY(points[2 * i + 1]).toFixed(1));
    });
    const perStep = passesPerStep(scale);
    title.textContent = t.figure(samples, step, steps, scaleText(scale));
    counter.textContent = t.counter(step, steps, formatNumber(step * perStep, lang, 0), perStep);
    stepSlider.setAttribute("aria-valuetext", t.counter(step, steps, formatNumber(step * perStep, lang, 0), perStep));
    if (step < steps) {
      reading.textContent = t.noisy(formatNumber(run.levels[step], lang, 2));
      return;
    }
    const r = summarize(points);
    const shown = { inA: percent(r.inA), far: percent(r.far), spread: two(r.spread) };
    const base = { far: percent(baseline.far), spread: two(baseline.spread) };
    if (scale === 0) reading.textContent = t.reading.zero(shown);
    else if (scale < 1) reading.textContent = t.reading.weak(shown);
    else if (scale === 1) reading.textContent = t.reading.plain(shown);
    else reading.textContent = t.reading.strong(shown, base);
  }

  function setScale(s) {
    scale = s;
    slider.setAttribute("aria-valuetext", scaleText(s));
    example.textContent = t.example(scaleText(s), two(guided(eps[0], eps[1], s)));
    run = sample({ ...inputs, scale: s });
    draw();
  }

  slider.addEventListener("input", () => {
    const s = Number(slider.value);
    field.set(s);
    setScale(s);
  });
  stepSlider.addEventListener("input", () => {
    step = Number(stepSlider.value);
    draw();
  });
  let timer = null;
  play.addEventListener("click", () => {
    clearInterval(timer);
    step = 0;
    stepSlider.value = "0";
    draw();
    timer = setInterval(() => {
      step += 1;
      stepSlider.value = String(step);
      draw();
      if (step >= steps) clearInterval(timer);
    }, 60);
  });

  slider.value = String(start);
  stepSlider.value = String(steps);
  setScale(start);
}

// Sampling the table's rows and the live figure takes a few hundred milliseconds
// of script: done when the figure comes near the screen, not while the page
// loads (the static table already shows the same numbers).
if (typeof document !== "undefined") {
  const soon = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      soon.unobserve(entry.target);
      enhance(entry.target);
    }
  }, { rootMargin: "600px 0px" });
  document.querySelectorAll('[data-widget="guia-sin-clasificador"]').forEach((root) => soon.observe(root));
}
