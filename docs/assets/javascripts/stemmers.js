// One stemmer per language of the site, so that a search for "alineaciones"
// finds "alineación" and "models" finds "modelling". Both follow the published
// Snowball definitions (snowballstem.org): the Spanish stemmer, and Porter's
// original English algorithm, which is what lunr and the theme's search used.
// tests/test_search_index.py checks them word for word against the Python
// snowballstemmer package over every word of the site's indexes.
// Words are expected in lower case. Imported by search-engine.js on first use.

// --- shared machinery ---------------------------------------------------------

// Index just past the first non-vowel that follows a vowel, at or after `from`
// (the start of Snowball's R1 and R2 regions); the word's length if none.
function regionAfter(word, isVowel, from) {
  for (let i = from + 1; i < word.length; i++) {
    if (!isVowel(word, i) && isVowel(word, i - 1)) return i + 1;
  }
  return word.length;
}

// The longest of `suffixes` that ends `word` and starts at or after `limit`.
function longestSuffix(word, suffixes, limit = 0) {
  let best = "";
  for (const suffix of suffixes) {
    if (suffix.length > best.length && word.endsWith(suffix) && word.length - suffix.length >= limit) best = suffix;
  }
  return best;
}

// --- Spanish ------------------------------------------------------------------

const ES_VOWELS = "aeiouáéíóúü";
const esVowel = (word, i) => ES_VOWELS.includes(word[i]);

// RV: after the next vowel when the second letter is a consonant; after the next
// consonant when the first two letters are vowels; else after the third letter.
function spanishRegions(word) {
  const after = (test) => {
    for (let i = 2; i < word.length; i++) if (test(i)) return i + 1;
    return word.length;
  };
  let rv = word.length;
  if (word.length >= 2) {
    if (!esVowel(word, 1)) rv = after((i) => esVowel(word, i));
    else if (esVowel(word, 0)) rv = after((i) => !esVowel(word, i));
    else rv = Math.min(3, word.length);
  }
  const r1 = regionAfter(word, esVowel, 0);
  return { rv, r1, r2: regionAfter(word, esVowel, r1) };
}

const ES_PRONOUNS = ["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"];
// Endings a pronoun may be attached to, and what each becomes once the pronoun is
// removed ("dándole" → "dando"); after "yendo" the pronoun goes only if a "u" precedes.
const ES_BEFORE_PRONOUN = { "iéndo": "iendo", "ándo": "ando", "ár": "ar", "ér": "er", "ír": "ir", ando: "ando", iendo: "iendo", ar: "ar", er: "er", ir: "ir", yendo: "yendo" };

const ES_STANDARD = [
  [["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles", "ista", "istas",
    "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"], "delete"],
  [["adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"], "ic"],
  [["logía", "logías"], "log"],
  [["ución", "uciones"], "u"],
  [["encia", "encias"], "ente"],
  [["amente"], "amente"],
  [["mente"], "mente"],
  [["idad", "idades"], "idad"],
  [["iva", "ivo", "ivas", "ivos"], "at"],
];
const ES_STANDARD_ALL = ES_STANDARD.flatMap(([suffixes]) => suffixes);

const ES_Y_VERB = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"];
const ES_VERB_GU = ["en", "es", "éis", "emos"];
const ES_VERB = [
  "arían", "arías", "arán", "arás", "aríais", "aría", "aréis", "aríamos", "aremos", "ará", "aré",
  "erían", "erías", "erán", "erás", "eríais", "ería", "eréis", "eríamos", "eremos", "erá", "eré",
  "irían", "irías", "irán", "irás", "iríais", "iría", "iréis", "iríamos", "iremos", "irá", "iré",
  "aba", "ada", "ida", "ía", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ían",
  "aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ió", "ar", "er", "ir", "as",
  "abas", "adas", "idas", "ías", "aras", "ieras", "ases", "ieses", "ís", "áis", "abais", "íais", "arais", "ierais",
  "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "ábamos", "íamos", "imos", "áramos", "iéramos",
  "iésemos", "ásemos",
];
const ES_RESIDUAL = ["os", "a", "o", "á", "í", "ó", "e", "é"];

function spanishStandardSuffix(word, { r1, r2 }) {
  const suffix = longestSuffix(word, ES_STANDARD_ALL);
  if (!suffix) return null;
  const action = ES_STANDARD.find(([suffixes]) => suffixes.includes(suffix))[1];
  const at = word.length - suffix.length;
  const inR2 = (start) => start >= r2;
  const stem = word.slice(0, at);
  // Deletes `before` from the end of `text` when it is there and starts in R2.
  const dropIn2 = (text, before) => (text.endsWith(before) && inR2(text.length - before.length) ? text.slice(0, -before.length) : text);
  switch (action) {
    case "amente": {
      if (at < r1) return null;
      for (const before of ["iv", "os", "ic", "ad"]) {
        if (stem.endsWith(before)) {
          if (!inR2(stem.length - before.length)) return stem;
          const shorter = stem.slice(0, -before.length);
          return before === "iv" ? dropIn2(shorter, "at") : shorter;
        }
      }
      return stem;
    }
    default: {
      if (!inR2(at)) return null;
      if (action === "delete") return stem;
      if (action === "log" || action === "u" || action === "ente") return stem + action;
      if (action === "ic" || action === "at") return dropIn2(stem, action);
      if (action === "mente") {
        const before = longestSuffix(stem, ["ante", "able", "ible"]);
        return before ? dropIn2(stem, before) : stem;
      }
      // idad, idades
      const before = longestSuffix(stem, ["abil", "ic", "iv"]);
      return before ? dropIn2(stem, before) : stem;
    }
  }
}

function stemSpanish(input) {
  let word = input;
  let regions = spanishRegions(word);

  // Step 0: a pronoun attached to a gerund or an infinitive ("dándole", "verlo").
  const pronoun = longestSuffix(word, ES_PRONOUNS);
  if (pronoun) {
    const rest = word.slice(0, -pronoun.length);
    const verb = longestSuffix(rest, Object.keys(ES_BEFORE_PRONOUN));
    if (verb && rest.length - verb.length >= regions.rv) {
      if (verb === "yendo") {
        if (rest.slice(0, -verb.length).endsWith("u")) word = rest;
      } else {
        word = rest.slice(0, -verb.length) + ES_BEFORE_PRONOUN[verb];
      }
    }
  }

  // Step 1: derivational endings; else step 2a, verb endings that begin with y; else step 2b, other verb endings.
  const standard = spanishStandardSuffix(word, regions);
  if (standard !== null) {
    word = standard;
  } else {
    const yVerb = longestSuffix(word, ES_Y_VERB, regions.rv);
    if (yVerb && word.slice(0, -yVerb.length).endsWith("u")) {
      word = word.slice(0, -yVerb.length);
    } else {
      const verb = longestSuffix(word, [...ES_VERB_GU, ...ES_VERB], regions.rv);
      if (verb) {
        word = word.slice(0, -verb.length);
        if (ES_VERB_GU.includes(verb) && word.endsWith("gu")) word = word.slice(0, -1);
      }
    }
  }

  // Step 3: a residual vowel ending, in RV.
  const residual = longestSuffix(word, ES_RESIDUAL);
  if (residual && word.length - residual.length >= regions.rv) {
    word = word.slice(0, -residual.length);
    if ((residual === "e" || residual === "é") && word.endsWith("gu") && word.length - 1 >= regions.rv) word = word.slice(0, -1);
  }

  return word.replace(/[áéíóú]/g, (c) => "aeiou"["áéíóú".indexOf(c)]);
}

// --- English (Porter, 1980) -----------------------------------------------------

// "y" counts as a vowel except at the start of a word or after a vowel; those
// are written "Y" while the word is stemmed.
const enVowel = (word, i) => "aeiouy".includes(word[i]);

// Ends consonant-vowel-consonant, the last consonant not w, x or Y (Porter's *o).
function endsShort(word) {
  const n = word.length;
  return n >= 3 && !enVowel(word, n - 1) && !"wxY".includes(word[n - 1]) && enVowel(word, n - 2) && !enVowel(word, n - 3);
}

const hasVowel = (text) => [...text].some((_, i) => enVowel(text, i));

const EN_STEP2 = {
  tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", eli: "e", izer: "ize", ization: "ize",
  ational: "ate", ation: "ate", ator: "ate", alli: "al", alism: "al", aliti: "al", ousli: "ous", ousness: "ous",
  iveness: "ive", iviti: "ive", biliti: "ble", fulness: "ful",
};
const EN_STEP3 = { alize: "al", icate: "ic", iciti: "ic", ical: "ic", ative: "", ful: "", ness: "" };
const EN_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou", "ism", "ate",
  "iti", "ous", "ive", "ize", "ion"];
const EN_DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];

function stemEnglish(input) {
  let word = input.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
  const r1 = regionAfter(word, enVowel, 0);
  const r2 = regionAfter(word, enVowel, r1);
  // Replaces a suffix found in the region starting at `limit`; false when it is not there.
  const replaceIn = (table, limit) => {
    const suffix = longestSuffix(word, Object.keys(table));
    if (!suffix || word.length - suffix.length < limit) return false;
    word = word.slice(0, -suffix.length) + table[suffix];
    return true;
  };

  // Step 1a: plurals.
  const plural = longestSuffix(word, ["sses", "ies", "ss", "s"]);
  if (plural) word = word.slice(0, -plural.length) + { sses: "ss", ies: "i", ss: "ss", s: "" }[plural];

  // Step 1b: -eed, -ed, -ing.
  const past = longestSuffix(word, ["eed", "ed", "ing"]);
  if (past === "eed") {
    if (word.length - 3 >= r1) word = word.slice(0, -1);
  } else if (past && hasVowel(word.slice(0, -past.length))) {
    word = word.slice(0, -past.length);
    const end = longestSuffix(word, ["at", "bl", "iz", ...EN_DOUBLES]);
    if (["at", "bl", "iz"].includes(end)) word += "e";
    else if (end) word = word.slice(0, -1);
    else if (word.length === r1 && endsShort(word)) word += "e";
  }

  // Step 1c: a final y after a vowel-bearing stem becomes i.
  if (/[yY]$/.test(word) && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;

  // Steps 2 to 4: derivational suffixes, in R1 then R2.
  replaceIn(EN_STEP2, r1);
  replaceIn(EN_STEP3, r1);
  const suffix = longestSuffix(word, EN_STEP4);
  if (suffix && word.length - suffix.length >= r2 && (suffix !== "ion" || /[st]$/.test(word.slice(0, -3)))) {
    word = word.slice(0, -suffix.length);
  }

  // Step 5: a final e, and a final double l, in R2 (e also in R1 after a long syllable).
  if (word.endsWith("e") && (word.length - 1 >= r2 || (word.length - 1 >= r1 && !endsShort(word.slice(0, -1))))) {
    word = word.slice(0, -1);
  }
  if (word.endsWith("ll") && word.length - 1 >= r2) word = word.slice(0, -1);

  return word.replace(/Y/g, "y");
}

export const stemmers = { es: stemSpanish, en: stemEnglish };
