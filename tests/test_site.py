"""The built site: both languages, the cards, the switcher and the theme's language."""

import json
import re
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.meta import get_data

import macros
from conftest import ROOT, page_path, page_urls
from html_tree import parse_html

pytestmark = pytest.mark.site

# URL path of each page (the same in both languages) and whether it shows a series card.
PAGES = {
    "": False,
    "multimodalidad-iag/": True,
    "fundamentos-ia-iag/00_presentacion_serie/": True,
    "glosario/": False,
}
THEME_WORDS = {"es": "Búsqueda", "en": "Search"}  # the search box placeholder of Material's translations
NAV_SECTIONS = {
    "es": ["Multimodalidad en IA generativa", "Fundamentos de IA e IA generativa"],
    "en": ["Multimodality in generative AI", "Foundations of AI and generative AI"],
}  # sections hold pages; the glossary is a page of its own
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
def test_switcher_points_at_the_twin(site_dir, site_url, load_page, locale, page):
    here = page_path(site_dir, locale, page)
    root = load_page(locale, page)
    links = {a.attrs["hreflang"]: a.attrs["href"] for a in root.find_all("a", cls="md-select__link")}
    assert set(links) == set(macros.LOCALES)
    # i18n writes root-relative links (under site_url's path) on the home pages.
    base_path = urlsplit(site_url).path
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
    source = (ROOT / "docs" / "multimodalidad-iag" / "index.es.md").read_text(encoding="utf-8")
    assert "<!-- \n## Fuentes y notas" in source


# The article kit on the built site ---------------------------------------------------------------

ARTICLE = "multimodalidad-iag/01-que-es-multimodalidad/"
ARTICLE_SOURCE = "multimodalidad-iag/01-que-es-multimodalidad"


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_the_article_card_shows_position_type_level_time_and_review(load_page, locale):
    root = load_page(locale, ARTICLE)
    (card,) = list(root.find_all("section", cls="series-meta--article"))
    rows = {row.find(cls="series-meta-label").text: row.find(cls="series-meta-value") for row in card.find_all(cls="series-meta-row")}
    labels = macros.LABELS[locale]
    assert rows[labels["series"]].find("a").attrs["href"] == "../"
    assert rows[labels["article"]].text == labels["article_of"].format(n=1, total=8)
    assert rows[labels["type"]].text == macros.ARTICLE_TYPES["arquitectura"][locale]
    assert rows[labels["level"]].text == macros.LEVEL_LABELS["general"][locale]
    markdown, _ = get_data((ROOT / "docs" / f"{ARTICLE_SOURCE}.{locale}.md").read_text(encoding="utf-8"))
    assert rows[labels["read"]].text == labels["minutes"].format(n=macros.reading_minutes(markdown, locale))
    _, meta = get_data((ROOT / "docs" / f"{ARTICLE_SOURCE}.{locale}.md").read_text(encoding="utf-8"))
    assert rows[labels["reviewed"]].find("time").attrs["datetime"] == meta["last_reviewed"].isoformat() == meta["history"][0]["date"].isoformat()


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_the_meta_description_comes_from_the_front_matter(load_page, locale):
    _, meta = get_data((ROOT / "docs" / f"{ARTICLE_SOURCE}.{locale}.md").read_text(encoding="utf-8"))
    assert load_page(locale, ARTICLE).find("meta", name="description").attrs["content"] == meta["description"]


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_references_follow_the_order_of_citation(load_page, locale):
    root = load_page(locale, ARTICLE)
    article = root.find("article")
    order = []
    for link in article.find_all("a"):
        href = link.attrs.get("href", "")
        if href.startswith("#ref-") and href[5:] not in order:
            order.append(href[5:])
    listed = [li.attrs["id"][4:] for li in root.find("ol", cls="references").find_all("li")]
    assert listed == order and len(listed) >= 6


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_figures_have_a_caption_and_alt_text_in_the_page_language(load_page, locale):
    other = "en" if locale == "es" else "es"
    figures = list(load_page(locale, ARTICLE).find_all("figure", cls="series-figure"))
    assert figures
    for number, figure in enumerate(figures, start=1):
        svg = figure.find("svg")
        title = figure.find("title", id=svg.attrs["aria-labelledby"])
        assert svg.attrs["role"] == "img" and len(title.text.split()) >= 8
        assert figure.find("figcaption").find(cls="series-figure-number").text == macros.LABELS[locale]["figure"].format(n=number)
        assert not list(svg.find_all(lang=other)), "no text of the other language is left in the figure"


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_formulas_are_mathml_and_no_page_ships_a_math_script(site_dir, load_page, locale):
    assert list(load_page(locale, ARTICLE).find_all("math"))
    assert list(load_page(locale, "fundamentos-ia-iag/00_presentacion_serie/").find_all("mfrac"))
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8").lower()
        assert "mathjax" not in text and "katex" not in text


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_glossary_terms_link_to_their_entry_once(load_page, locale):
    links = [a for a in load_page(locale, ARTICLE).find_all("a", cls="glossary-term")]
    targets = [a.attrs["href"] for a in links]
    assert "../../glosario/#modalidad" in targets
    assert len(targets) == len(set(targets)), "a term links at its first use only"
    assert all(a.attrs.get("title") for a in links)


def test_the_widget_script_loads_only_where_it_is_used(site_dir):
    pages = [p for p in site_dir.rglob("*.html") if "widgets/ritmo-de-canales.js" in p.read_text(encoding="utf-8")]
    assert sorted(p.relative_to(site_dir).as_posix() for p in pages) == sorted([
        f"{ARTICLE}index.html", f"en/{ARTICLE}index.html",
    ])


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_a_published_article_is_listed_in_the_landing_nav_and_search(site_dir, load_page, locale):
    landing = load_page(locale, "multimodalidad-iag/")
    lineup = landing.find("article").find("ol")
    assert lineup.find("li").find("a").attrs["href"] == "01-que-es-multimodalidad/"
    published = macros.published_count(ROOT / "docs", "multimodalidad-iag", locale)
    assert landing.find("section", cls="series-meta").attrs["data-articles"] == str(published)
    nav = [a.attrs["href"] for a in load_page(locale, "").find_all("a", cls="md-nav__link")]
    assert f"{ARTICLE}" in nav
    assert load_page(locale, ARTICLE).find("meta", name="robots") is None
    prefix = "" if locale == "es" else "en/"
    assert f"/{prefix}{ARTICLE}</loc>" in (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d for d in index["docs"] if d["location"].startswith(ARTICLE)]


def test_the_sitemap_lists_every_language_version_with_alternates(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    base = locs[0].split("/en/")[0].rstrip("/") + "/" if "/en/" in locs[0] else locs[0]
    for page in PAGES:
        for prefix in ("", "en/"):
            assert any(loc.endswith(f"/{prefix}{page}") or loc == f"{base}{prefix}{page}" for loc in locs), f"{prefix}{page}"
    assert sitemap.count('hreflang="x-default"') == len(locs)
    assert "lastmod" not in sitemap


@pytest.mark.parametrize("path", page_urls())
def test_every_page_is_found_and_shared_well(site_dir, site_url, path):
    """Canonical URL, absolute hreflang for both languages and x-default, and
    link-preview tags whose image the site serves."""
    base = site_url
    head = parse_html((site_dir / path / "index.html").read_text(encoding="utf-8")).find("head")
    twin = path[len("en/"):] if path.startswith("en/") else path
    assert head.find("link", rel="canonical").attrs["href"] == base + path
    alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in head.find_all("link", rel="alternate") if "hreflang" in link.attrs}
    assert alternates == {"es": base + twin, "en": f"{base}en/{twin}", "x-default": base + twin}
    meta = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content") for m in head.find_all("meta")}
    assert meta["description"] and meta["og:description"] == meta["description"] == meta["twitter:description"]
    assert meta["og:title"] == meta["twitter:title"] and meta["og:title"]
    assert meta["og:url"] == base + path
    assert meta["og:locale"] == ("en_US" if path.startswith("en/") else "es_ES")
    assert meta["og:image"] == meta["twitter:image"] and meta["og:image"].startswith(base)
    assert (site_dir / meta["og:image"][len(base):]).is_file()
    assert meta["twitter:card"] == "summary_large_image"


def test_robots_txt_points_crawlers_at_the_sitemap(site_dir, site_url):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url}sitemap.xml" in robots.splitlines()
    assert (site_dir / "sitemap.xml").is_file()


def test_no_page_loads_the_theme_script_bundle_and_it_is_not_published(site_dir):
    """site.js and search.js replace it (overrides/main.html)."""
    pages = [parse_html(p.read_text(encoding="utf-8")) for p in site_dir.rglob("*.html")]
    scripts = [s.attrs.get("src", "") for page in pages for s in page.find_all("script")]
    assert any(src.endswith("/site.js") for src in scripts)
    assert not [src for src in scripts if "/bundle." in src or "/workers/" in src]
    assert not list(site_dir.glob("assets/javascripts/bundle.*"))
    assert not (site_dir / "assets/javascripts/workers").exists() and not (site_dir / "assets/javascripts/lunr").exists()


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_tables_sit_in_the_theme_scroll_frame(load_page, locale):
    page = load_page(locale, "multimodalidad-iag/01-que-es-multimodalidad/")
    tables = page.find_all("table")
    assert tables and all(t.parent.attrs.get("class") == "md-typeset__table" for t in tables)


# What a publication gives its readers: history, citation, licence, translation note ------------

ARTICLE_SOURCES = sorted(p.name[: -len(".es.md")] for p in (ROOT / "docs" / "multimodalidad-iag").glob("0[1-8]-*.es.md"))


def article_meta(stem, locale):
    return get_data((ROOT / "docs" / "multimodalidad-iag" / f"{stem}.{locale}.md").read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("locale", macros.LOCALES)
@pytest.mark.parametrize("stem", ARTICLE_SOURCES)
def test_an_article_ends_with_its_history_newest_first_and_the_review_cadence(load_page, locale, stem):
    meta = article_meta(stem, locale)
    root = load_page(locale, f"multimodalidad-iag/{stem}/")
    assert root.find("h2", id="historial").text.startswith(macros.LABELS[locale]["history"])
    history = root.find("div", cls="article-history")
    dates = [t.attrs["datetime"] for t in history.find_all("time")]
    assert dates == [entry["date"].isoformat() for entry in meta["history"]] == sorted(dates, reverse=True)
    assert [li.text.split(": ", 1)[1] for li in history.find_all("li")] == [entry["change"] for entry in meta["history"]]
    next_review = macros.months_later(meta["last_reviewed"], macros.REVIEW_CADENCE_MONTHS)
    assert macros.month_and_year(next_review, locale) in history.find("p").text


@pytest.mark.parametrize("locale", macros.LOCALES)
@pytest.mark.parametrize("stem", ARTICLE_SOURCES)
def test_an_article_says_how_to_cite_it_with_its_canonical_url_and_licence(load_page, site_url, locale, stem):
    meta = article_meta(stem, locale)
    root = load_page(locale, f"multimodalidad-iag/{stem}/")
    url = f"{site_url}{macros.locale_prefix(locale)}multimodalidad-iag/{stem}/"
    assert root.find("link", rel="canonical").attrs["href"] == url
    reference = root.find("p", id="cita-referencia").text
    assert meta["title"] in reference and url in reference and macros.long_date(meta["last_reviewed"], locale) in reference
    assert f"({meta['history'][-1]['date'].year})" in reference
    bibtex = root.find("code", id="cita-bibtex").text
    assert bibtex.startswith("@online{") and f"url = {{{url}}}" in " ".join(bibtex.split())
    licences = [a.attrs["href"] for a in root.find("div", cls="citation").find_all("a", rel="license")]
    assert any("/licenses/by/4.0/" in href for href in licences) and any("/publicdomain/zero/1.0/" in href for href in licences)
    credits = [a.attrs["href"] for a in root.find_all("a", cls="series-figure-credit")]
    assert credits and set(credits) == {"#como-citar"}, "every figure says how to credit it"
    if locale == "en":
        original = article_meta(stem, "es")
        assert original["title"] in reference and f"{site_url}multimodalidad-iag/{stem}/" in reference
        assert f"origtitle = {{{original['title']}}}" in " ".join(bibtex.split())


@pytest.mark.parametrize("stem", ARTICLE_SOURCES)
def test_the_english_twin_says_it_is_a_translation_and_links_its_original(site_dir, load_page, stem):
    root = load_page("en", f"multimodalidad-iag/{stem}/")
    note = root.find("p", cls="translation-note")
    link = note.find("a", hreflang="es")
    assert (site_dir / "en" / "multimodalidad-iag" / stem / link.attrs["href"] / "index.html").resolve() == \
        (site_dir / "multimodalidad-iag" / stem / "index.html").resolve()
    assert link.text == article_meta(stem, "es")["title"]
    assert note.find("time").attrs["datetime"] == article_meta(stem, "en")["translation_checked"].isoformat()
    assert load_page("es", f"multimodalidad-iag/{stem}/").find("p", cls="translation-note") is None


@pytest.mark.parametrize("locale", macros.LOCALES)
@pytest.mark.parametrize("stem", ARTICLE_SOURCES)
def test_further_reading_lists_both_levels_in_the_page_language(load_page, locale, stem):
    meta = article_meta(stem, locale)
    section = load_page(locale, f"multimodalidad-iag/{stem}/").find("div", cls="further-reading")
    further = meta.get("further_reading")
    if not further:
        assert section is None
        return
    titles = [h.text for h in section.find_all("h3")]
    assert titles == [macros.LABELS[locale][level] for level in macros.FURTHER_READING_LEVELS if level in further]
    notes = [li.text for li in section.find_all("li")]
    expected = [item["note"] for level in macros.FURTHER_READING_LEVELS for item in further.get(level, [])]
    assert len(notes) == len(expected) and all(note.endswith(text) for note, text in zip(notes, expected))


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_every_page_footer_states_the_licences_in_its_language(load_page, locale):
    for page in ("", "glosario/", "multimodalidad-iag/"):
        footer = load_page(locale, page).find("div", cls="md-copyright")
        licences = [a.attrs["href"] for a in footer.find_all("a", rel="license")]
        assert len(licences) == 2 and "/licenses/by/4.0/" in licences[0] and "/publicdomain/zero/1.0/" in licences[1]
        assert ("Hecho con" if locale == "es" else "Made with") in footer.text
