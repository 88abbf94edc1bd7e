"""snippets/series_meta.html rendered alone, through render_snippet."""

import itertools

import jinja2
import pytest

import macros
from conftest import ROOT
from html_tree import parse_html
from test_macros import SPEC_EXTRA_ROWS, article, card_arguments, write


def render(locale="es", **changes):
    return macros.render_snippet(ROOT, "snippets/series_meta.html", locale, **card_arguments(**changes))


def card_of(html):
    root = parse_html(html)
    (card,) = list(root.find_all("section", cls="series-meta"))
    return root, card


@pytest.mark.parametrize(
    "state, level, locale",
    list(itertools.product(macros.SERIES_STATES, macros.SERIES_LEVELS, macros.LOCALES)),
)
def test_every_state_level_and_language_renders_one_card(state, level, locale):
    html = render(locale, data_state=state, data_level=level)
    root, card = card_of(html)
    assert [el.tag for el in root.children if hasattr(el, "tag")] == ["section"], "one root element"
    assert card.attrs["data-state"] == state
    assert card.attrs["data-level"] == level
    assert card.attrs["data-read"] == "6"
    assert card.attrs["aria-label"] == macros.LABELS[locale]["card"]
    labels = [el.text for el in card.find_all("span", cls="series-meta-label")]
    wanted = [macros.LABELS[locale][k] for k in ("state", "level", "read", "articles")]
    assert labels == wanted + ["Prerequisitos"]


def test_no_blank_line_so_markdown_keeps_one_html_block():
    assert all(line.strip() for line in render().splitlines())


def test_labels_are_escaped():
    html = render(status_label='Borrador <b onclick="x">', level_label="A & B")
    assert "Borrador &lt;b onclick=&#34;x&#34;&gt;" in html
    assert "A &amp; B" in html
    assert "<b" not in html


def test_the_spec_extra_rows_arrive_as_html():
    assert SPEC_EXTRA_ROWS in render()


@pytest.mark.parametrize("glow_hidden, hidden", [("true", True), ("false", False)])
def test_the_glow_follows_glow_hidden(glow_hidden, hidden):
    _, card = card_of(render(glow_hidden=glow_hidden))
    glow = card.find("span", cls="series-meta-glow")
    assert ("hidden" in glow.attrs) is hidden
    assert glow.attrs["aria-hidden"] == "true"


def test_reading_time_and_article_count_are_shown():
    _, card = card_of(render(data_read="12"))
    values = [el.text for el in card.find_all("span", cls="series-meta-value")]
    assert values[2] == "12 min"
    count = macros.published_count(ROOT / "docs", "multimodalidad-iag", "es")
    assert values[3] == macros.LABELS["es"]["published"][count != 1].format(n=count)


def test_article_count_is_derived_from_the_series_folder(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "series_meta.html").write_text((ROOT / "snippets" / "series_meta.html").read_text())
    series = tmp_path / "docs" / "serie"
    for number, status in ((1, "published"), (2, "published"), (3, "draft")):
        for locale in ("es", "en"):
            write(series / f"0{number}-articulo.{locale}.md", article(status, number))
    arguments = card_arguments(series_dir="serie")
    es = macros.render_snippet(tmp_path, "snippets/series_meta.html", "es", **arguments)
    en = macros.render_snippet(tmp_path, "snippets/series_meta.html", "en", **arguments)
    assert card_of(es)[1].attrs["data-articles"] == "2" and "2 publicados" in es
    assert "2 published" in en
    write(series / "04-otro.es.md", article("published", 4))
    assert "3 publicados" in macros.render_snippet(tmp_path, "snippets/series_meta.html", "es", **arguments)


def test_strict_undefined_refuses_a_missing_variable():
    template = macros._jinja(ROOT).get_template("series_meta.html")
    with pytest.raises(jinja2.UndefinedError):
        template.render(labels=macros.LABELS["es"])
