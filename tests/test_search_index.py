"""The search index Pagefind builds from the site: one per language, the prose
and headings of every published page, a result of its own for every glossary
entry, and none of the parts a reader does not search for."""

import re

import pytest
import yaml

import macros
from conftest import ROOT, search_records

pytestmark = pytest.mark.site


def page_paths(locale: str) -> set[str]:
    """The URL of every page built in one language, as Pagefind writes it (from the root)."""
    prefix = "/" + macros.locale_prefix(locale)
    paths = set()
    for source in (ROOT / "docs").rglob(f"*.{locale}.md"):
        relative = source.relative_to(ROOT / "docs").as_posix()[: -len(f".{locale}.md")]
        paths.add(prefix + ("" if relative == "index" else relative.removesuffix("index") if relative.endswith("/index") else f"{relative}/"))
    return paths


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_each_language_indexes_its_own_pages_and_nothing_else(site_dir, locale):
    records = search_records(site_dir, locale)
    drafts = {f"/{macros.locale_prefix(locale)}{a['source'].removesuffix(f'.{locale}.md')}/"
              for series in macros.series_folders(ROOT / "docs")
              for a in macros.series_articles(ROOT / "docs", series, locale) if a["status"] == "draft"}
    assert set(records) == page_paths(locale) - drafts


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_the_index_holds_prose_and_headings_not_cards_figures_code_or_references(site_dir, locale):
    labels = macros.LABELS[locale]
    article = search_records(site_dir, locale)[f"/{macros.locale_prefix(locale)}multimodalidad-iag/01-que-es-multimodalidad/"]
    text = article["content"]
    assert article["meta"]["title"] == article["meta"]["title"].strip("¶ ") and "¶" not in text
    for absent in (labels["reviewed"], labels["article_card"], "arXiv:", "@online{", "print(", labels["figure"].format(n=1),
                   labels["pager"], labels["cite_intro"]):
        assert absent not in text, f"{absent!r} is indexed"
    assert len(article["anchors"]) >= 8, "sections are results of their own"
    headings = {anchor["id"] for anchor in article["anchors"]}
    assert {"donde-falla", "autoevaluacion"} <= headings


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_every_glossary_entry_has_its_own_heading_in_the_index(site_dir, locale):
    glossary = yaml.safe_load((ROOT / macros.GLOSSARY_FILE).read_text(encoding="utf-8"))["terms"]
    record = search_records(site_dir, locale)[f"/{macros.locale_prefix(locale)}glosario/"]
    assert {term["id"] for term in glossary} <= {anchor["id"] for anchor in record["anchors"]}


def test_the_bundle_holds_the_engine_and_index_only(site_dir):
    bundle = site_dir / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not list(bundle.glob("pagefind-*ui*")), "Pagefind's own interfaces are not published"
    assert not list(site_dir.glob("**/search_index.json")), "the theme's index is not published"
    entry = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    assert re.search(r'"languages":\{"en":.*"es":', entry), "languages in a fixed order"
