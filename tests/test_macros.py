"""Unit tests of the pure functions in macros.py (no MkDocs build)."""

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from markupsafe import Markup
from mkdocs.exceptions import PluginError

import macros
from conftest import ROOT

SPEC_EXTRA_ROWS = (
    '<div class="series-meta-row"><span class="series-meta-label">Prerequisitos</span>'
    '<span class="series-meta-value"><a href="../fundamentos-ia-iag/00_presentacion_serie/">'
    "Fundamentos de IA e IA generativa</a></span></div>"
)


def fake_page(locale):
    return SimpleNamespace(file=SimpleNamespace(locale=locale, src_uri=f"x.{locale}.md"))


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(status: str, number: int = 1, **fields) -> str:
    """A valid article page (front matter and title), with `fields` changed."""
    meta = dict(title="A", description="Una descripción.", number=number, type="arquitectura",
                level="general", status=status, last_reviewed="2026-01-15",
                history="[{date: 2026-01-15, change: Primera versión publicada.}]")
    meta.update(fields)
    lines = [f"{key}: {value}" for key, value in meta.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n# A\n"


# Page language -----------------------------------------------------------------


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_page_locale_reads_the_file_locale(locale):
    conf = {"theme": {"language": "es"}}
    assert macros.page_locale(fake_page(locale), conf) == locale


def test_page_locale_falls_back_to_the_theme_language():
    page = SimpleNamespace(file=SimpleNamespace())
    assert macros.page_locale(page, {"theme": {"language": "en"}}) == "en"


def test_page_locale_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="'fr'.*es, en"):
        macros.page_locale(fake_page("fr"), {"theme": {"language": "es"}})


# Twins ------------------------------------------------------------------------------


def test_the_real_docs_have_every_twin():
    assert macros.missing_twins(ROOT / "docs") == []


def test_missing_twins_names_the_page_and_its_missing_twin(tmp_path):
    write(tmp_path / "a.es.md")
    write(tmp_path / "a.en.md")
    write(tmp_path / "serie" / "b.es.md")
    write(tmp_path / "c.en.md")
    assert macros.missing_twins(tmp_path) == [
        "c.en.md: missing its twin c.es.md",
        "serie/b.es.md: missing its twin serie/b.en.md",
    ]


def test_a_page_without_language_suffix_is_reported(tmp_path):
    write(tmp_path / "sin-idioma.md")
    (problem,) = macros.missing_twins(tmp_path)
    assert problem.startswith("sin-idioma.md: name it <page>.es.md or <page>.en.md")


# Series folders ----------------------------------------------------------------------


def test_published_count_counts_published_articles_of_one_language(tmp_path):
    series = tmp_path / "serie"
    write(series / "index.es.md")
    write(series / "00_presentacion.es.md", article("published"))
    write(series / "01-uno.es.md", article("published", 1))
    write(series / "02-dos.es.md", article("draft", 2))
    write(series / "03-tres.es.md", article("published", 3))
    write(series / "01-uno.en.md", article("published", 1))
    assert macros.published_count(tmp_path, "serie", "es") == 2
    assert macros.published_count(tmp_path, "serie", "en") == 1
    assert [a["stem"] for a in macros.series_articles(tmp_path, "serie", "es")] == ["01-uno", "02-dos", "03-tres"]


@pytest.mark.parametrize("series_dir", ["../docs", "/etc", "Serie", "", 3])
def test_series_dir_must_be_a_plain_folder_name(tmp_path, series_dir):
    with pytest.raises(ValueError, match="series_dir"):
        macros.series_articles(tmp_path, series_dir, "es")


def test_an_unknown_series_dir_lists_the_folders_there_are(tmp_path):
    (tmp_path / "multimodalidad-iag").mkdir()
    with pytest.raises(ValueError, match="series_dir='otra'.*folders: multimodalidad-iag"):
        macros.series_articles(tmp_path, "otra", "es")


# Markdown ------------------------------------------------------------------------------


def test_nested_bullets_under_ordered_items_are_reindented():
    source = "1. **Uno**\n\n   * detalle\n2. **Dos**\n\n   * otro\n\nFin\n   no es un item\n"
    assert macros.indent_list_continuations(source) == (
        "1. **Uno**\n\n    * detalle\n\n2. **Dos**\n\n    * otro\n\nFin\n   no es un item\n"
    )


def test_code_fences_are_left_alone():
    source = "1. paso\n\n```\n   codigo\n```\n"
    assert macros.indent_list_continuations(source) == source


# extra_rows sanitizing ----------------------------------------------------------------------


def test_the_spec_extra_rows_pass_unchanged():
    clean = macros.sanitize_html(SPEC_EXTRA_ROWS, "extra_rows")
    assert isinstance(clean, Markup)
    assert str(clean) == SPEC_EXTRA_ROWS


@pytest.mark.parametrize(
    "fragment, offending",
    [
        ('<div class="series-meta-row"><script>alert(1)</script></div>', "script"),
        ('<span class="x"><img src="x" onerror="alert(1)"></span>', "img"),
        ('<span onmouseover="alert(1)">x</span>', "onmouseover"),
        ('<a href="javascript:alert(1)">x</a>', "href"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "href"),
        ('<div style="background:url(https://evil.example/x)">x</div>', "style"),
        ('<iframe src="https://evil.example/"></iframe>', "iframe"),
    ],
)
def test_dangerous_extra_rows_are_refused(fragment, offending):
    with pytest.raises(ValueError, match="extra_rows holds markup that is not allowed") as error:
        macros.sanitize_html(fragment, "extra_rows")
    assert offending in str(error.value)
    assert "Allowed tags: a, abbr, div, em, span, strong, time" in str(error.value)


def test_extra_rows_must_be_text():
    with pytest.raises(ValueError, match="extra_rows must be a string"):
        macros.sanitize_html(["<div>"], "extra_rows")


# Snippet paths --------------------------------------------------------------------------------


def test_a_snippet_path_resolves_inside_snippets():
    assert macros.snippet_template(ROOT, "snippets/series_meta.html") == "series_meta.html"


@pytest.mark.parametrize(
    "path, message",
    [
        ("snippets/../mkdocs.yml", "must be relative and start with 'snippets/'"),
        ("../snippets/series_meta.html", "must be relative"),
        ("/etc/passwd", "must be relative"),
        (str(ROOT / "snippets" / "series_meta.html"), "must be relative"),
        ("docs/index.es.md", "start with 'snippets/'"),
        ("snippets/no_existe.html", "no such snippet for include_html; available: series_meta.html"),
        ("snippets/article_meta.html", "no such snippet for include_html; available: series_meta.html"),
        ("", "path must be a snippet path"),
    ],
)
def test_bad_snippet_paths_are_refused(path, message):
    with pytest.raises(ValueError, match="available|path must") as error:
        macros.snippet_template(ROOT, path)
    assert message in str(error.value)


def test_a_link_out_of_snippets_is_refused(tmp_path):
    write(tmp_path / "secret.html", "secret")
    (tmp_path / "snippets").mkdir()
    os.symlink(tmp_path / "secret.html", tmp_path / "snippets" / "fuera.html")
    with pytest.raises(ValueError, match="leads out of snippets/"):
        macros.snippet_template(tmp_path, "snippets/fuera.html")


# Card arguments ------------------------------------------------------------------------------------


def card_arguments(**changes):
    arguments = dict(
        series_dir="multimodalidad-iag",
        data_state="construction",
        data_level="general",
        data_read="6",
        status_label="En construcción",
        level_label="General",
        glow_hidden="true",
        extra_rows=SPEC_EXTRA_ROWS,
    )
    arguments.update(changes)
    return {k: v for k, v in arguments.items() if v is not None}


def test_the_spec_call_validates():
    context = macros.series_meta_context(ROOT / "docs", "es", **card_arguments())
    assert context["data_read"] == 6
    assert context["glow_hidden"] is True
    assert context["labels"]["state"] == "Estado"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"data_state": "building"}, "data_state='building' is not allowed; allowed: planned, construction, complete, paused"),
        ({"data_level": "expert"}, "data_level='expert' is not allowed; allowed: intro, general, intermediate, advanced"),
        ({"data_read": "seis"}, "data_read='seis' must be a positive whole number of minutes"),
        ({"data_read": "0"}, "data_read='0' must be a positive whole number"),
        ({"data_read": "-3"}, "data_read='-3' must be a positive whole number"),
        ({"data_read": "2.5"}, "data_read='2.5' must be a positive whole number"),
        ({"glow_hidden": "yes"}, "glow_hidden='yes' is not allowed; allowed: true, false"),
        ({"status_label": ""}, "status_label must be a non-empty text"),
        ({"level_label": "   "}, "level_label must be a non-empty text"),
        ({"series_dir": "no-existe"}, "series_dir='no-existe' is not a folder under docs/"),
        ({"status_label": None}, "missing argument(s) status_label; required: series_dir,"),
        ({"colour": "red"}, "unknown argument(s) colour; allowed: series_dir,"),
    ],
)
def test_each_bad_card_argument_names_itself_and_what_is_allowed(changes, message):
    with pytest.raises(ValueError) as error:
        macros.series_meta_context(ROOT / "docs", "es", **card_arguments(**changes))
    assert message in str(error.value)


# MkDocs wiring ------------------------------------------------------------------------------------


class FakeEnv:
    def __init__(self, project_dir, locale="es"):
        self.project_dir = str(project_dir)
        self.conf = {"theme": {"language": "es"}, "mdx_configs": {"toc": {"permalink": True}}, "nav": []}
        self.page = fake_page(locale)
        self.macros = {}

    def macro(self, function):
        self.macros[function.__name__] = function
        return function


def test_define_env_registers_include_html_and_reads_the_language_per_call():
    env = FakeEnv(ROOT)
    macros.define_env(env)
    spanish = env.macros["include_html"]("snippets/series_meta.html", **card_arguments())
    env.page = fake_page("en")  # the same process goes on to build English
    english = env.macros["include_html"]("snippets/series_meta.html", **card_arguments())
    assert 'aria-label="Ficha de la serie"' in spanish
    assert 'aria-label="Series facts"' in english


def test_include_html_errors_name_the_snippet_and_the_argument():
    """A macro's error is kept for the page hook, which stops the build with it; the
    macro itself renders nothing (outside a template, the line is unknown)."""
    env = FakeEnv(ROOT)
    macros.define_env(env)
    env.page_state = macros.PageState("docs/multimodalidad-iag/index.es.md")
    assert env.macros["include_html"]("snippets/series_meta.html", **card_arguments(data_level="x")) == ""
    (error,) = env.page_state.errors
    assert re.fullmatch(r"docs/multimodalidad-iag/index\.es\.md:\?: include_html\('snippets/series_meta\.html'\): data_level='x' .*", error)


def test_define_env_stops_the_build_when_a_twin_is_missing(tmp_path):
    write(tmp_path / "docs" / "solo.es.md")
    (tmp_path / "snippets").mkdir()
    with pytest.raises(PluginError, match="solo.es.md: missing its twin solo.en.md"):
        macros.define_env(FakeEnv(tmp_path))


@pytest.mark.parametrize("locale, title", [("es", "Enlace permanente"), ("en", "Permanent link")])
def test_pre_page_hook_localizes_the_permalink_title(locale, title):
    env = FakeEnv(ROOT, locale)
    env.markdown = "1. uno\n\n   * dos\n"
    macros.on_pre_page_macros(env)
    assert env.conf["mdx_configs"]["toc"]["permalink_title"] == title
    assert env.markdown == "1. uno\n\n    * dos\n"
