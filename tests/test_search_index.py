"""One search index per language (overrides/hooks/search_per_language.py)."""

import importlib.util
import json
import re
import shutil
import subprocess

import pytest
import snowballstemmer

from conftest import ROOT

spec = importlib.util.spec_from_file_location("search_per_language", ROOT / "overrides" / "hooks" / "search_per_language.py")
search_hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search_hook)

MERGED = {
    "config": {"lang": ["es", "en"], "separator": "[\\s\\-]+", "pipeline": ["trimmer", "stopWordFilter"], "fields": {"title": {"boost": 1000.0}}},
    "docs": [
        {"location": "", "title": "Inicio", "text": "<p>Alineación y visión</p>"},
        {"location": "glosario/#modalidad", "title": "Glosario", "text": "<p>Canal</p>"},
        {"location": "en/", "title": "Home", "text": "<p>Alignment</p>"},
        {"location": "en/glosario/#modalidad", "title": "Glossary", "text": "<p>Channel (es: canal)</p>"},
    ],
}


def test_split_index_separates_languages_and_rebases_locations():
    split = search_hook.split_index(MERGED, ["es", "en"], "es")
    assert [d["location"] for d in split["es"]["docs"]] == ["", "glosario/#modalidad"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "glosario/#modalidad"]
    assert split["es"]["config"]["lang"] == ["es"] and split["en"]["config"]["lang"] == ["en"]
    assert MERGED["config"]["lang"] == ["es", "en"], "the merged index is left as it was"


@pytest.mark.site
def test_the_built_site_has_one_index_per_language(site_dir):
    for folder, lang, foreign in (("", "es", "en/"), ("en/", "en", None)):
        index = json.loads((site_dir / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = [d["location"] for d in index["docs"]]
        assert locations and not [loc for loc in locations if foreign and loc.startswith(foreign)]


@pytest.mark.site
def test_english_pages_point_their_search_at_the_english_index(site_dir):
    page = (site_dir / "en" / "fundamentos-ia-iag" / "00_presentacion_serie" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../../../en/"' in page
    page = (site_dir / "fundamentos-ia-iag" / "00_presentacion_serie" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../.."' in page


# Classic cases of each algorithm, beyond the site's own words: Porter's paper
# examples, and Spanish pronouns, accents, gu and the derivational endings.
STEMMER_CASES = {
    "es": "dándole verlo haciéndolo cayendo arguyendo huyendo comiéndoselas alineaciones contrastivas rápidamente "
          "lógicamente felizmente aplicable posibilidades actividades capacidad nacionalizar arqueología averiguen "
          "distinguió llegue argüir ojalá tecnologías resolución evolución diferencia presencias abogadas",
    "en": "caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping "
          "tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci "
          "digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator "
          "feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative "
          "formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic "
          "adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate "
          "angulariti homologous effective bowdlerize probate rate cease controll roll yes youth says boy enjoying",
}
REFERENCE = {"es": snowballstemmer.stemmer("spanish"), "en": snowballstemmer.stemmer("porter")}
STEMMERS_JS = ROOT / "docs" / "assets" / "javascripts" / "stemmers.js"


def js_stems(words: dict[str, list[str]]) -> dict[str, list[str]]:
    """The stems search-engine.js uses, computed by Node from stemmers.js."""
    node = shutil.which("node")
    assert node, "Node.js is missing: install nodejs (.ci/run does)"
    program = (f"import {{ stemmers }} from {json.dumps(STEMMERS_JS.as_uri())};"
               "let input = ''; process.stdin.on('data', (c) => (input += c)).on('end', () => {"
               "const words = JSON.parse(input);"
               "console.log(JSON.stringify(Object.fromEntries(Object.entries(words).map(([l, ws]) => [l, ws.map(stemmers[l])]))));});")
    result = subprocess.run([node, "--input-type=module", "-e", program], input=json.dumps(words), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.site
def test_the_search_stemmers_agree_with_snowball_on_every_word_of_the_site(site_dir):
    words = {}
    for locale, folder in (("es", ""), ("en", "en/")):
        index = json.loads((site_dir / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        text = " ".join(f"{d['title']} {d['text']}" for d in index["docs"])
        found = set(re.findall(r"[^\W\d_]+", re.sub(r"<[^>]+>", " ", text).lower()))
        words[locale] = sorted(found | set(STEMMER_CASES[locale].split()))
        assert len(words[locale]) > 1000
    ours = js_stems(words)
    for locale, stemmer in REFERENCE.items():
        wrong = [(w, want, got) for w, want, got in zip(words[locale], stemmer.stemWords(words[locale]), ours[locale]) if want != got]
        assert wrong == [], f"{locale}: {len(wrong)} words stemmed unlike Snowball, e.g. {wrong[:10]}"


def test_the_stemmers_join_inflected_forms():
    stems = js_stems({"es": ["alineaciones", "alineación", "contrastivas", "contrastivo"], "en": ["models", "modelling", "contrasting", "contrastive"]})
    assert stems["es"][0] == stems["es"][1] and stems["es"][2] == stems["es"][3]
    assert stems["en"][0] == stems["en"][1] and stems["en"][2] == stems["en"][3]
