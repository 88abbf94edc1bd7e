"""The built site: both languages, the cards, the switcher and the theme's language."""

from urllib.parse import urlsplit

import pytest

import macros
from conftest import page_path

pytestmark = pytest.mark.site

# URL path of each page (the same in both languages) and whether it shows a series card.
PAGES = {
    "": False,
    "multimodalidad-iag/": True,
    "fundamentos-ia-iag/00_presentacion_serie/": True,
}
THEME_WORDS = {"es": "Búsqueda", "en": "Search"}  # the search box placeholder of Material's translations
NAV_SECTIONS = {
    "es": ["Multimodalidad en IA generativa", "Fundamentos de IA e IA generativa"],
    "en": ["Multimodality in generative AI", "Foundations of AI and generative AI"],
}
BOTH = [(locale, page) for page in PAGES for locale in macros.LOCALES]


@pytest.mark.parametrize("locale, page", BOTH)
def test_page_exists_with_its_language(site_dir, load_page, locale, page):
    assert page_path(site_dir, locale, page).is_file()
    assert load_page(locale, page).find("html").attrs["lang"] == locale


@pytest.mark.parametrize("locale, page", BOTH)
def test_one_card_with_labels_in_the_page_language(load_page, locale, page):
    cards = list(load_page(locale, page).find_all("section", cls="series-meta"))
    assert len(cards) == (1 if PAGES[page] else 0)
    if cards:
        (card,) = cards
        assert card.attrs["aria-label"] == macros.LABELS[locale]["card"]
        labels = [el.text for el in card.find_all("span", cls="series-meta-label")][:4]
        assert labels == [macros.LABELS[locale][k] for k in ("state", "level", "read", "articles")]


@pytest.mark.parametrize("locale, page", BOTH)
def test_switcher_points_at_the_twin(site_dir, load_page, locale, page):
    here = page_path(site_dir, locale, page)
    root = load_page(locale, page)
    links = {a.attrs["hreflang"]: a.attrs["href"] for a in root.find_all("a", cls="md-select__link")}
    assert set(links) == set(macros.LOCALES)
    # i18n writes root-relative links (under site_url's path) on the home pages.
    base_path = urlsplit(load_page("es", "").find("link", rel="canonical").attrs["href"]).path
    for other, href in links.items():
        start = site_dir / href[len(base_path):] if href.startswith("/") else here.parent / href
        assert (start / "index.html").resolve() == page_path(site_dir, other, page).resolve()


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_theme_labels_and_nav_sections_follow_the_language(load_page, locale):
    root = load_page(locale, "")
    assert root.find("input", cls="md-search__input").attrs["placeholder"] == THEME_WORDS[locale]
    sections = [li.find(cls="md-ellipsis").text for li in root.find_all("li", cls="md-nav__item--section")]
    assert sections == NAV_SECTIONS[locale]


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_the_prerequisite_link_lands_on_the_prerequisite_page(site_dir, load_page, locale):
    card = load_page(locale, "multimodalidad-iag/").find("section", cls="series-meta")
    (link,) = list(card.find_all("a"))
    target = (page_path(site_dir, locale, "multimodalidad-iag/").parent / link.attrs["href"] / "index.html").resolve()
    assert target == page_path(site_dir, locale, "fundamentos-ia-iag/00_presentacion_serie/").resolve()


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_the_landing_lineup_is_eight_items_with_their_points(load_page, locale):
    article = load_page(locale, "multimodalidad-iag/").find("article")
    lineup = [ol for ol in article.find_all("ol")][0]
    items = [li for li in lineup.children if getattr(li, "tag", None) == "li"]
    assert len(items) == 8
    assert all(item.find("ul") is not None for item in items), "each item keeps its nested point"


def test_the_landing_keeps_the_sources_comment():
    from conftest import ROOT

    source = (ROOT / "docs" / "multimodalidad-iag" / "index.es.md").read_text(encoding="utf-8")
    assert "<!-- \n## Fuentes y notas" in source
