"""Bad input stops a real build, and the message names the file, the argument and what is allowed.

Each case builds a copy of the project with one thing broken.
"""

import datetime
import re
import shutil

import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT, strict_build

PROJECT_PARTS = ("mkdocs.yml", "macros.py", "snippets", "overrides", "docs", "data")
LANDING = "docs/multimodalidad-iag/index.es.md"


@pytest.fixture
def project(tmp_path):
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    return tmp_path


def edit(project, relative, old, new):
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_front_matter(project, relative, change):
    """Rewrite a page's front matter through `change(meta)`, whatever it holds today."""
    path = project / relative
    markdown, meta = get_data(path.read_text(encoding="utf-8"))
    change(meta)
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + markdown, encoding="utf-8")


def failed_build(project):
    result = strict_build(project, project / "site")
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def test_the_copied_project_builds(project):
    result = strict_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('data_level="general"', 'data_level="experto"', "data_level='experto' is not allowed; allowed: intro, general, intermediate, advanced"),
        ('data_read="6"', 'data_read="seis"', "data_read='seis' must be a positive whole number of minutes"),
        ('"snippets/series_meta.html"', '"snippets/../mkdocs.yml"', "must be relative and start with 'snippets/'"),
        ('"snippets/series_meta.html"', '"snippets/tarjeta.html"', "no such snippet for include_html; available: series_meta.html"),
        ("<a href=", "<a onclick=\\\"alert(1)\\\" href=", "extra_rows holds markup that is not allowed"),
    ],
)
def test_a_bad_card_call_stops_the_build(project, old, new, message):
    edit(project, LANDING, old, new)
    output = failed_build(project)
    assert "multimodalidad-iag/index.es.md" in output
    assert message in output


def test_an_undefined_variable_stops_the_build(project):
    edit(project, LANDING, "**Objetivo:**", "{{ objetivo }} **Objetivo:**")
    output = failed_build(project)
    assert "multimodalidad-iag/index.es.md" in output and "'objetivo' is undefined" in output


def test_a_page_without_its_twin_stops_the_build(project):
    (project / "docs" / "fundamentos-ia-iag" / "00_presentacion_serie.en.md").unlink()
    output = failed_build(project)
    assert "fundamentos-ia-iag/00_presentacion_serie.es.md: missing its twin fundamentos-ia-iag/00_presentacion_serie.en.md" in output


def test_a_broken_anchor_stops_the_build(project):
    edit(project, "docs/index.en.md", "(multimodalidad-iag/index.md)", "(multimodalidad-iag/index.md#no-such-anchor)")
    output = failed_build(project)
    assert "no-such-anchor" in output


def test_an_external_image_stops_the_build(project):
    edit(project, "docs/index.es.md", "## Cómo está hecha", '<img src="https://example.com/x.png" alt="x">\n\n## Cómo está hecha')
    output = failed_build(project)
    assert "example.com/x.png" in output


ARTICLE = "docs/multimodalidad-iag/01-que-es-multimodalidad.es.md"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("type: arquitectura", "type: ensayo", "front matter field 'type' is 'ensayo'; allowed: arquitectura, entrenamiento, caso-de-uso"),
        ("level: general\n", "", "front matter field 'level' is missing"),
        ("last_reviewed: 2026-12-01", "last_reviewed: pronto", "front matter field 'last_reviewed' is 'pronto'"),
        ("status: published", "status: draft", "front matter field(s) status differ from its twin"),
        ('{{ cite("goh2021multimodal") }}', '{{ cite("goh2099inventado") }}', "cite: unknown key 'goh2099inventado'"),
        ('{{ term("prosodia") }}', '{{ term("entonacion") }}', "term: unknown term 'entonacion'"),
        ('{{ figure("mapa-de-canales"', '{{ figure("mapa-de-rutas"', "figure 'mapa-de-rutas': no file docs/assets/figures/mapa-de-rutas.svg"),
        ('alt="Cuatro recuadros', 'xalt="Cuatro recuadros', "figure() got an unexpected keyword argument 'xalt'"),
        ("`#!math f_s`", "`#!math \\frac{f_s`", "LaTeX error"),
        ('{{ widget("ritmo-de-canales") }}', '{{ widget("ritmo") }}', "widget 'ritmo': no file"),
        ("{{ references() }}", "", "cites baltrusaitis2019survey"),
    ],
)
def test_a_bad_article_stops_the_build(project, old, new, message):
    edit(project, ARTICLE, old, new)
    output = failed_build(project)
    assert "01-que-es-multimodalidad.es.md" in output
    assert message in output


def test_a_key_whose_identifier_is_not_checked_stops_the_build(project):
    # Every entry of the bibliography is checked, so the test unchecks one first.
    edit(project, "data/bibliography.yaml", "  arxiv: '1809.02156'\n  articles: [7]\n  id_checked: true",
         "  arxiv: '1809.02156'\n  articles: [7]\n  id_checked: false")
    edit(project, ARTICLE, '{{ cite("goh2021multimodal") }}', '{{ cite("rohrbach2018chair") }}')
    output = failed_build(project)
    assert "01-que-es-multimodalidad.es.md" in output
    assert "key 'rohrbach2018chair' has id_checked: False" in output


def test_a_figure_without_alt_text_stops_the_build(project):
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'alt="[^"]*", ', "", text, count=1), encoding="utf-8")
    output = failed_build(project)
    assert "alt must be a non-empty text" in output


def test_a_figure_call_inside_code_stops_the_build(project):
    """Its drawing would print as text: the figure_art hook finds no place for it."""
    edit(project, ARTICLE, '{{ figure("mapa-de-canales"', '    {{ figure("mapa-de-canales"')
    output = failed_build(project)
    assert "01-que-es-multimodalidad.es.md: figure 1's drawing has 0 places in the converted page, not one" in output


def test_an_unsafe_figure_stops_the_build(project):
    edit(project, "docs/assets/figures/mapa-de-canales.svg", "<defs>", '<defs><script>alert(1)</script>')
    assert "element <script> is not allowed" in failed_build(project)


ARTICLE_EN = ARTICLE.replace(".es.md", ".en.md")
DAY = datetime.timedelta(days=1)


def older_entry(meta, text="An older change, for the test."):
    meta["history"].append({"date": meta["history"][-1]["date"] - DAY, "change": text})


@pytest.mark.parametrize(
    "page, change, message",
    [
        (ARTICLE, lambda m: m.__setitem__("last_reviewed", m["last_reviewed"] - DAY), "field 'history' starts with"),
        (ARTICLE, lambda m: m["history"].append({"date": m["last_reviewed"] + DAY, "change": "Un cambio posterior, al final."}),
         "field 'history' is out of date order"),
        (ARTICLE, lambda m: m.pop("history"), "field 'history' is missing or empty"),
        (ARTICLE, lambda m: m["history"].__setitem__(0, {"date": m["last_reviewed"], "change": "actualizado"}),
         "must say what changed in a few words"),
        (ARTICLE_EN, older_entry, "the dates of its history differ from its twin's"),
        (ARTICLE_EN, lambda m: m.__setitem__("translation_checked", datetime.date(2000, 1, 1)),
         "translation_checked is 2000-01-01, older than the original's last review"),
        (ARTICLE_EN, lambda m: m.pop("translation_checked"), "'translation_checked' is missing"),
        (ARTICLE, lambda m: m.__setitem__("translation_checked", m["last_reviewed"]), "translation_checked belongs in the translated twin only"),
        (ARTICLE_EN, lambda m: m.__setitem__("further_reading", {"first_step": [{"key": "radford2021clip", "note": "CLIP."}]}),
         "further_reading 'first_step' lists"),
        (ARTICLE, lambda m: m.__setitem__("further_reading", {"primer_paso": []}), "field 'further_reading' is"),
    ],
    ids=["review-not-newest", "out-of-order", "no-history", "vague-change", "twin-dates", "stale-translation",
         "undated-translation", "translation-date-in-original", "further-reading-keys-differ", "further-reading-shape"],
)
def test_a_bad_history_or_translation_stops_the_build(project, page, change, message):
    edit_front_matter(project, page, change)
    output = failed_build(project)
    assert page.rsplit("/", 1)[-1] in output
    assert message in output


def test_an_unknown_further_reading_key_stops_the_build(project):
    for page in (ARTICLE, ARTICLE_EN):
        edit_front_matter(project, page, lambda m: m.__setitem__("further_reading", {"deep_dive": [{"key": "nadie2099", "note": "No existe."}]}))
    output = failed_build(project)
    assert "further_reading 'deep_dive': unknown key 'nadie2099'" in output
    assert "01-que-es-multimodalidad" in output


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('viewBox="0 0 400 ', 'viewBox="0 0 560 ',
         "docs/assets/figures/mapa-de-canales.svg: the viewBox is 560 units wide; at most 400 allowed"),
        ('font-size="15"', 'font-size="12"',
         "docs/assets/figures/mapa-de-canales.svg: <text> «secuencia de tokens a sequence of tokens» has font-size 12; at least 13 units allowed"),
    ],
    ids=["too-wide", "small-text"],
)
def test_a_figure_a_phone_cannot_show_whole_stops_the_build(project, old, new, message):
    edit(project, "docs/assets/figures/mapa-de-canales.svg", old, new)
    assert message in failed_build(project)


def test_a_macro_error_is_one_line_with_the_file_and_the_line_of_the_call(project):
    """The line is the file's own (front matter counted), the message says what is allowed,
    and no traceback buries it."""
    path = project / ARTICLE
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if '{{ cite("goh2021multimodal") }}' in line) + 1
    lines[number - 1] = lines[number - 1].replace('cite("goh2021multimodal")', 'cite("goh2021multimodl")')
    path.write_text("\n".join(lines), encoding="utf-8")
    output = failed_build(project)
    assert f"docs/{ARTICLE.removeprefix('docs/')}:{number}: cite: unknown key 'goh2021multimodl' (did you mean goh2021multimodal" in output
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) <= 2, errors
