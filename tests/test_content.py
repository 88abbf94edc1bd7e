"""Content rules for every article, read from the Markdown sources (no build).

What the series promises its readers, checked for each article and its twin:
the same structure in both languages, the length and sources of a finished
article, the parts every article has, code that runs, and spelling.
"""

import re
import subprocess
import sys

import pytest
from mkdocs.utils.meta import get_data

import macros
from conftest import ROOT

DOCS = ROOT / "docs"
SPELLING = ROOT / "tests" / "spelling"
DICTIONARIES = {"es": "es_ES", "en": "en_US"}
ARTICLES = sorted(
    f"{p.parent.name}/{p.name[:-len('.es.md')]}"
    for p in DOCS.glob("*/*.es.md")
    if macros.article_of(f"{p.parent.name}/{p.name}")
)
# Pages whose prose is spell-checked besides the articles. The series landing is
# the author's text, kept verbatim, so it is not corrected here.
OTHER_PAGES = ["index", "glosario", "fundamentos-ia-iag/00_presentacion_serie"]
# The rubric's bands (content bar R1): Spanish words by article type, and the
# English twin's share of them (English runs shorter than Spanish).
WORDS_ES = {"arquitectura": (2500, 4000), "entrenamiento": (2500, 4000), "caso-de-uso": (2000, 3500)}
WORDS_RATIO_EN_ES = (0.78, 0.95)
MIN_SOURCES = 6
SELF_CHECK_QUESTIONS = (3, 5)
TLDR_MAX_WORDS = 120


def source(page: str, locale: str):
    """(markdown, front matter) of a page in one language."""
    return get_data((DOCS / f"{page}.{locale}.md").read_text(encoding="utf-8"))


def outside_fences(markdown: str) -> str:
    return macros.FENCED_BLOCK.sub("", markdown)


def headings(markdown: str) -> list[tuple[int, str, str | None]]:
    """(level, text, explicit id) of every heading outside code."""
    found = []
    for match in re.finditer(r"^(#{1,6}) (.+?)\s*$", outside_fences(markdown), re.M):
        explicit = re.search(r"\{\s*#([\w-]+)\s*\}$", match[2])
        found.append((len(match[1]), match[2], explicit[1] if explicit else None))
    return found


def section(markdown: str, heading_id: str) -> str:
    """The Markdown of the H2 section with this id, up to the next H2."""
    match = re.search(rf"^## .*\{{ *#{heading_id} *\}}\s*$(?P<body>.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return match["body"] if match else ""


def block(markdown: str, marker: str) -> list[str]:
    """The bodies of the admonitions or details blocks opened by `marker` (e.g. '!!! failure ideas-erroneas')."""
    bodies = []
    for match in re.finditer(rf"^{re.escape(marker)}\b[^\n]*\n(?P<body>(?:\n|    [^\n]*\n?)*)", markdown, re.M):
        bodies.append(match["body"])
    return bodies


def figures(markdown: str) -> list[str]:
    return re.findall(r"\{\{\s*figure\(\s*\"([^\"]+)\"", markdown)


def cited(markdown: str) -> list[str]:
    keys = []
    for call in re.findall(r"\{\{\s*cite\(([^)]*)\)\s*\}\}", markdown):
        for key in re.findall(r"\"([^\"]+)\"", call):
            if key not in keys:
                keys.append(key)
    return keys


def figure_texts(markdown: str) -> list[str]:
    return re.findall(r"(?:alt|caption)=\"([^\"]*)\"", markdown)


@pytest.fixture(params=ARTICLES, ids=str)
def twins(request):
    return {locale: source(request.param, locale) for locale in macros.LOCALES}


ALL_PAGES = sorted(str(p.relative_to(DOCS))[: -len(".es.md")] for p in DOCS.rglob("*.es.md"))


@pytest.mark.parametrize("page", ALL_PAGES, ids=str)
@pytest.mark.parametrize("locale", macros.LOCALES)
def test_every_page_has_a_title_and_a_description(page, locale):
    """A front matter YAML cannot parse (a stray ': ') is silently shown as text by MkDocs."""
    text = (DOCS / f"{page}.{locale}.md").read_text(encoding="utf-8")
    markdown, meta = get_data(text)
    assert text.startswith("---\n") and not markdown.startswith("---")
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    assert isinstance(meta.get("description"), str) and 20 <= len(meta["description"]) <= macros.DESCRIPTION_MAX


def test_there_are_articles():
    assert ARTICLES, "no article found under docs/<series>/NN-slug.es.md"


def test_every_heading_has_an_explicit_id_and_both_twins_share_them(twins):
    for locale, (markdown, _) in twins.items():
        missing = [text for level, text, anchor in headings(markdown) if anchor is None]
        assert not missing, f"{locale}: headings without {{ #id }}: {missing}"
    es, en = ([(level, anchor) for level, _, anchor in headings(twins[x][0])] for x in ("es", "en"))
    assert es == en


def test_both_twins_show_the_same_figures_and_cite_the_same_works(twins):
    assert figures(twins["es"][0]) == figures(twins["en"][0])
    assert cited(twins["es"][0]) == cited(twins["en"][0])


def test_the_english_twin_is_about_as_long(twins):
    es, en = (macros.count_words(twins[x][0]) for x in ("es", "en"))
    low, high = WORDS_RATIO_EN_ES
    assert low <= en / es <= high, f"EN/ES words {en}/{es} = {en / es:.2f}, expected {low}-{high}"


def test_a_published_article_is_complete_in_length_and_sources(twins):
    """A draft may be short (it is listed nowhere); a published article may not."""
    markdown, meta = twins["es"]
    words, sources = macros.count_words(markdown), len(cited(markdown))
    low, high = WORDS_ES[meta["type"]]
    complete = low <= words <= high and sources >= MIN_SOURCES
    assert complete or meta["status"] == "draft", (
        f"published with {words} Spanish words (expected {low}-{high} for {meta['type']}) and {sources} sources (at least {MIN_SOURCES})"
    )


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_the_parts_every_article_has(twins, locale):
    markdown, _ = twins[locale]
    (tldr,) = block(markdown, "!!! abstract resumen")
    assert len(macros.WORD.findall(macros.prose(tldr))) <= TLDR_MAX_WORDS
    assert re.search(r"^\*\*(Aprenderás|You will learn)\*\*", markdown, re.M)
    assert re.search(r"^\*\*(Requisitos previos|Prerequisites):\*\* .*\]\(", markdown, re.M)

    failures = re.findall(r"^- (.*(?:\n  .*)*)", section(markdown, "donde-falla"), re.M)
    assert len(failures) >= 3, "a 'where it fails' section with three failure modes or more"
    assert all("cite(" in item for item in failures), "each failure mode cites its example"

    (misconceptions,) = block(markdown, "!!! failure ideas-erroneas")
    assert len(re.findall(r"^    - ", misconceptions, re.M)) >= 3

    questions = block(section(markdown, "autoevaluacion"), "??? question")
    assert SELF_CHECK_QUESTIONS[0] <= len(questions) <= SELF_CHECK_QUESTIONS[1]
    assert all(answer.strip() for answer in questions), "every question has its answer"

    assert "{{ references() }}" in section(markdown, "referencias")


def test_no_macro_syntax_hides_in_code(twins):
    for locale, (markdown, _) in twins.items():
        for match in macros.FENCED_BLOCK.finditer(markdown):
            assert not re.search(r"\{\{|\{%(?!\s*(?:raw|endraw))", match["body"]), f"{locale}: wrap {{{{ }}}} in code with {{% raw %}}"


def python_examples(markdown: str):
    """Each python block with the output block that follows it, if any."""
    blocks = list(macros.FENCED_BLOCK.finditer(markdown))
    for here, after in zip(blocks, blocks[1:] + [None]):
        if here["info"].strip() != "python":
            continue
        between = markdown[here.end():after.start()] if after else ""
        expected = after["body"] if after and after["info"].strip() == "output" and not between.strip() else None
        yield here["body"], expected


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_python_examples_run_and_print_what_the_article_says(twins, locale):
    for code, expected in python_examples(twins[locale][0]):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        if expected is not None:
            assert result.stdout.strip() == expected.strip()


def misspelled(text: str, locale: str) -> list[str]:
    # One sentence per line: hunspell reads long lines in pieces and would cut words.
    text = re.sub(r"(?<=[.!?;:])\s+", "\n", text)
    result = subprocess.run(
        ["hunspell", "-i", "utf-8", "-d", DICTIONARIES[locale], "-p", str(SPELLING / f"{locale}.txt"), "-l"],
        input=text, capture_output=True, text=True, check=True,
    )
    return sorted({word for word in result.stdout.split() if len(word) > 1 and not word.isdigit()})


def page_text(page: str, locale: str) -> str:
    markdown, meta = source(page, locale)
    return "\n".join([meta.get("title", ""), meta.get("description", ""), macros.prose(markdown), *figure_texts(markdown)])


@pytest.mark.parametrize("page", ARTICLES + OTHER_PAGES, ids=str)
@pytest.mark.parametrize("locale", macros.LOCALES)
def test_spelling(page, locale):
    assert misspelled(page_text(page, locale), locale) == []


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_glossary_spelling(locale):
    glossary = macros.load_glossary(ROOT / macros.GLOSSARY_FILE)
    text = "\n".join(f"{entry[locale]['term']} {entry[locale]['definition']}" for entry in glossary.values())
    assert misspelled(text, locale) == []


def test_the_spelling_check_catches_a_typo():
    assert misspelled("La alineacion de los canales.", "es") == ["alineacion"]
    assert misspelled("The aligment of channels.", "en") == ["aligment"]
