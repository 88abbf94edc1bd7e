"""One search index per language (overrides/hooks/search_per_language.py)."""

import importlib.util
import json

import pytest

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


def test_fold_drops_diacritics():
    assert search_hook.fold("alineación") == "alineacion"
    assert search_hook.fold("Pingüino año") == "Pinguino ano"


def test_folded_words_lists_accented_words_once_without_tags():
    assert search_hook.folded_words("<p class=\"té\">Visión, visión y acción</p>", "Acción") == "vision accion"


def test_split_index_separates_languages_and_rebases_locations():
    split = search_hook.split_index(MERGED, ["es", "en"], "es")
    assert [d["location"] for d in split["es"]["docs"]] == ["", "glosario/#modalidad"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "glosario/#modalidad"]
    assert split["es"]["docs"][0]["folded"] == "alineacion vision"
    assert "folded" not in split["en"]["docs"][0]
    assert split["es"]["config"]["lang"] == ["es"] and split["en"]["config"]["lang"] == ["en"]
    assert split["es"]["config"]["fields"]["folded"] == {"boost": 1.0}
    assert MERGED["config"]["lang"] == ["es", "en"], "the merged index is left as it was"


@pytest.mark.site
def test_the_built_site_has_one_index_per_language(site_dir):
    for folder, lang, foreign in (("", "es", "en/"), ("en/", "en", None)):
        index = json.loads((site_dir / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        assert "stemmer" not in index["config"]["pipeline"], "the theme's wildcard queries skip stemming"
        locations = [d["location"] for d in index["docs"]]
        assert locations and not [loc for loc in locations if foreign and loc.startswith(foreign)]
    es = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("alineacion" in d.get("folded", "") for d in es["docs"])


@pytest.mark.site
def test_english_pages_point_their_search_at_the_english_index(site_dir):
    page = (site_dir / "en" / "fundamentos-ia-iag" / "00_presentacion_serie" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../../../en/"' in page
    page = (site_dir / "fundamentos-ia-iag" / "00_presentacion_serie" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../.."' in page
