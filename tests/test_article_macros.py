"""Unit tests of the article kit in macros.py: front matter, words, series, citations,
glossary, math, figures and widgets (no MkDocs build)."""

import datetime
import re

import pytest
import yaml
from mkdocs.exceptions import PluginError

import macros
from conftest import ROOT
from html_tree import parse_html
from test_macros import article, write

TODAY = datetime.date(2026, 11, 26)
VALID = dict(title="T", description="Una descripción.", number=3, type="entrenamiento", level="general",
             status="published", last_reviewed=datetime.date(2026, 1, 15),
             history=[{"date": datetime.date(2026, 1, 15), "change": "Cifras revisadas contra sus fuentes."},
                      {"date": datetime.date(2025, 12, 1), "change": "Primera versión publicada."}])


# Front matter ----------------------------------------------------------------------------


def test_valid_front_matter_passes():
    assert macros.validate_article_meta(dict(VALID), "serie/03-x.es.md", 3, TODAY)["type"] == "entrenamiento"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": None}, "front matter field 'title' is missing; every article needs: title, description, number"),
        ({"description": ""}, "field 'description' is missing"),
        ({"description": "x" * 201}, "field 'description' has 201 characters; at most 200"),
        ({"number": 9}, "field 'number' is 9; allowed: a whole number from 1 to 8"),
        ({"number": "3"}, "field 'number' is '3'; allowed: a whole number"),
        ({"number": 4}, "field 'number' is 4 but the file name says 03"),
        ({"type": "tutorial"}, "field 'type' is 'tutorial'; allowed: arquitectura, entrenamiento, caso-de-uso"),
        ({"level": "experto"}, "field 'level' is 'experto'; allowed: intro, general, intermediate, advanced"),
        ({"status": "review"}, "field 'status' is 'review'; allowed: draft, published"),
        ({"last_reviewed": "ayer"}, "field 'last_reviewed' is 'ayer'; allowed: a date written YYYY-MM-DD"),
        ({"last_reviewed": datetime.date(2027, 1, 1)}, "field 'last_reviewed' is 2027-01-01, after today (2026-11-26)"),
        ({"history": None}, "field 'history' is missing or empty"),
        ({"history": []}, "field 'history' is missing or empty"),
        ({"history": [{"date": datetime.date(2026, 1, 15)}]}, "entry 1 is {'date': datetime.date(2026, 1, 15)}; each entry has exactly 'date' and 'change'"),
        ({"history": [{"date": "enero", "change": "Primera versión publicada."}]}, "entry 1 has date 'enero'"),
        ({"history": [{"date": datetime.date(2026, 1, 15), "change": "cambios"}]}, "must say what changed in a few words"),
        ({"history": [{"date": datetime.date(2026, 1, 10), "change": "Primera versión publicada."}]},
         "starts with 2026-01-10, but last_reviewed is 2026-01-15"),
        ({"history": [{"date": datetime.date(2026, 1, 15), "change": "Cifras revisadas otra vez."}, {"date": datetime.date(2026, 2, 1), "change": "Un cambio más tarde."}]},
         "out of date order (2026-01-15, 2026-02-01); newest first"),
        ({"further_reading": {"lecturas": []}}, "field 'further_reading' is"),
        ({"further_reading": {"first_step": []}}, "'first_step' must be a non-empty list"),
        ({"further_reading": {"deep_dive": [{"key": "radford2021clip"}]}}, "'deep_dive' entry 1"),
        ({"translation_checked": "ayer"}, "field 'translation_checked' is 'ayer'"),
        ({"translation_checked": datetime.date(2027, 1, 1)}, "not after today"),
    ],
)
def test_bad_front_matter_names_the_file_and_the_field(changes, message):
    meta = {**VALID, **changes}
    meta = {k: v for k, v in meta.items() if v is not None}
    with pytest.raises(PluginError) as error:
        macros.validate_article_meta(meta, "serie/03-x.es.md", 3, TODAY)
    assert str(error.value).startswith("serie/03-x.es.md: ")
    assert message in str(error.value)


def test_article_of_recognises_article_files_only():
    assert macros.article_of("multimodalidad-iag/01-que-es.es.md") == ("multimodalidad-iag", 1, "01-que-es")
    assert macros.article_of("multimodalidad-iag/index.es.md") is None
    assert macros.article_of("fundamentos-ia-iag/00_presentacion_serie.es.md") is None
    assert macros.article_of("01-suelto.es.md") is None


# Words and reading time ------------------------------------------------------------------------


def test_prose_leaves_out_code_macros_html_and_urls():
    markdown = (
        "## Título { #titulo }\n\nUna frase [con enlace](https://example.org/a-b \"t\") y `codigo inline`.\n\n"
        "```python\nprint('no cuenta')\n```\n\n"
        "{{ figure(\"x\", alt=\"texto alternativo que no cuenta\", caption=\"tampoco\") }}\n"
        "<div class=\"widget\" data-rates=\"1 2\">dentro</div>\n<!-- comentario -->\n"
        "!!! failure ideas-erroneas \"Ideas\"\n\n    - una idea\n"
    )
    assert macros.WORD.findall(macros.prose(markdown)) == [
        "Título", "Una", "frase", "con", "enlace", "y", "dentro", "Ideas", "una", "idea",
    ]


def test_reading_minutes_uses_the_language_rate():
    words = " ".join(["palabra"] * 900)
    assert macros.reading_minutes(words, "es") == 900 // macros.READING_WPM["es"] or 1
    assert macros.reading_minutes(words, "en") == round(900 / macros.READING_WPM["en"])
    assert macros.reading_minutes("una", "es") == 1


def test_digit_groups_are_bound_outside_code_and_tags():
    source = 'Son 16 000 muestras, `16 000` en código y <div data-rates="16000 500">.\n\n```\n32 000\n```\n'
    assert macros.bind_digit_groups(source) == source.replace("Son 16 000", "Son 16\u202f000")


# Series ------------------------------------------------------------------------------------


LANDING = "---\ntitle: Serie de prueba\n---\n# Serie\n\n1. **Uno**\n\n   * a\n2. **Dos**\n\n   * b\n3. **Tres**\n"


def test_the_lineup_links_published_articles_only():
    linked = macros.link_lineup(LANDING, {1: "01-uno.md", 3: "03-tres.md"})
    assert "1. **[Uno](01-uno.md)**" in linked
    assert "2. **Dos**" in linked
    assert "3. **[Tres](03-tres.md)**" in linked


def test_series_landing_counts_the_planned_articles(tmp_path):
    write(tmp_path / "serie" / "index.es.md", LANDING)
    assert macros.series_landing(tmp_path, "serie", "es") == {"title": "Serie de prueba", "planned": 3, "lineup": {1: "Uno", 2: "Dos", 3: "Tres"}}


def test_series_nav_lists_published_articles_after_the_landing_and_is_idempotent():
    nav = [{"Inicio": "index.md"}, {"Serie": ["serie/index.md", "serie/09-viejo.md"]}, "glosario.md"]
    once = macros.series_nav(nav, {"serie": ["01-uno.md", "03-tres.md"]})
    assert once == [{"Inicio": "index.md"}, {"Serie": ["serie/index.md", "serie/01-uno.md", "serie/03-tres.md"]}, "glosario.md"]
    assert macros.series_nav(once, {"serie": ["01-uno.md", "03-tres.md"]}) == once


def test_article_context_gives_position_neighbours_and_labels(tmp_path):
    series = tmp_path / "serie"
    write(series / "index.en.md", LANDING)
    for number, status in ((1, "published"), (2, "draft"), (3, "published")):
        write(series / f"0{number}-art.en.md", article(status, number, title=f"Art {number}"))
    articles = macros.series_articles(tmp_path, "serie", "en")
    context = macros.article_context(tmp_path, "serie", articles[1], "en", "en/serie/02-art/", 7)
    assert (context["number"], context["planned"], context["minutes"]) == (2, 3, 7)
    assert context["previous"] == {"url": "../01-art/", "number": 1, "title": "Art 1"}
    assert context["next"] == {"url": "../03-art/", "number": 3, "title": "Art 3"}
    assert context["series_url"] == "../"
    assert context["type_label"] == "Architecture explained"
    assert context["reviewed_label"] == "January 15, 2026"
    first = macros.article_context(tmp_path, "serie", articles[0], "en", "en/serie/01-art/", 7)
    assert first["previous"] is None and first["next"]["number"] == 3, "drafts are skipped"


def test_an_article_beyond_the_outline_is_refused(tmp_path):
    write(tmp_path / "serie" / "index.es.md", LANDING)
    write(tmp_path / "serie" / "04-cuatro.es.md", article("published", 4))
    (four,) = macros.series_articles(tmp_path, "serie", "es")
    with pytest.raises(ValueError, match="number 4 is beyond the 3 articles the landing's outline plans"):
        macros.article_context(tmp_path, "serie", four, "es", "serie/04-cuatro/", 1)


def test_long_dates_in_both_languages():
    assert macros.long_date(datetime.date(2026, 3, 5), "es") == "5 de marzo de 2026"
    assert macros.long_date(datetime.date(2026, 3, 5), "en") == "March 5, 2026"


def test_insert_after_title():
    assert macros.insert_after_title("# T { #t }\n\nTexto", "<x></x>") == "# T { #t }\n\n<x></x>\n\nTexto"
    with pytest.raises(ValueError, match="no '# Title' line"):
        macros.insert_after_title("Sin título", "<x></x>")


# Citations -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bibliography():
    return macros.load_bibliography(ROOT / macros.BIBLIOGRAPHY_FILE)


def test_citations_are_numbered_in_citation_order_with_an_id_per_use(bibliography):
    cited, uses = [], {}
    first = macros.cite_markdown(["radford2021clip"], cited, bibliography, uses)
    assert first == ('\\[[1](#ref-radford2021clip "Radford et al. (2021). Learning Transferable Visual Models From Natural '
                     'Language Supervision"){ #cite-radford2021clip-1 }\\]')
    both = macros.cite_markdown(["li2023blip2", "radford2021clip"], cited, bibliography, uses)
    assert both.startswith('\\[[2](#ref-li2023blip2 "Li et al. (2023). BLIP-2')
    assert both.endswith('{ #cite-radford2021clip-2 }\\]')
    assert cited == ["radford2021clip", "li2023blip2"] and uses == {"radford2021clip": 2, "li2023blip2": 1}


def test_an_unknown_key_is_refused_with_the_closest_keys(bibliography):
    with pytest.raises(ValueError, match="cite: unknown key 'nadie2099'; add it to data/bibliography.yaml first"):
        macros.cite_markdown(["nadie2099"], [], bibliography, {})
    with pytest.raises(ValueError, match="did you mean radford2021clip"):
        macros.cite_markdown(["radford2021clp"], [], bibliography, {})


def test_a_key_whose_identifier_is_not_checked_is_refused(bibliography):
    # Every entry of the bibliography is checked now; an unchecked copy of one stands in.
    unchecked = {**bibliography, "rohrbach2018chair": {**bibliography["rohrbach2018chair"], "id_checked": False}}
    with pytest.raises(ValueError, match="key 'rohrbach2018chair' has id_checked: False"):
        macros.cite_markdown(["rohrbach2018chair"], [], unchecked, {})


def test_the_reference_list_follows_citation_order_and_links_back_to_every_use(bibliography):
    uses = {"vaswani2017attention": 1, "rumelhart1986backprop": 2, "radford2021clip": 1}
    html = macros.references_html(["vaswani2017attention", "rumelhart1986backprop", "radford2021clip"], bibliography, uses, "es")
    root = parse_html(html)
    items = list(root.find_all("li"))
    assert [li.attrs["id"] for li in items] == ["ref-vaswani2017attention", "ref-rumelhart1986backprop", "ref-radford2021clip"]
    assert items[0].text == "Vaswani et al. (2017). Attention Is All You Need . NeurIPS 2017. arXiv:1706.03762 ↩"
    assert items[1].find("a", cls="reference-id").attrs["href"] == "https://doi.org/10.1038/323533a0"
    back = [a.attrs["href"] for a in items[1].find_all("a", cls="reference-back")]
    assert back == ["#cite-rumelhart1986backprop-1", "#cite-rumelhart1986backprop-2"]
    assert items[1].find("a", cls="reference-back").attrs["aria-label"] == "Volver a la cita 1"
    assert "ICML" not in items[2].text, "a venue not checked is left out"


def test_a_title_that_ends_with_a_question_mark_gets_no_period():
    entry = {"authors": "A et al.", "year": 2024, "title": "Is it?", "arxiv": "2401.00001"}
    assert "<cite>Is it?</cite> " in str(macros.reference_html(entry))


@pytest.mark.parametrize("field, value, message", [
    ("venue", "NeurIPS 2023 (oral per author page)", "'venue' reads like a checking note ('per author'"),
    ("title", "A title (not verified)", "'title' reads like a checking note"),
    ("arxiv", "arXiv 2103.00020", "arxiv 'arXiv 2103.00020' is not an identifier of that kind"),
    ("url", "www.example.org", "url 'www.example.org' is not an identifier of that kind"),
])
def test_the_bibliography_refuses_notes_and_malformed_identifiers_in_what_readers_see(tmp_path, field, value, message):
    entry = {"key": "x2024", "title": "T", "authors": "A et al.", "year": 2024, "venue": "ICML 2024", "arxiv": "2401.00001", field: value}
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump({"references": [entry]}), encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(message)):
        macros.load_bibliography(path)


def test_references_without_citations_is_an_error(bibliography):
    with pytest.raises(ValueError, match="this page cites nothing"):
        macros.references_html([], bibliography, {}, "es")


def test_every_bibliography_entry_is_well_formed(bibliography):
    assert len(bibliography) >= 85
    for key, entry in bibliography.items():
        if entry.get("arxiv"):
            assert re.fullmatch(r"\d{4}\.\d{4,5}", entry["arxiv"]), key


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{"key": "a", "title": "T", "authors": "A", "year": 2020, "arxiv": "2001.00001"}] * 2, "every entry needs a unique key"),
        ([{"key": "a", "authors": "A", "year": 2020, "arxiv": "2001.00001"}], "field 'title' is missing"),
        ([{"key": "a", "title": "T", "authors": "A", "year": 2020}], "needs an identifier: arxiv, doi, url"),
    ],
)
def test_a_malformed_bibliography_stops_the_build(tmp_path, entries, message):
    path = write(tmp_path / "b.yaml", yaml.safe_dump({"references": entries}))
    with pytest.raises(PluginError, match=re.escape(message)):
        macros.load_bibliography(path)


# Glossary ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossary():
    return macros.load_glossary(ROOT / macros.GLOSSARY_FILE)


def test_a_term_links_at_its_first_use_only(glossary):
    linked = set()
    first = macros.term_markdown("embedding", glossary, "es", linked, "../glosario.md")
    assert first == f'[embedding](../glosario.md#embedding "{glossary["embedding"]["es"]["definition"]}"){{ .glossary-term }}'
    definition = glossary["modalidad"]["es"]["definition"]
    tooltip = macros.term_markdown("modalidad", glossary, "es", set(), "g.md").split('"')[1]
    assert tooltip == definition[: definition.index(".") + 1], "the tooltip is the definition's first sentence"
    assert macros.term_markdown("embedding", glossary, "es", linked, "../glosario.md") == "embedding"
    assert macros.term_markdown("modalidad", glossary, "en", set(), "../glosario.md", text="modalities").startswith("[modalities](")


def test_an_unknown_term_is_refused(glossary):
    with pytest.raises(ValueError, match=r"term: unknown term 'multimodalismo'.*; add it to data/glossary.yaml first"):
        macros.term_markdown("multimodalismo", glossary, "es", set(), "glosario.md")


def test_the_glossary_lists_every_term_in_the_page_language(glossary):
    for locale, other in (("es", "en"), ("en", "es")):
        root = parse_html(macros.glossary_html(glossary, locale))
        terms = [section.find("h2") for section in root.find_all("section", cls="glossary-entry")]
        assert {h2.attrs["id"] for h2 in terms} == set(glossary)
        names = [glossary[h2.attrs["id"]][locale]["term"] for h2 in terms]
        assert names == sorted(names, key=str.casefold)
        assert all(h2.find("span").attrs["lang"] == other for h2 in terms)


def test_the_landing_page_wins_on_terms(glossary):
    """Where the author's landing page names a thing, the Spanish term is its word."""
    landing = (ROOT / "docs" / "multimodalidad-iag" / "index.es.md").read_text(encoding="utf-8").lower()
    for term_id in ("alineacion-cross-modal", "contrastive-learning", "grounding", "guardrails", "backbone", "encoder"):
        assert glossary[term_id]["es"]["term"].lower().rstrip("s") in landing, term_id


@pytest.mark.parametrize(
    "change, message",
    [
        ({"id": "Con Espacios"}, "unique id in lowercase"),
        ({"en": {"term": "x"}}, "'en.definition' is missing"),
        ({"es": {"term": "x", "definition": 'con "comillas"'}}, "may not contain a double quote"),
    ],
)
def test_a_malformed_glossary_stops_the_build(tmp_path, change, message):
    entry = {"id": "ok", "es": {"term": "a", "definition": "b"}, "en": {"term": "a", "definition": "b"}, **change}
    path = write(tmp_path / "g.yaml", yaml.safe_dump({"terms": [entry]}))
    with pytest.raises(PluginError, match=re.escape(message)):
        macros.load_glossary(path)


# Math ---------------------------------------------------------------------------------------


def test_latex_becomes_mathml():
    mathml = macros.latex_to_mathml(r"\frac{a}{b}", "block")
    assert mathml.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')
    assert "<mfrac>" in mathml


@pytest.mark.parametrize("latex, message", [(r"\frac{1}{", "LaTeX error"), (r"\notacommand x", "unknown command \\notacommand"), ("x^", "LaTeX error"), ("  ", "empty formula")])
def test_bad_latex_is_refused(latex, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        macros.latex_to_mathml(latex)


def test_check_math_finds_bad_formulas_in_fences_and_inline_but_not_in_code():
    markdown = "Bien `#!math x^2`, mal `#!math \\frac{1}{`.\n\n```math\n\\sqrt{\n```\n\n```text\n`#!math \\frac{`\n```\n"
    problems = macros.check_math(markdown)
    assert len(problems) == 2
    assert all(p.startswith("LaTeX error") for p in problems)


def test_the_formatters_emit_mathml():
    assert macros.math_fence("x", "math", "math", {}, None).startswith('<div class="math-display"><math')
    assert macros.math_inline("x", "math", "math", None).startswith("<math")


# Figures ----------------------------------------------------------------------------------------

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100">
<defs><marker id="punta"><path d="M0 0"/></marker></defs>
<line x1="0" y1="0" x2="1" y2="1" marker-end="url(#punta)"/>
<text x="8" y="40" font-size="14"><tspan lang="es">Hola</tspan><tspan lang="en">Hello</tspan></text>
</svg>"""
ALT_ES = "Un esquema con una flecha y un saludo escrito en el idioma de la página."


def figure_project(tmp_path, svg=SVG, name="prueba"):
    write(tmp_path / macros.FIGURES_DIR / f"{name}.svg", svg)
    return tmp_path


def test_a_figure_is_localized_named_and_given_its_alt_text(tmp_path):
    svg = macros.figure_svg(figure_project(tmp_path), "prueba", "es", ALT_ES)
    root = parse_html(svg)
    art = root.find("svg")
    assert art.attrs["role"] == "img" and art.attrs["aria-labelledby"] == "prueba-alt"
    assert root.find("title", id="prueba-alt").text == ALT_ES
    assert "Hola" in svg and "Hello" not in svg
    assert 'id="prueba-punta"' in svg and "url(#prueba-punta)" in svg


def test_figure_html_numbers_and_captions(tmp_path):
    html = macros.figure_html(figure_project(tmp_path), "prueba", 2, "en", "A diagram with one arrow and a greeting written in the page language.", "Caption <b>")
    root = parse_html(html)
    assert root.find("figure").attrs["id"] == "fig-prueba"
    assert root.find("figcaption").text == "Figure 2. Caption <b>"
    assert "&lt;b&gt;" in html


@pytest.mark.parametrize(
    "svg, message",
    [
        (SVG.replace("<line", "<script>alert(1)</script><line"), "element <script> is not allowed"),
        (SVG.replace("<line", "<style>*{color:red}</style><line"), "element <style> is not allowed"),
        (SVG.replace("<line", '<foreignObject></foreignObject><line'), "element <foreignObject> is not allowed"),
        (SVG.replace("<line ", '<line onclick="x" '), "attribute onclick='x' on <line> is not allowed"),
        (SVG.replace("<line ", '<line style="fill:red" '), "attribute style="),
        (SVG.replace("<line ", '<use href="https://evil.example/x.svg#a"/><line '), "attribute href="),
        (SVG.replace('<tspan lang="en">Hello</tspan>', ""), "every text needs both languages"),
        (SVG.replace('viewBox="0 0 400 100"', ""), "root must be an <svg> with a viewBox"),
    ],
)
def test_unsafe_or_half_translated_figures_are_refused(tmp_path, svg, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        macros.figure_svg(figure_project(tmp_path, svg), "prueba", "es", ALT_ES)


TEXT = '<text x="8" y="40" font-size="14">'


@pytest.mark.parametrize(
    "svg, message",
    [
        (SVG.replace('viewBox="0 0 400 100"', 'viewBox="0 0 560 100"'),
         "docs/assets/figures/prueba.svg: the viewBox is 560 units wide; at most 400 allowed"),
        (SVG.replace(TEXT, '<text x="8" y="40" font-size="12">'),
         "docs/assets/figures/prueba.svg: <text> «Hola Hello» has font-size 12; at least 13 units allowed"),
        (SVG.replace(TEXT, '<g font-size="11"><text x="8" y="40">').replace("</text>", "</text></g>"),
         "<text> «Hola Hello» has font-size 11; at least 13 units allowed"),
        (SVG.replace('<tspan lang="en">', '<tspan lang="en" font-size="12.5">'),
         "<tspan> «Hello» has font-size 12.5; at least 13 units allowed"),
        (SVG.replace(TEXT, '<text x="8" y="40">'),
         "<text> «Hola Hello» has no font-size (on it or on an enclosing <g>); give it one of at least 13 units"),
        (SVG.replace('font-size="14"', 'font-size="0.8em"'), "font-size='0.8em' on <text> is not allowed"),
    ],
    ids=["too-wide", "small-text", "small-inherited", "small-tspan", "no-font-size", "relative-unit"],
)
def test_a_figure_a_phone_cannot_show_whole_is_refused(tmp_path, svg, message):
    """The phone rule, checked when the page is built: 400 units wide at most, text of 13 units or more."""
    assert (macros.FIGURE_MAX_WIDTH, macros.FIGURE_MIN_FONT) == (400, 13)
    with pytest.raises(ValueError, match=re.escape(message)):
        macros.figure_svg(figure_project(tmp_path, svg), "prueba", "es", ALT_ES)


def test_the_phone_rule_takes_a_size_from_an_enclosing_group_and_accepts_the_limits(tmp_path):
    svg = SVG.replace(TEXT, '<g font-size="13px"><text x="8" y="40">').replace("</text>", "</text></g>")
    assert "Hola" in macros.figure_svg(figure_project(tmp_path, svg), "prueba", "es", ALT_ES)


def test_a_missing_figure_lists_the_available_ones(tmp_path):
    with pytest.raises(ValueError, match="figure 'otra': no file docs/assets/figures/otra.svg; available: prueba"):
        macros.figure_svg(figure_project(tmp_path), "otra", "es", ALT_ES)


@pytest.mark.parametrize("alt", [None, "", "figura.svg", "Una imagen", "Un esquema con una flecha y un saludo sin punto final"])
def test_alt_text_must_be_a_full_sentence(tmp_path, alt):
    with pytest.raises(ValueError, match="alt"):
        macros.figure_html(figure_project(tmp_path), "prueba", 1, "es", alt, "Pie.")


def test_a_caption_is_required(tmp_path):
    with pytest.raises(ValueError, match="caption must be a non-empty text"):
        macros.figure_html(figure_project(tmp_path), "prueba", 1, "es", ALT_ES, None)


def test_every_real_figure_renders_in_both_languages():
    for path in sorted((ROOT / macros.FIGURES_DIR).glob("*.svg")):
        for locale in macros.LOCALES:
            svg = macros.figure_svg(ROOT, path.stem, locale, ALT_ES)
            other = "en" if locale == "es" else "es"
            assert f'lang="{other}"' not in svg


# Widgets ------------------------------------------------------------------------------------------


def test_a_widget_script_is_linked_relative_to_the_page():
    html = macros.widget_script(ROOT, "ritmo-de-canales", "en/multimodalidad-iag/01-que-es-multimodalidad/")
    assert html == '<script type="module" src="../../../assets/javascripts/widgets/ritmo-de-canales.js"></script>'


def test_a_missing_widget_is_refused():
    with pytest.raises(ValueError, match=r"widget 'nada': no file docs/assets/javascripts/widgets/nada.js; available: .*ritmo-de-canales"):
        macros.widget_script(ROOT, "nada", "x/")


# Publication parts: history, citation, licence, translation, feed ---------------------------------


def test_months_later_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert macros.months_later(datetime.date(2026, 12, 1), 6) == datetime.date(2027, 6, 1)
    assert macros.months_later(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert macros.month_and_year(datetime.date(2027, 6, 1), "es") == "junio de 2027"
    assert macros.long_date(datetime.date(2026, 12, 1), "en") == "December 1, 2026"


def test_bibtex_escapes_what_latex_would_read_as_commands():
    assert macros.bibtex_text("50 % & {x} #1 a_b") == r"50 \% \& \{x\} \#1 a\_b"
    entry = macros.bibtex_entry("k", [("author", "Serie A & B"), ("title", "T")])
    assert entry == "@online{k,\n  author = {{Serie A \\& B}},\n  title  = {T},\n}"


def twin_meta(**changes):
    meta = macros.validate_article_meta({**VALID, **changes}, "s/03-x.es.md", 3, TODAY)
    return meta


def test_twins_must_share_history_dates_and_further_reading_and_date_the_translation():
    es = twin_meta()
    en_raw = {**VALID, "translation_checked": datetime.date(2026, 1, 20)}
    assert macros.twin_problems(es, "es", en_raw) == []
    en = twin_meta(translation_checked=datetime.date(2026, 1, 20))
    assert macros.twin_problems(en, "en", dict(VALID)) == []
    late = {**VALID, "history": VALID["history"][:1]}
    assert "dates of its history differ" in macros.twin_problems(es, "es", late)[0]
    reading = {"first_step": [{"key": "radford2021clip", "note": "CLIP."}]}
    assert "further_reading 'first_step' lists [] but its twin lists ['radford2021clip']" in macros.twin_problems(es, "es", {**en_raw, "further_reading": reading})[0]
    stale = twin_meta(translation_checked=datetime.date(2026, 1, 1))
    assert "older than the original's last review (2026-01-15)" in macros.twin_problems(stale, "en", dict(VALID))[0]
    assert "'translation_checked' is missing" in macros.twin_problems(es, "en", dict(VALID))[0]
    assert "belongs in the translated twin only" in macros.twin_problems(stale, "es", en_raw)[0]


SERIES = {"title": "Multimodalidad en IA generativa", "dir": "multimodalidad-iag", "planned": 8}
SITE = {"url": "https://example.org/serie/", "author": "Multimodalidad en IA generativa", "page_url": "multimodalidad-iag/03-x/"}
BIBLIOGRAPHY = {"radford2021clip": {"key": "radford2021clip", "title": "Learning Transferable Visual Models", "authors": "Radford et al.",
                                    "year": 2021, "arxiv": "2103.00020", "id_checked": True}}


def test_the_citation_is_made_from_the_front_matter_and_the_site():
    article = {**twin_meta(title="Alineación: «pares» & más"), "source": "s/03-x.es.md"}
    parts = macros.article_parts(article, "es", SERIES, SITE, BIBLIOGRAPHY, ["a3-matriz"])
    reference = str(parts["reference"])
    assert reference.startswith("Multimodalidad en IA generativa (2025). «Alineación: «pares» &amp; más». <em>Multimodalidad en IA generativa</em>, artículo 3 de 8.")
    assert "Última revisión: 15 de enero de 2026." in reference and 'href="https://example.org/serie/multimodalidad-iag/03-x/"' in reference
    bibtex = " ".join(parts["bibtex"].split())
    assert "date = {2025-12-01}" in bibtex and r"title = {Alineación: «pares» \& más}" in bibtex
    assert parts["bibtex"].startswith("@online{multimodalidad-iag-03,")
    assert "https://example.org/serie/multimodalidad-iag/03-x/#fig-a3-matriz" in parts["figure_credit"]
    assert [e["iso"] for e in parts["history"]] == ["2026-01-15", "2025-12-01"]
    assert "julio de 2026" in parts["cadence"]
    assert parts["translation"] is None and parts["further"] == []


def test_the_english_citation_names_the_spanish_original():
    article = {**twin_meta(translation_checked=datetime.date(2026, 1, 20)), "source": "s/03-x.en.md",
               "original": {"title": "Original", "url": "https://example.org/serie/multimodalidad-iag/03-x/", "relative_url": "../../../x/"}}
    parts = macros.article_parts(article, "en", SERIES, {**SITE, "page_url": "en/multimodalidad-iag/03-x/"}, BIBLIOGRAPHY, [])
    assert "English translation of <span lang=\"es\">«Original»</span>" in str(parts["reference"])
    assert "origtitle    = {Original}" in parts["bibtex"] and parts["bibtex"].startswith("@online{multimodalidad-iag-03-en,")
    assert 'href="../../../x/"' in str(parts["translation"]) and "January 20, 2026" in str(parts["translation"])
    assert parts["figure_credit"] == ""


def test_further_reading_needs_known_keys():
    reading = {"first_step": [{"key": "radford2021clip", "note": "El artículo de CLIP."}]}
    article = {**twin_meta(further_reading=reading), "source": "s/03-x.es.md"}
    parts = macros.article_parts(article, "es", SERIES, SITE, BIBLIOGRAPHY, [])
    assert parts["further"][0]["title"] == "Un primer paso" and parts["further"][0]["items"][0]["note"] == "El artículo de CLIP."
    bad = {**twin_meta(further_reading={"deep_dive": [{"key": "nadie2099", "note": "No existe."}]}), "source": "s/03-x.es.md"}
    with pytest.raises(ValueError, match="s/03-x.es.md: further_reading 'deep_dive': unknown key 'nadie2099'"):
        macros.article_parts(bad, "es", SERIES, SITE, BIBLIOGRAPHY, [])


def test_the_atom_feed_lists_entries_in_the_order_given_with_their_own_dates():
    entries = [{"title": "Dos", "summary": "S2", "url": "https://e.org/2/", "published": datetime.date(2026, 2, 1),
                "updated": datetime.date(2026, 3, 1), "number": 2},
               {"title": "Uno", "summary": "S1", "url": "https://e.org/1/", "published": datetime.date(2026, 1, 1),
                "updated": datetime.date(2026, 1, 1), "number": 1}]
    site = {"url": "https://e.org/", "name": "Serie", "description": "D", "author": "A", "rights": "CC BY 4.0"}
    xml = macros.atom_feed(entries, "es", site)
    root = macros.ET.fromstring(xml)
    ns = {"a": macros.ATOM_NS}
    assert [t.text for t in root.findall("a:entry/a:title", ns)] == ["Dos", "Uno"]
    assert root.find("a:updated", ns).text == "2026-03-01T00:00:00Z"
    assert root.find("a:link[@rel='self']", ns).get("href") == "https://e.org/feed.xml"
    assert xml == macros.atom_feed(entries, "es", site), "the same input gives the same bytes"
