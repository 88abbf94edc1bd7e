"""Build-time macros for the series site.

mkdocs-macros loads this single file (so `mkdocs serve` reloads it on every
edit). Pure, tested functions first; the thin MkDocs wiring (`define_env` and
the page hooks) at the end. Every function raises on bad input: with
`on_error_fail: true` a raised error stops the build, and mkdocs-macros prints
the page's file next to the message, which names the argument and what is
allowed. Hooks raise PluginError with the file in the message.
"""

import calendar
import copy
import datetime
import difflib
import functools
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import nh3
import pathspec
import yaml
from latex2mathml.converter import convert as latex_to_mathml_unchecked
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

SNIPPETS_DIR = "snippets"
DOCS_DIR = "docs"
BIBLIOGRAPHY_FILE = "data/bibliography.yaml"
GLOSSARY_FILE = "data/glossary.yaml"
FIGURES_DIR = "docs/assets/figures"
WIDGETS_DIR = "docs/assets/javascripts/widgets"
GLOSSARY_PAGE = "glosario.md"
LOCALES = ("es", "en")
DEFAULT_LOCALE = "es"

SERIES_STATES = ("planned", "construction", "complete", "paused")
SERIES_LEVELS = ("intro", "general", "intermediate", "advanced")
BOOLEAN_WORDS = ("true", "false")

# An article file: two-digit number (01-99), a kebab-case slug, a locale.
# 00 is the series presentation page, not an article.
ARTICLE_FILE = re.compile(r"^(?P<number>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<locale>[a-z]{2})\.md$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Article front matter: the three types of the landing page, the shared levels.
ARTICLE_FIELDS = ("title", "description", "number", "type", "level", "status", "last_reviewed")
ARTICLE_TYPES = {
    "arquitectura": {"es": "Arquitectura explicada", "en": "Architecture explained"},
    "entrenamiento": {"es": "Entrenamiento explicado", "en": "Training explained"},
    "caso-de-uso": {"es": "Caso de uso + riesgos", "en": "Use case + risks"},
}
LEVEL_LABELS = {
    "intro": {"es": "Introductorio", "en": "Introductory"},
    "general": {"es": "General", "en": "General"},
    "intermediate": {"es": "Intermedio", "en": "Intermediate"},
    "advanced": {"es": "Avanzado", "en": "Advanced"},
}
ARTICLE_STATUSES = ("draft", "published")
ARTICLE_NUMBERS = range(1, 9)
DESCRIPTION_MAX = 200  # search engines cut meta descriptions around here

# Reading rates in words per minute, per page language. Below the usual figures
# for plain prose because these articles carry formulas, figures and numbers
# to check; English text of the same content has fewer words, so it gets the
# higher rate and both twins show about the same time.
READING_WPM = {"es": 180, "en": 200}

MONTHS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

# extra_rows is HTML by design: rows shaped like the card's own rows, with links.
EXTRA_ROWS_TAGS = frozenset({"a", "abbr", "div", "em", "span", "strong", "time"})
EXTRA_ROWS_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "time": {"datetime"},
}
EXTRA_ROWS_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Inline SVG figures are our own files, but still checked: only drawing
# elements, no script, no event handler, no reference out of the figure, and
# no <style> (an inline SVG's style sheet would restyle the whole page).
SVG_NS = "http://www.w3.org/2000/svg"
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "defs", "marker", "title", "desc", "use", "symbol", "linearGradient", "radialGradient", "stop", "clipPath",
})
# The phone rule: a figure is read whole on a 360-px phone, where its frame is
# 328 px wide. Drawn at most FIGURE_MAX_WIDTH units wide, one unit is at least
# 0.82 px there, so text of FIGURE_MIN_FONT units is at least 10.7 px tall.
FIGURE_MAX_WIDTH = 400
FIGURE_MIN_FONT = 13

# UI strings, per page language. Kept here, not in `extra:`, because i18n
# reconfigures `extra` after macros has read it (the English build would see
# the Spanish values).
LABELS = {
    "es": {
        "card": "Ficha de la serie",
        "state": "Estado",
        "level": "Nivel",
        "read": "Lectura",
        "minutes": "{n} min",
        "articles": "Artículos",
        "published": ("{n} publicado", "{n} publicados"),
        "permalink": "Enlace permanente",
        "article_card": "Ficha del artículo",
        "series": "Serie",
        "article": "Artículo",
        "article_of": "{n} de {total}",
        "type": "Tipo",
        "reviewed": "Última revisión",
        "draft": "Borrador: no publicado",
        "pager": "Artículos de la serie",
        "previous": "Anterior",
        "next": "Siguiente",
        "series_index": "Presentación de la serie",
        "upcoming": "Próximamente",
        "back_to_citation": "Volver a la cita {n}",
        "figure": "Figura {n}.",
        "avoid": "Evitar",
        "other_language": "en inglés",
        "further": "Para seguir leyendo",
        "first_step": "Un primer paso",
        "deep_dive": "A fondo",
        "cite": "Cómo citar",
        "cite_intro": "Cita este artículo así:",
        "bibtex": "En BibTeX:",
        "copy_reference": "Copiar la referencia",
        "copy_bibtex": "Copiar el BibTeX",
        "copied": "Copiado.",
        "article_in_series": "{series}, artículo {n} de {total}",
        "reviewed_on": "Última revisión: {date}",
        "license": ('Texto y figuras: <a rel="license" href="https://creativecommons.org/licenses/by/4.0/deed.es">CC BY 4.0</a>. '
                    "Puedes copiarlos, adaptarlos y traducirlos si citas la fuente. "
                    'Fragmentos de código: <a rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/deed.es">CC0 1.0</a>, '
                    "sin ninguna condición."),
        "figure_credit": "Para reutilizar una figura, cítala con su número, el artículo, la serie, la licencia y su enlace: {example}",
        "figure_example": "«Figura {n}, {title}, {series}, CC BY 4.0, {url}».",
        "credit": "CC BY 4.0 · cómo citarla",
        "history": "Historial",
        "cadence": "Revisamos cada artículo de la serie cada seis meses: comprobamos sus cifras contra las fuentes y anotamos aquí lo que cambia. La próxima revisión de este artículo está prevista para {month}.",
        "langid": "spanish",
        "feed_rights": "Texto y figuras: CC BY 4.0. Fragmentos de código: CC0 1.0.",
        "feed": "Suscríbete a la serie (Atom)",
    },
    "en": {
        "card": "Series facts",
        "state": "Status",
        "level": "Level",
        "read": "Reading time",
        "minutes": "{n} min",
        "articles": "Articles",
        "published": ("{n} published", "{n} published"),
        "permalink": "Permanent link",
        "article_card": "Article facts",
        "series": "Series",
        "article": "Article",
        "article_of": "{n} of {total}",
        "type": "Type",
        "reviewed": "Last reviewed",
        "draft": "Draft: not published",
        "pager": "Articles in the series",
        "previous": "Previous",
        "next": "Next",
        "series_index": "Series overview",
        "upcoming": "Coming next",
        "back_to_citation": "Back to citation {n}",
        "figure": "Figure {n}.",
        "avoid": "Avoid",
        "other_language": "in Spanish",
        "further": "Further reading",
        "first_step": "A first step",
        "deep_dive": "A deep dive",
        "cite": "How to cite",
        "cite_intro": "Cite this article as:",
        "bibtex": "In BibTeX:",
        "copy_reference": "Copy the reference",
        "copy_bibtex": "Copy the BibTeX",
        "copied": "Copied.",
        "article_in_series": "{series}, article {n} of {total}",
        "reviewed_on": "Last reviewed {date}",
        "license": ('Text and figures: <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. '
                    "You may copy, adapt and translate them if you credit the source. "
                    'Code snippets: <a rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</a>, '
                    "with no conditions."),
        "figure_credit": "To reuse a figure, credit it with its number, the article, the series, the license and its link: {example}",
        "figure_example": "“Figure {n}, {title}, {series}, CC BY 4.0, {url}.”",
        "credit": "CC BY 4.0 · how to credit it",
        "history": "History",
        "cadence": "Every article in the series is reviewed every six months: its numbers are checked against the sources and what changes is recorded here. The next review of this article is due in {month}.",
        "translated": "Translated from the Spanish original, {link}. Translation last checked {date}.",
        "translation_of": "English translation of {title}, {url}",
        "langid": "english",
        "feed_rights": "Text and figures: CC BY 4.0. Code snippets: CC0 1.0.",
        "feed": "Subscribe to the series (Atom)",
    },
}


def did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _one_of(name: str, value, allowed) -> str:
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not allowed; allowed: {', '.join(allowed)}")
    return value


def _text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty text, got {value!r}")
    return value.strip()


def _slug(name: str, value) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"{name}={value!r} must be a name in lowercase letters, digits and hyphens")
    return value


def locale_prefix(locale: str) -> str:
    """The URL folder of a language: '' for the default one, 'en/' for English."""
    return "" if locale == DEFAULT_LOCALE else f"{locale}/"


def long_date(date: datetime.date, locale: str) -> str:
    month = MONTHS[locale][date.month - 1]
    return f"{date.day} de {month} de {date.year}" if locale == "es" else f"{month} {date.day}, {date.year}"


def month_and_year(date: datetime.date, locale: str) -> str:
    month = MONTHS[locale][date.month - 1]
    return f"{month} de {date.year}" if locale == "es" else f"{month} {date.year}"


def months_later(date: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    year, month = divmod(date.month - 1 + months, 12)
    year, month = date.year + year, month + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


# -----------------------------------------------------------------------------
# Pages, languages and series folders
# -----------------------------------------------------------------------------


def page_locale(page, conf) -> str:
    """The language of the page being rendered, read at call time.

    The i18n plugin sets `file.locale`; the theme language is the fallback for
    pages it did not touch. Never cache this: the same process builds both
    languages.
    """
    locale = getattr(getattr(page, "file", None), "locale", None) or conf["theme"]["language"]
    if locale not in LOCALES:
        raise ValueError(f"page language {locale!r} is not one of the site's languages: {', '.join(LOCALES)}")
    return locale


def missing_twins(docs_dir: Path) -> list[str]:
    """Pages that lack their other-language twin, or carry no language suffix."""
    problems = []
    for page in sorted(Path(docs_dir).rglob("*.md")):
        relative = page.relative_to(docs_dir).as_posix()
        parts = page.name.split(".")
        if len(parts) < 3 or parts[-2] not in LOCALES:
            problems.append(f"{relative}: name it <page>.{'.md or <page>.'.join(LOCALES)}.md")
            continue
        for other in LOCALES:
            twin = page.with_name(".".join(parts[:-2] + [other, "md"]))
            if not twin.exists():
                problems.append(f"{relative}: missing its twin {twin.relative_to(docs_dir).as_posix()}")
    return problems


def series_folders(docs_dir: Path) -> list[str]:
    return sorted(p.name for p in Path(docs_dir).iterdir() if p.is_dir() and SLUG.match(p.name))


def article_of(src_uri: str):
    """(series_dir, number, stem) when `src_uri` is an article, else None."""
    parts = src_uri.split("/")
    match = ARTICLE_FILE.match(parts[-1]) if len(parts) == 2 else None
    if not match or int(match["number"]) < 1:
        return None
    return parts[0], int(match["number"]), f"{match['number']}-{match['slug']}"


def validate_article_meta(meta: dict, source: str, number_in_name: int, today: datetime.date) -> dict:
    """Check an article's front matter; the error names the file and the field."""

    def fail(field, problem):
        raise PluginError(f"{source}: front matter field '{field}' {problem}")

    for field in ARTICLE_FIELDS:
        if field not in meta or meta[field] in (None, ""):
            fail(field, f"is missing; every article needs: {', '.join(ARTICLE_FIELDS)}")
    for field in ("title", "description"):
        if not isinstance(meta[field], str) or not meta[field].strip():
            fail(field, "must be a non-empty text")
    if len(meta["description"]) > DESCRIPTION_MAX:
        fail("description", f"has {len(meta['description'])} characters; at most {DESCRIPTION_MAX}")
    number = meta["number"]
    if isinstance(number, bool) or not isinstance(number, int) or number not in ARTICLE_NUMBERS:
        fail("number", f"is {number!r}; allowed: a whole number from {ARTICLE_NUMBERS.start} to {ARTICLE_NUMBERS.stop - 1}")
    if number != number_in_name:
        fail("number", f"is {number} but the file name says {number_in_name:02d}")
    if meta["type"] not in ARTICLE_TYPES:
        fail("type", f"is {meta['type']!r}; allowed: {', '.join(ARTICLE_TYPES)}")
    if meta["level"] not in LEVEL_LABELS:
        fail("level", f"is {meta['level']!r}; allowed: {', '.join(LEVEL_LABELS)}")
    if meta["status"] not in ARTICLE_STATUSES:
        fail("status", f"is {meta['status']!r}; allowed: {', '.join(ARTICLE_STATUSES)}")
    reviewed = meta["last_reviewed"]
    if not _is_date(reviewed):
        fail("last_reviewed", f"is {reviewed!r}; allowed: a date written YYYY-MM-DD")
    if reviewed > today:
        fail("last_reviewed", f"is {reviewed}, after today ({today})")
    history = validate_history(meta.get("history"), fail, reviewed)
    further = validate_further_reading(meta.get("further_reading"), fail)
    checked = meta.get("translation_checked")
    if checked is not None and (not _is_date(checked) or checked > today):
        fail("translation_checked", f"is {checked!r}; allowed: a date written YYYY-MM-DD, not after today ({today})")
    return {**{field: meta[field] for field in ARTICLE_FIELDS}, "history": history, "further_reading": further,
            "translation_checked": checked}


def _is_date(value) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def validate_history(history, fail, reviewed: datetime.date) -> list[dict]:
    """The article's dated changes, newest first; the newest is the last review."""
    shape = "a list of entries '- date: YYYY-MM-DD' with 'change: what changed', newest first"
    if not isinstance(history, list) or not history:
        fail("history", f"is missing or empty; it must be {shape}")
    entries = []
    for index, entry in enumerate(history, 1):
        if not isinstance(entry, dict) or set(entry) != {"date", "change"}:
            fail("history", f"entry {index} is {entry!r}; each entry has exactly 'date' and 'change'")
        if not _is_date(entry["date"]):
            fail("history", f"entry {index} has date {entry['date']!r}; allowed: a date written YYYY-MM-DD")
        if not isinstance(entry["change"], str) or len(WORD.findall(entry["change"])) < 3:
            fail("history", f"entry {index} ({entry['date']}) must say what changed in a few words, not {entry['change']!r}")
        entries.append({"date": entry["date"], "change": entry["change"].strip()})
    dates = [entry["date"] for entry in entries]
    if dates != sorted(dates, reverse=True):
        fail("history", f"is out of date order ({', '.join(map(str, dates))}); newest first")
    if dates[0] != reviewed:
        fail("history", f"starts with {dates[0]}, but last_reviewed is {reviewed}; the newest entry is the last review")
    return entries


FURTHER_READING_LEVELS = ("first_step", "deep_dive")


def validate_further_reading(further, fail) -> dict:
    """Optional: readings at two levels, each a bibliography key with a note (keys checked per page)."""
    if further is None:
        return {}
    if not isinstance(further, dict) or not further or set(further) - set(FURTHER_READING_LEVELS):
        fail("further_reading", f"is {further!r}; allowed: a mapping with {' and/or '.join(FURTHER_READING_LEVELS)}")
    checked = {}
    for level in FURTHER_READING_LEVELS:
        items = further.get(level)
        if items is None:
            continue
        if not isinstance(items, list) or not items:
            fail("further_reading", f"'{level}' must be a non-empty list of entries '- key: …' with 'note: …'")
        for index, item in enumerate(items, 1):
            if not isinstance(item, dict) or set(item) != {"key", "note"} or not all(isinstance(v, str) and v.strip() for v in item.values()):
                fail("further_reading", f"'{level}' entry {index} is {item!r}; each entry has a 'key' and a 'note' (one sentence)")
        checked[level] = [{"key": item["key"], "note": item["note"].strip()} for item in items]
    return checked


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


@functools.lru_cache(maxsize=None)
def _front_matter(path: str, mtime_ns: int, size: int) -> tuple[str, dict]:
    text = Path(path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    meta = yaml.load(match["yaml"] or "", Loader=YAML_LOADER)
    return text[match.end():], meta if isinstance(meta, dict) else {}


def front_matter(path: Path) -> tuple[str, dict]:
    """(Markdown, front matter) of a page, read once per version of the file: the
    card, the pager, the feed and the twin checks of every page read the same
    articles again. A copy, so no caller changes what the next one reads."""
    stat = Path(path).stat()
    markdown, meta = _front_matter(str(path), stat.st_mtime_ns, stat.st_size)
    return markdown, copy.deepcopy(meta)


def series_articles(docs_dir: Path, series_dir: str, locale: str) -> list[dict]:
    """The articles a series folder holds in one language, in series order, front matter checked."""
    if not isinstance(series_dir, str) or not SLUG.match(series_dir):
        raise ValueError(f"series_dir={series_dir!r} must be a folder name under docs/ (lowercase, digits, hyphens)")
    folder = Path(docs_dir) / series_dir
    if not folder.is_dir():
        known = ", ".join(series_folders(docs_dir)) or "none"
        raise ValueError(f"series_dir={series_dir!r} is not a folder under docs/; folders: {known}")
    articles = []
    for path in sorted(folder.iterdir()):
        match = ARTICLE_FILE.match(path.name)
        if not match or match["locale"] != locale or int(match["number"]) < 1:
            continue
        _, meta = front_matter(path)
        source = path.relative_to(docs_dir).as_posix()
        meta = validate_article_meta(meta, source, int(match["number"]), datetime.date.today())
        articles.append({**meta, "stem": f"{match['number']}-{match['slug']}", "file": path.name, "source": source})
    return articles


def published_count(docs_dir: Path, series_dir: str, locale: str) -> int:
    return sum(1 for a in series_articles(docs_dir, series_dir, locale) if a["status"] == "published")


# The landing page's outline of the series: "1. **Title**" at column 0.
LINEUP_ITEM = re.compile(r"^(?P<number>\d+)\. \*\*(?P<title>.+?)\*\*\s*$", re.M)


def series_landing(docs_dir: Path, series_dir: str, locale: str) -> dict:
    """The landing page of a series: its title and the articles its outline plans (number → title)."""
    path = Path(docs_dir) / series_dir / f"index.{locale}.md"
    if not path.is_file():
        raise ValueError(f"series {series_dir!r} has no landing page {path.relative_to(docs_dir).as_posix()}")
    markdown, meta = front_matter(path)
    lineup = {int(m["number"]): m["title"] for m in LINEUP_ITEM.finditer(markdown)}
    return {"title": meta.get("title", series_dir), "planned": len(lineup), "lineup": lineup}


def link_lineup(markdown: str, published: dict[int, str]) -> str:
    """Turn the outline items of published articles into links to them.

    `published` maps an article number to its file name without language
    (`01-que-es.md`): MkDocs resolves and checks the link for each language.
    """
    def link(match):
        target = published.get(int(match["number"]))
        if target is None:
            return match[0]
        return f"{match['number']}. **[{match['title']}]({target})**"

    return LINEUP_ITEM.sub(link, markdown)


def series_nav(nav: list, series: dict[str, list[str]]) -> list:
    """The nav with each series section holding its landing and then its published articles.

    `series` maps a series folder to the article files (without language) to
    list. Rebuilt from the landing each time, so running it twice changes nothing.
    """
    def rebuild(items):
        out = []
        for item in items:
            if isinstance(item, dict):
                (title, value), = item.items()
                item = {title: rebuild(value) if isinstance(value, list) else value}
            out.append(item)
        for series_dir, files in series.items():
            landing = f"{series_dir}/index.md"
            if landing in out:
                out = [landing] + [f"{series_dir}/{name}" for name in files]
        return out

    return rebuild(nav)


# -----------------------------------------------------------------------------
# Markdown
# -----------------------------------------------------------------------------

ORDERED_ITEM = re.compile(r"^\d\. ")
FENCE = re.compile(r"^\s*(```|~~~)")


def indent_list_continuations(markdown: str) -> str:
    """Re-indent content nested under a one-digit ordered item from 3 spaces to 4.

    CommonMark nests under "1. " with 3 spaces (the author's landing page does);
    Python-Markdown needs 4, or the nested bullets become items of the outer list,
    and a blank line before the next item, or that item joins the nested list.
    """
    lines, in_item, in_fence = [], False, False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            if ORDERED_ITEM.match(line):
                # Without a blank line, Python-Markdown reads the next item as
                # part of the nested block above it.
                if in_item and lines and lines[-1].startswith(" ") and lines[-1].strip():
                    lines.append("")
                in_item = True
            elif line.strip() and not line.startswith(" "):
                in_item = False
            elif in_item and re.match(r"^ {3}\S", line):
                line = " " + line
        lines.append(line)
    return "\n".join(lines)


FENCED_BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def prose(markdown: str) -> str:
    """The article's own words: no code, no macro calls (figures, citations,
    references, alt text), no HTML, no URLs, no attribute lists."""
    text = FENCED_BLOCK.sub("", markdown)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"<[^>\n]+>", " ", text)
    text = re.sub(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)", "]", text)
    text = re.sub(r"\{[:#.][^}\n]*\}|\{ *#[^}\n]*\}", " ", text)
    text = re.sub(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*", " ", text, flags=re.M)
    return text


# Inline code and HTML tags (attribute values such as data-rates="16000 500").
UNTOUCHABLE = re.compile(r"(`+)[^`]*?\1|<[^>\n]*>")
DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


def bind_digit_groups(markdown: str) -> str:
    """Join digit groups written with a space ("16 000") with a narrow no-break
    space, so a number never breaks across lines. Code and tags are left alone."""
    def outside_code(text):
        pieces, last = [], 0
        for match in UNTOUCHABLE.finditer(text):
            pieces += [DIGIT_GROUP.sub("\u202f", text[last:match.start()]), match[0]]
            last = match.end()
        return "".join(pieces + [DIGIT_GROUP.sub("\u202f", text[last:])])

    pieces, last = [], 0
    for match in FENCED_BLOCK.finditer(markdown):
        pieces += [outside_code(markdown[last:match.start()]), match[0]]
        last = match.end()
    return "".join(pieces + [outside_code(markdown[last:])])


def count_words(markdown: str) -> int:
    return len(WORD.findall(prose(markdown)))


def reading_minutes(markdown: str, locale: str) -> int:
    """Whole minutes to read the article's own words at the page language's rate (at least 1)."""
    return max(1, round(count_words(markdown) / READING_WPM[locale]))


# -----------------------------------------------------------------------------
# Math: LaTeX to MathML at build time (no script in the reader's browser)
# -----------------------------------------------------------------------------

MATHML_ARITY = {"mfrac": 2, "msub": 2, "msup": 2, "msubsup": 3, "mover": 2, "munder": 2, "munderover": 3, "mroot": 2}
MATH_BLOCK = re.compile(r"^(?P<fence>`{3,}|~{3,})math[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
MATH_INLINE = re.compile(r"`#!math[ \t]+(?P<body>[^`\n]+)`")


def latex_to_mathml(latex: str, display: str = "inline") -> str:
    """MathML for `latex`; an error or an unknown command is refused, not rendered as text."""
    source = latex.strip()
    if not source:
        raise ValueError("empty formula")
    try:
        mathml = latex_to_mathml_unchecked(source, display=display)
    except Exception as error:  # latex2mathml raises many error types
        raise ValueError(f"LaTeX error in {source!r}: {type(error).__name__} {error}".strip()) from None
    unknown = re.findall(r">(\\[A-Za-z]+)<", mathml)
    if unknown:
        raise ValueError(f"LaTeX error in {source!r}: unknown command {', '.join(sorted(set(unknown)))}")
    # latex2mathml accepts some broken input (an unclosed brace gives a fraction
    # with one part), so check the braces and the shape of the result too.
    braces = re.sub(r"\\[{}]", "", source)
    if braces.count("{") != braces.count("}"):
        raise ValueError(f"LaTeX error in {source!r}: unbalanced braces")
    for element in ET.fromstring(mathml).iter():
        tag = element.tag.split("}", 1)[-1]
        if tag in MATHML_ARITY and len(element) != MATHML_ARITY[tag]:
            raise ValueError(f"LaTeX error in {source!r}: <{tag}> has {len(element)} parts instead of {MATHML_ARITY[tag]}")
    return mathml


def check_math(markdown: str) -> list[str]:
    """Problems with the formulas of a page, found before Markdown renders them
    (the fence and inline extensions swallow errors and print the source)."""
    problems = []
    for match in MATH_BLOCK.finditer(markdown):
        try:
            latex_to_mathml(match["body"], "block")
        except ValueError as error:
            problems.append(str(error))
    for match in MATH_INLINE.finditer(FENCED_BLOCK.sub("", markdown)):
        try:
            latex_to_mathml(match["body"])
        except ValueError as error:
            problems.append(str(error))
    return problems


def math_fence(source, language, css_class, options, md, **kwargs):
    """pymdownx.superfences formatter for ```math blocks."""
    return f'<div class="math-display">{latex_to_mathml(source, "block")}</div>'


def math_inline(src, language, class_name, md):
    """pymdownx.inlinehilite formatter for `#!math ...`."""
    return latex_to_mathml(src, "inline")


# -----------------------------------------------------------------------------
# Bibliography and citations
# -----------------------------------------------------------------------------

# libyaml's parser when PyYAML was built with it (its wheels are): the same
# documents, an order of magnitude faster than the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path):
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER)


IDENTIFIERS = ("arxiv", "doi", "url")
IDENTIFIER_FORMS = {"arxiv": r"\d{4}\.\d{4,5}(v\d+)?", "doi": r"10\.\d{4,9}/\S+", "url": r"https?://\S+"}
IDENTIFIER_HELP = {"arxiv": "such as 2103.00020", "doi": "such as 10.1234/abc", "url": "an http or https address"}
# Words of a checking note, not of a venue or a title: "(oral per author page)".
CHECKING_NOTE = re.compile(r"\b(per author|per the|checked|not verified|unverified|according to|one list|says|seen in)\b", re.I)


def load_bibliography(path: Path) -> dict[str, dict]:
    """The references by key; a malformed entry stops the build naming it."""
    data = load_yaml(path)
    entries = {}
    for index, entry in enumerate(data.get("references") or []):
        key = entry.get("key")
        where = f"{BIBLIOGRAPHY_FILE}: entry {index + 1} ({key or 'no key'})"
        if not key or key in entries:
            raise PluginError(f"{where}: every entry needs a unique key")
        for field in ("title", "authors", "year"):
            if not entry.get(field):
                raise PluginError(f"{where}: field '{field}' is missing")
        if '"' in entry["authors"]:
            raise PluginError(f"{where}: authors may not contain a double quote")
        if not any(entry.get(name) for name in IDENTIFIERS):
            raise PluginError(f"{where}: needs an identifier: {', '.join(IDENTIFIERS)}")
        for field, pattern in IDENTIFIER_FORMS.items():
            if entry.get(field) and not re.fullmatch(pattern, str(entry[field])):
                raise PluginError(f"{where}: {field} {entry[field]!r} is not an identifier of that kind ({IDENTIFIER_HELP[field]})")
        published = ("title", "authors") + (("venue",) if entry.get("venue") and entry.get("venue_checked") is not False else ())
        for field in published:
            note = CHECKING_NOTE.search(str(entry[field]))
            if note:
                raise PluginError(f"{where}: '{field}' reads like a checking note ({note[0]!r}: {entry[field]!r}); "
                                  "readers see this field: keep notes in 'note:' or in a comment")
        entries[key] = entry
    return entries


def cite_markdown(keys, cited: list[str], bibliography: dict, uses: dict[str, int]) -> str:
    """Numbered citation links to the page's reference list, numbered in citation order.
    Each link has an id (`cite-<key>-<n>`, its n-th use on the page) that the
    reference links back to, and the work's authors, year and title as its tooltip."""
    if not keys:
        raise ValueError("cite needs at least one key")
    links = []
    for key in keys:
        entry = bibliography.get(key)
        if entry is None:
            raise ValueError(f"cite: unknown key {key!r}{did_you_mean(key, bibliography)}; add it to {BIBLIOGRAPHY_FILE} first")
        if entry.get("id_checked") is not True:
            raise ValueError(f"cite: key {key!r} has id_checked: {entry.get('id_checked')}; "
                             f"check its identifier against the work, then set id_checked: true")
        if key not in cited:
            cited.append(key)
        uses[key] = uses.get(key, 0) + 1
        tooltip = f"{entry['authors']} ({entry['year']}). {entry['title']}".replace('"', "'")
        links.append(f"[{cited.index(key) + 1}](#ref-{key} \"{tooltip}\"){{ #cite-{key}-{uses[key]} }}")
    return "\\[" + ", ".join(links) + "\\]"


def reference_html(entry: dict) -> Markup:
    """One reference: first author, year, title, checked venue, identifier link."""
    title = entry["title"].strip()
    stop = "" if title.endswith(("?", "!", ".")) else "."
    parts = [escape(f"{entry['authors']} ({entry['year']}). "), Markup("<cite>"), escape(title), Markup("</cite>{0} ").format(stop)]
    if entry.get("venue") and entry.get("venue_checked") is not False:
        parts.append(escape(f"{entry['venue']}. "))
    # The link's text is the identifier itself, so print does not write its URL again.
    if entry.get("arxiv"):
        parts.append(Markup('<a class="reference-id" href="https://arxiv.org/abs/{0}">arXiv:{0}</a>').format(entry["arxiv"]))
    elif entry.get("doi"):
        parts.append(Markup('<a class="reference-id" href="https://doi.org/{0}">doi:{0}</a>').format(entry["doi"]))
    else:
        parts.append(Markup('<a class="reference-id" href="{0}">{0}</a>').format(entry["url"]))
    return Markup("").join(parts)


def references_html(cited: list[str], bibliography: dict, uses: dict[str, int], locale: str) -> str:
    """The numbered list; each reference links back to every place the page cites it."""
    if not cited:
        raise ValueError("references(): this page cites nothing; cite with {{ cite('key') }} first")
    back = LABELS[locale]["back_to_citation"]
    items = []
    for key in cited:
        links = Markup(" ").join(
            Markup('<a class="reference-back" href="#cite-{0}-{1}" aria-label="{2}">↩{3}</a>').format(
                key, n, back.format(n=n), "" if uses[key] == 1 else Markup("<sup>{0}</sup>").format(n))
            for n in range(1, uses[key] + 1))
        items.append(f'<li id="ref-{key}">{reference_html(bibliography[key])} {links}</li>')
    return f'<ol class="references">{"".join(items)}</ol>'


# -----------------------------------------------------------------------------
# Glossary
# -----------------------------------------------------------------------------


def load_glossary(path: Path) -> dict[str, dict]:
    """The glossary by term id; a malformed entry stops the build naming it."""
    data = load_yaml(path)
    terms = {}
    for index, entry in enumerate(data.get("terms") or []):
        term_id = entry.get("id")
        where = f"{GLOSSARY_FILE}: term {index + 1} ({term_id or 'no id'})"
        if not isinstance(term_id, str) or not SLUG.match(term_id) or term_id in terms:
            raise PluginError(f"{where}: every term needs a unique id in lowercase letters, digits and hyphens")
        for locale in LOCALES:
            side = entry.get(locale) or {}
            for field in ("term", "definition"):
                if not isinstance(side.get(field), str) or not side[field].strip():
                    raise PluginError(f"{where}: '{locale}.{field}' is missing")
            if '"' in side["definition"]:
                raise PluginError(f"{where}: '{locale}.definition' may not contain a double quote (use « » or “ ”)")
            if not isinstance(side.get("avoid", []), list):
                raise PluginError(f"{where}: '{locale}.avoid' must be a list")
        terms[term_id] = entry
    return terms


def first_sentence(text: str) -> str:
    match = re.match(r".+?[.!?](?=\s|$)", text.strip())
    return match[0] if match else text.strip()


def term_markdown(term_id: str, glossary: dict, locale: str, linked: set, glossary_link: str, text=None) -> str:
    """A glossary term: at its first use on the page, a link to its entry with the
    definition's first sentence as tooltip (the whole definition is one click away);
    plain text after."""
    entry = glossary.get(term_id)
    if entry is None:
        raise ValueError(f"term: unknown term {term_id!r}{did_you_mean(term_id, glossary)}; add it to {GLOSSARY_FILE} first")
    shown = _text("text", text) if text is not None else entry[locale]["term"]
    if term_id in linked:
        return shown
    linked.add(term_id)
    tooltip = first_sentence(entry[locale]["definition"])
    return f'[{shown}]({glossary_link}#{term_id} "{tooltip}"){{ .glossary-term }}'


def glossary_html(glossary: dict, locale: str) -> str:
    """The glossary, sorted by the page language's term: one section per entry,
    headed by the term, so that a link, the table of a search result and a
    screen reader's list of headings all reach an entry on its own."""
    other = "en" if locale == "es" else "es"
    labels = LABELS[locale]
    rows = []
    for term_id, entry in sorted(glossary.items(), key=lambda item: item[1][locale]["term"].casefold()):
        side = entry[locale]
        avoid = ""
        if side.get("avoid"):
            avoid = Markup(' <span class="glossary-avoid">{0}: {1}.</span>').format(labels["avoid"], ", ".join(side["avoid"]))
        rows.append(Markup(
            '<section class="glossary-entry"><h2 id="{0}">{1} <span class="glossary-other" lang="{2}">({3}: {4})</span></h2>'
            "<p>{5}{6}</p></section>"
        ).format(term_id, side["term"], other, labels["other_language"], entry[other]["term"], side["definition"], avoid))
    return f'<div class="glossary" data-pagefind-meta="kind:glossary">{"".join(rows)}</div>'


# -----------------------------------------------------------------------------
# Figures and interactive figures
# -----------------------------------------------------------------------------


def _svg_tag(element) -> str:
    return element.tag.split("}", 1)[-1]


def viewbox_width(root, where: str) -> float:
    """The drawing's width in its own units, from the root's viewBox."""
    try:
        _, _, width, height = (float(v) for v in root.get("viewBox", "").replace(",", " ").split())
    except ValueError:
        raise ValueError(f"{where}: the root needs a viewBox of four numbers, got {root.get('viewBox')!r}") from None
    if width <= 0 or height <= 0:
        raise ValueError(f"{where}: the viewBox needs a positive width and height, got {root.get('viewBox')!r}")
    return width


def _font_size(value: str):
    """A font-size attribute in user units ("14" or "14px"), or None when it is not one."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*", value)
    return float(match.group(1)) if match else None


def check_phone_rule(root, where: str) -> None:
    """Refuse a figure a 360-px phone cannot show whole: wider than FIGURE_MAX_WIDTH
    units, or a text (in either language) under FIGURE_MIN_FONT units, its own
    font-size or the one it inherits from an enclosing element."""
    width = viewbox_width(root, where)
    if width > FIGURE_MAX_WIDTH:
        raise ValueError(f"{where}: the viewBox is {width:g} units wide; at most {FIGURE_MAX_WIDTH} allowed "
                         f"(a figure is drawn for a 360-px phone: stack what does not fit side by side)")

    def walk(element, inherited):
        size = inherited
        if "font-size" in element.attrib:
            size = _font_size(element.get("font-size"))
            if size is None:
                raise ValueError(f"{where}: font-size={element.get('font-size')!r} on <{_svg_tag(element)}> is not allowed; "
                                 f"give a number of units, at least {FIGURE_MIN_FONT}")
        if _svg_tag(element) in ("text", "tspan"):
            words = " ".join(part.strip() for part in element.itertext() if part.strip())
            if words and size is None:
                raise ValueError(f"{where}: <{_svg_tag(element)}> «{words}» has no font-size (on it or on an enclosing <g>); "
                                 f"give it one of at least {FIGURE_MIN_FONT} units")
            if words and size < FIGURE_MIN_FONT:
                raise ValueError(f"{where}: <{_svg_tag(element)}> «{words}» has font-size {size:g}; at least {FIGURE_MIN_FONT} "
                                 f"units allowed (shorten the words rather than the letters)")
        for child in element:
            walk(child, size)

    walk(root, None)


def figure_svg(project_dir: Path, name: str, locale: str, alt: str) -> str:
    """An original SVG figure, inlined so it takes the theme's colours, in the page's language.

    Text in the figure comes in pairs of elements marked lang="es" and
    lang="en"; the other language's are removed. Ids are prefixed with the
    figure name so two figures on a page never clash.
    """
    _slug("figure", name)
    folder = Path(project_dir) / FIGURES_DIR
    path = folder / f"{name}.svg"
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in folder.glob("*.svg"))) or "none"
        raise ValueError(f"figure {name!r}: no file {FIGURES_DIR}/{name}.svg; available: {available}")
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    where = f"{FIGURES_DIR}/{name}.svg"
    if root.tag != f"{{{SVG_NS}}}svg" or "viewBox" not in root.attrib:
        raise ValueError(f"{where}: the root must be an <svg> with a viewBox")
    counts = {other: 0 for other in LOCALES}
    for element in root.iter():
        tag = _svg_tag(element)
        if tag not in SVG_ELEMENTS:
            raise ValueError(f"{where}: element <{tag}> is not allowed; allowed: {', '.join(sorted(SVG_ELEMENTS))}")
        for attribute, value in element.attrib.items():
            local = attribute.split("}", 1)[-1]
            if local.startswith("on") or local == "style" or (local == "href" and not value.startswith("#")):
                raise ValueError(f"{where}: attribute {local}={value!r} on <{tag}> is not allowed (no handlers, inline styles or outside links)")
        lang = element.get("lang")
        if lang is not None:
            _one_of(f"{where}: lang", lang, LOCALES)
            counts[lang] += 1
    if len(set(counts.values())) != 1:
        raise ValueError(f"{where}: every text needs both languages; elements per language: {counts}")
    check_phone_rule(root, where)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.get("lang") not in (None, locale):
                parent.remove(child)
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", f"{name}-{element.get('id')}")
        for attribute, value in list(element.attrib.items()):
            if attribute.split("}", 1)[-1] == "href" or "url(#" in value:
                element.set(attribute, re.sub(r"#([\w-]+)", rf"#{name}-\1", value))
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{name}-alt"})
    title.text = alt
    root.insert(0, title)
    # Drawn for a phone (FIGURE_MAX_WIDTH units wide): on a wider screen the
    # figure grows to 1.2 px per unit (extra.css, .series-figure-art), not to the column's width.
    root.set("style", f"--figure-width: {viewbox_width(root, where):g}")
    root.set("role", "img")
    root.set("aria-labelledby", f"{name}-alt")
    root.set("class", f"series-figure-art {root.get('class', '')}".strip())
    return ET.tostring(root, encoding="unicode")


def check_alt(alt) -> str:
    """Alt text is at least one full sentence: what the figure shows and what it shows it for."""
    alt = _text("alt", alt)
    if len(WORD.findall(alt)) < 8 or not alt.endswith("."):
        raise ValueError(f"alt={alt!r}: describe the figure in at least one full sentence (8 words or more, ending with a period)")
    return alt


def figure_html(project_dir: Path, name: str, number: int, locale: str, alt, caption, credit: bool = False) -> str:
    """The figure, numbered, with its alt text and caption; in an article, a link
    to how to credit it (its licence and citation are in «Cómo citar»)."""
    alt = check_alt(alt)
    caption = _text("caption", caption)
    svg = figure_svg(project_dir, name, locale, alt)
    label = LABELS[locale]["figure"].format(n=number)
    credit_html = f' <a class="series-figure-credit" href="#como-citar">{escape(LABELS[locale]["credit"])}</a>' if credit else ""
    return (f'<figure class="series-figure" id="fig-{name}"><div class="series-figure-frame">{svg}</div>'
            f'<figcaption><span class="series-figure-number">{escape(label)}</span> {escape(caption)}{credit_html}</figcaption></figure>')


FIGURE_ART = re.compile(r"<svg\b.*</svg>", re.S)


def hold_figure_art(html: str, held: dict) -> str:
    """The figure with its drawing replaced by a placeholder, kept in `held`, that
    overrides/hooks/figure_art.py fills once the page's Markdown is converted:
    a drawing is a third of an article's HTML, and Markdown would read it twice
    (its raw-HTML parser, then MkDocs' anchor collector) only to pass it through."""
    placeholder = f"<!--figure-art {len(held)}-->"
    held[placeholder] = FIGURE_ART.search(html).group(0)
    return FIGURE_ART.sub(placeholder, html, count=1)


def widget_script(project_dir: Path, name: str, page_url: str) -> str:
    """The module of an interactive figure, loaded by this page only."""
    _slug("widget", name)
    folder = Path(project_dir) / WIDGETS_DIR
    if not (folder / f"{name}.js").is_file():
        available = ", ".join(sorted(p.stem for p in folder.glob("*.js"))) or "none"
        raise ValueError(f"widget {name!r}: no file {WIDGETS_DIR}/{name}.js; available: {available}")
    src = get_relative_url(f"assets/javascripts/widgets/{name}.js", page_url)
    return f'<script type="module" src="{src}"></script>'


# -----------------------------------------------------------------------------
# HTML that is meant to be HTML: sanitized, and refused when anything is removed
# -----------------------------------------------------------------------------


class _Tokens(HTMLParser):
    """Flattens HTML into comparable tokens (tag, sorted attributes, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("</", tag))

    def handle_data(self, data):
        if data.strip():
            self.tokens.append(("text", " ".join(data.split())))

    def handle_comment(self, data):
        self.tokens.append(("comment", data))


def _html_tokens(fragment: str) -> list:
    parser = _Tokens()
    parser.feed(fragment)
    parser.close()
    return parser.tokens


def sanitize_html(fragment: str, argument: str) -> Markup:
    """Sanitize `fragment` with the allowlist; refuse it if the sanitizer had to remove anything.

    Refusing (rather than silently stripping) means an author sees the mistake
    instead of a card with a row quietly missing.
    """
    if not isinstance(fragment, str):
        raise ValueError(f"{argument} must be a string of HTML, not {type(fragment).__name__}")
    clean = nh3.clean(
        fragment,
        tags=set(EXTRA_ROWS_TAGS),
        attributes={tag: set(names) for tag, names in EXTRA_ROWS_ATTRIBUTES.items()},
        url_schemes=set(EXTRA_ROWS_URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    before, after = _html_tokens(fragment), _html_tokens(clean)
    if before != after:
        removed = next((t for t, u in zip(before, after) if t != u), before[len(after)] if len(before) > len(after) else None)
        allowed_attrs = "; ".join(f"{tag}: {', '.join(sorted(names))}" for tag, names in sorted(EXTRA_ROWS_ATTRIBUTES.items()))
        raise ValueError(
            f"{argument} holds markup that is not allowed (first offending part: {removed!r}). "
            f"Allowed tags: {', '.join(sorted(EXTRA_ROWS_TAGS))}; attributes: {allowed_attrs}; "
            f"URL schemes: relative, {', '.join(sorted(EXTRA_ROWS_URL_SCHEMES))}"
        )
    return Markup(clean)


# -----------------------------------------------------------------------------
# Snippets
# -----------------------------------------------------------------------------


def snippet_template(project_dir: Path, path: str) -> str:
    """The template name of `path` inside snippets/, refusing anything that leaves it."""
    if not isinstance(path, str) or not path:
        raise ValueError("path must be a snippet path such as 'snippets/series_meta.html'")
    snippets = (Path(project_dir) / SNIPPETS_DIR).resolve()
    available = ", ".join(sorted(SNIPPET_CONTEXTS))
    candidate = Path(path)
    if candidate.is_absolute() or ".." in candidate.parts or candidate.parts[0] != SNIPPETS_DIR:
        raise ValueError(f"path={path!r} must be relative and start with '{SNIPPETS_DIR}/' (no '..'); available: {available}")
    resolved = (Path(project_dir) / candidate).resolve()
    if not resolved.is_relative_to(snippets):
        raise ValueError(f"path={path!r} leads out of {SNIPPETS_DIR}/ (a link?); available: {available}")
    name = resolved.relative_to(snippets).as_posix() if resolved.is_file() else None
    if name not in SNIPPET_CONTEXTS:
        raise ValueError(f"path={path!r}: no such snippet for include_html; available: {available}")
    return name


@functools.cache
def _jinja(project_dir: Path) -> jinja2.Environment:
    """One environment per project, so each template is compiled once per process;
    it checks each template file's time on use, so `mkdocs serve` sees edits."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(project_dir) / SNIPPETS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


def _positive_minutes(name: str, value) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name}={value!r} must be a positive whole number of minutes, such as \"6\"")
    return int(text)


def series_meta_context(docs_dir: Path, locale: str, **arguments) -> dict:
    """Validate the arguments of snippets/series_meta.html and build its context."""
    required = ("series_dir", "data_state", "data_level", "data_read", "status_label", "level_label")
    optional = ("glow_hidden", "extra_rows")
    unknown = sorted(set(arguments) - set(required) - set(optional))
    if unknown:
        raise ValueError(f"unknown argument(s) {', '.join(unknown)}; allowed: {', '.join(required + optional)}")
    missing = [name for name in required if name not in arguments]
    if missing:
        raise ValueError(f"missing argument(s) {', '.join(missing)}; required: {', '.join(required)}")
    labels = LABELS[locale]
    count = published_count(docs_dir, arguments["series_dir"], locale)
    return {
        "labels": labels,
        "series_dir": arguments["series_dir"],
        "data_state": _one_of("data_state", arguments["data_state"], SERIES_STATES),
        "data_level": _one_of("data_level", arguments["data_level"], SERIES_LEVELS),
        "data_read": _positive_minutes("data_read", arguments["data_read"]),
        "status_label": _text("status_label", arguments["status_label"]),
        "level_label": _text("level_label", arguments["level_label"]),
        "glow_hidden": _one_of("glow_hidden", arguments.get("glow_hidden", "false"), BOOLEAN_WORDS) == "true",
        "extra_rows": sanitize_html(arguments.get("extra_rows", ""), "extra_rows"),
        "article_count": count,
        "articles_value": labels["published"][count != 1].format(n=count),
    }


# The snippets include_html renders, each with the function that validates its
# arguments. The article card and pager are placed by the page hooks instead.
SNIPPET_CONTEXTS = {"series_meta.html": series_meta_context}


def render_snippet(project_dir: Path, path: str, locale: str, **arguments) -> str:
    """Render a snippet under snippets/ as one block of HTML with no blank line.

    No blank line, because Markdown ends a raw HTML block at the first one.
    """
    name = snippet_template(project_dir, path)
    context = SNIPPET_CONTEXTS[name](Path(project_dir) / DOCS_DIR, locale, **arguments)
    return render_template(project_dir, name, context)


def render_template(project_dir: Path, name: str, context: dict) -> str:
    html = _jinja(project_dir).get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def article_context(docs_dir: Path, series_dir: str, article: dict, locale: str, page_url: str, minutes: int) -> dict:
    """What the article card and the series pager show: series, position, type,
    level, reading time, review date, and the neighbouring published articles."""
    landing = series_landing(docs_dir, series_dir, locale)
    if article["number"] > landing["planned"]:
        raise ValueError(f"{article['source']}: number {article['number']} is beyond the {landing['planned']} articles the landing's outline plans")
    prefix = locale_prefix(locale)
    published = [a for a in series_articles(docs_dir, series_dir, locale) if a["status"] == "published"]
    before = [a for a in published if a["number"] < article["number"]]
    after = [a for a in published if a["number"] > article["number"]]

    def link(other):
        if other is None:
            return None
        return {"url": get_relative_url(f"{prefix}{series_dir}/{other['stem']}/", page_url), "number": other["number"], "title": other["title"]}

    return {
        "labels": LABELS[locale],
        "series_title": landing["title"],
        "series_url": get_relative_url(f"{prefix}{series_dir}/", page_url),
        "number": article["number"],
        "planned": landing["planned"],
        "type_key": article["type"],
        "type_label": ARTICLE_TYPES[article["type"]][locale],
        "level_key": article["level"],
        "level_label": LEVEL_LABELS[article["level"]][locale],
        "status": article["status"],
        "minutes": minutes,
        "reviewed_iso": article["last_reviewed"].isoformat(),
        "reviewed_label": long_date(article["last_reviewed"], locale),
        "previous": link(before[-1] if before else None),
        "next": link(after[0] if after else None),
        # The last published article points to the next one the outline plans, and to the feed.
        "upcoming": None if after or article["number"] >= landing["planned"] else
                    {"number": article["number"] + 1, "title": landing["lineup"][article["number"] + 1],
                     "feed": get_relative_url(f"{prefix}{FEED_FILE}", page_url)},
    }


REVIEW_CADENCE_MONTHS = 6
BIBTEX_SPECIAL = re.compile(r"([{}%&$#_~^\\])")


def bibtex_text(text: str) -> str:
    """A value for a BibTeX field: LaTeX's special characters escaped."""
    return BIBTEX_SPECIAL.sub(lambda m: {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(m[1], "\\" + m[1]), text)


def bibtex_entry(key: str, fields: list[tuple[str, str]]) -> str:
    """A biblatex @online entry; `author` is braced as a whole, since the series is its author."""
    width = max(len(name) for name, _ in fields)
    lines = [f"  {name.ljust(width)} = {{{'{' + bibtex_text(value) + '}' if name == 'author' else bibtex_text(value)}}}," for name, value in fields]
    return "@online{" + key + ",\n" + "\n".join(lines) + "\n}"


def article_parts(article: dict, locale: str, series: dict, site: dict, bibliography: dict, figure_names: list[str]) -> dict:
    """What the kit adds to an article besides its card: further reading, how to
    cite it (a formatted reference and a BibTeX entry, both from the front matter
    and the site configuration), the licence, its history and, in a translation,
    the note that names the original.

    `series` has the series' title, folder and planned count; `site` has the
    site's `url`, `author` and this page's `url`; an English twin's `original`
    (title and page URL of the Spanish article) comes in `article`.
    """
    labels = LABELS[locale]
    url = site["url"] + site["page_url"]
    published = article["history"][-1]["date"]
    reviewed = article["last_reviewed"]
    original = article.get("original")

    further = []
    for level in FURTHER_READING_LEVELS:
        items = article["further_reading"].get(level)
        if items:
            entries = []
            for item in items:
                if item["key"] not in bibliography:
                    raise ValueError(f"{article['source']}: further_reading '{level}': unknown key {item['key']!r}; add it to {BIBLIOGRAPHY_FILE} first")
                entries.append({"reference": reference_html(bibliography[item["key"]]), "note": item["note"]})
            further.append({"title": labels[level], "items": entries})

    in_series = labels["article_in_series"].format(series="<em>{0}</em>", n=article["number"], total=series["planned"])
    quoted = "«{0}»." if locale == "es" else "“{0}.”"
    parts = [escape(f"{site['author']} ({published.year}). "), Markup(quoted).format(article["title"]), " ",
             Markup(in_series).format(series["title"]), ". "]
    fields = [("author", site["author"]), ("title", article["title"]), ("series", series["title"]), ("number", str(article["number"])),
              ("date", published.isoformat()), ("url", url), ("langid", labels["langid"])]
    note = labels["reviewed_on"].format(date=reviewed.isoformat())
    if original:
        parts += [Markup(labels["translation_of"]).format(title=Markup('<span lang="es">«{0}»</span>').format(original["title"]),
                                                          url=Markup('<a href="{0}" hreflang="es">{0}</a>').format(original["url"])), ". "]
        fields += [("origtitle", original["title"]), ("origlanguage", "spanish")]
        note = labels["translation_of"].format(title=original["title"], url=original["url"]) + ". " + note
    parts += [labels["reviewed_on"].format(date=long_date(reviewed, locale)), ". ", Markup('<a href="{0}">{0}</a>').format(url)]
    fields.append(("note", note))
    key = f"{series['dir']}-{article['number']:02d}" + ("" if locale == DEFAULT_LOCALE else f"-{locale}")

    example = ""
    if figure_names:
        example = labels["figure_example"].format(n=1, title=article["title"], series=series["title"], url=f"{url}#fig-{figure_names[0]}")

    return {
        "labels": labels,
        "further": further,
        "reference": Markup("").join(escape(part) for part in parts),
        "bibtex": bibtex_entry(key, fields),
        "license": Markup(labels["license"]),
        "figure_credit": labels["figure_credit"].format(example=example) if example else "",
        "history": [{"iso": e["date"].isoformat(), "label": long_date(e["date"], locale), "change": e["change"]} for e in article["history"]],
        "cadence": labels["cadence"].format(month=month_and_year(months_later(reviewed, REVIEW_CADENCE_MONTHS), locale)),
        "translation": original and Markup(labels["translated"]).format(
            link=Markup('<a href="{0}" hreflang="es" lang="es">{1}</a>').format(original["relative_url"], original["title"]),
            date=Markup('<time datetime="{0}">{1}</time>').format(article["translation_checked"].isoformat(),
                                                                 long_date(article["translation_checked"], locale))),
    }


# The sections the kit adds at the end of an article, in this order: (heading id,
# label, template). The ids are the same in both languages, like every heading.
ARTICLE_END = (("para-seguir-leyendo", "further", "article_further_reading.html"),
               ("como-citar", "cite", "article_citation.html"),
               ("historial", "history", "article_history.html"))


def article_end_markdown(project_dir: Path, parts: dict) -> str:
    """The kit's closing sections as Markdown headings (so they join the table of
    contents) over the HTML their templates render."""
    sections = []
    for heading_id, label, template in ARTICLE_END:
        if label == "further" and not parts["further"]:
            continue
        sections.append(f"## {parts['labels'][label]} {{ #{heading_id} }}\n\n{render_template(project_dir, template, parts)}")
    return "\n\n".join(sections)


TWIN_FIELDS = ("number", "type", "level", "status", "last_reviewed")


def twin_problems(meta: dict, locale: str, twin: dict) -> list[str]:
    """What an article's checked front matter (`meta`, in `locale`) and its other
    twin's raw front matter disagree on: the shared fields, the dates of the
    history, the further-reading keys; and whether the translation is dated."""
    problems = []
    differing = [f for f in TWIN_FIELDS if twin.get(f) != meta[f]]
    if differing:
        problems.append(f"front matter field(s) {', '.join(differing)} differ from its twin")
    twin_dates = [entry.get("date") for entry in twin.get("history") or [] if isinstance(entry, dict)]
    if twin_dates != [entry["date"] for entry in meta["history"]]:
        problems.append("the dates of its history differ from its twin's; both list the same changes on the same days")
    twin_further = twin.get("further_reading") or {}
    for level in FURTHER_READING_LEVELS:
        keys = [item["key"] for item in meta["further_reading"].get(level, [])]
        twin_keys = [item.get("key") for item in twin_further.get(level) or [] if isinstance(item, dict)]
        if keys != twin_keys:
            problems.append(f"further_reading '{level}' lists {keys} but its twin lists {twin_keys}; both list the same works")
    checked = meta["translation_checked"]
    if locale == DEFAULT_LOCALE and checked is not None:
        problems.append("translation_checked belongs in the translated twin only, not in the original")
    if locale != DEFAULT_LOCALE:
        original_review = twin.get("last_reviewed")
        if checked is None:
            problems.append("front matter field 'translation_checked' is missing; a translation says when it was last checked against the original")
        elif _is_date(original_review) and checked < original_review:
            problems.append(f"translation_checked is {checked}, older than the original's last review ({original_review}); "
                            "check the translation against the original, then update it")
    return problems


def insert_after_title(markdown: str, html: str) -> str:
    """`html` placed right after the page's H1, as its own block."""
    match = re.search(r"^# .*$", markdown, re.M)
    if not match:
        raise ValueError("the article has no '# Title' line to put its card under")
    return f"{markdown[:match.end()]}\n\n{html}\n\n{markdown[match.end():].lstrip(chr(10))}"


# -----------------------------------------------------------------------------
# Feeds: one Atom feed per language with the published articles
# -----------------------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


def feed_entries(docs_dir: Path, locale: str, site_url: str) -> list[dict]:
    """The published articles of every series in one language, newest first
    (by first publication, then by number)."""
    entries = []
    for series_dir in series_folders(docs_dir):
        for article in series_articles(docs_dir, series_dir, locale):
            if article["status"] != "published":
                continue
            entries.append({"title": article["title"], "summary": article["description"],
                            "url": f"{site_url}{locale_prefix(locale)}{series_dir}/{article['stem']}/",
                            "published": article["history"][-1]["date"], "updated": article["last_reviewed"],
                            "number": article["number"]})
    return sorted(entries, key=lambda e: (e["published"], e["number"]), reverse=True)


def atom_feed(entries: list[dict], locale: str, site: dict) -> str:
    """An Atom 1.0 document; dates are the articles' own (the feed's is its newest
    entry's), so two builds of one commit write the same bytes."""
    def day(date):
        return f"{date.isoformat()}T00:00:00Z"

    home = f"{site['url']}{locale_prefix(locale)}"
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": locale})

    def add(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
        element.text = text
        return element

    add(feed, "title", site["name"])
    add(feed, "subtitle", site["description"])
    add(feed, "id", home + FEED_FILE)
    add(feed, "link", rel="self", type="application/atom+xml", href=home + FEED_FILE)
    add(feed, "link", rel="alternate", type="text/html", href=home)
    add(feed, "updated", day(max((e["updated"] for e in entries), default=datetime.date(1970, 1, 1))))
    add(add(feed, "author"), "name", site["author"])
    add(feed, "rights", site["rights"])
    for entry in entries:
        item = add(feed, "entry")
        add(item, "title", entry["title"])
        add(item, "id", entry["url"])
        add(item, "link", rel="alternate", type="text/html", href=entry["url"])
        add(item, "published", day(entry["published"]))
        add(item, "updated", day(entry["updated"]))
        add(item, "summary", entry["summary"])
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


# -----------------------------------------------------------------------------
# MkDocs wiring
# -----------------------------------------------------------------------------


class PageState:
    """What the macros of one page share: citations, figure names, linked terms,
    errors to report, and for an article its checked front matter and reading time."""

    def __init__(self, source: str = "", body_start: int = 0, line_map: list[int] | None = None):
        self.cited, self.uses, self.linked_terms, self.errors = [], {}, set(), []
        self.figure_art = {}  # placeholder -> drawing, for overrides/hooks/figure_art.py
        self.references_done, self.figure_names, self.minutes, self.article = False, [], None, None
        self.source, self.body_start, self.line_map = source, body_start, line_map or []

    def source_line(self, rendered_line):
        """The line of the source file a line of the rendered Markdown comes from."""
        if rendered_line is None:
            return "?"
        index = rendered_line - 1
        original = self.line_map[index] if 0 <= index < len(self.line_map) else index
        return self.body_start + original + 1


def template_line():
    """The line of the Markdown template whose code is running (the macro's call)."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


def line_map(original: str, processed: str) -> list[int]:
    """For each line of `processed`, the index of the line of `original` it comes from
    (a line the Markdown fixes inserted maps to the line after it)."""
    before, after = original.split("\n"), processed.split("\n")
    mapping = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            mapping += range(i1, i2)
        else:
            mapping += [min(i1 + k, max(i2 - 1, i1)) for k in range(j2 - j1)]
    return mapping


def body_start(text: str, markdown: str) -> int:
    """How many lines of the file come before the Markdown body (the front matter)."""
    at = text.rfind(markdown) if markdown else len(text)
    return text.count("\n", 0, at) if at >= 0 else 0


def _register_math(conf):
    """Hand the math formatters to the fence and inline extensions.

    Done here rather than with !!python/name in mkdocs.yml, which would need
    this file importable as a module; MkDocs builds each page's Markdown from
    mdx_configs after this runs. Replacing (not appending) keeps one entry
    when `mkdocs serve` reloads this file.
    """
    fences = conf["mdx_configs"].setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences[:] = [f for f in fences if f.get("name") != "math"] + [{"name": "math", "class": "math", "format": math_fence}]
    inline = conf["mdx_configs"].setdefault("pymdownx.inlinehilite", {}).setdefault("custom_inline", [])
    inline[:] = [f for f in inline if f.get("name") != "math"] + [{"name": "math", "class": "math", "format": math_inline}]


def define_env(env):
    """Register the macros and generate the series nav. Nothing language-dependent
    is captured here: the i18n plugin reconfigures the site after this runs, so
    the language is read per call."""
    project_dir = Path(env.project_dir)
    docs_dir = project_dir / DOCS_DIR
    problems = missing_twins(docs_dir)
    if problems:
        raise PluginError("Every page needs its twin in each language:\n  " + "\n  ".join(problems))
    bibliography = load_bibliography(project_dir / BIBLIOGRAPHY_FILE)
    glossary = load_glossary(project_dir / GLOSSARY_FILE)
    env.series_bibliography = bibliography  # for the page hooks: further reading
    _register_math(env.conf)

    # Published articles join their series' nav section in number order; drafts
    # are built (reachable by URL for review) but listed nowhere.
    published, drafts = {}, []
    for series_dir in series_folders(docs_dir):
        try:
            articles = series_articles(docs_dir, series_dir, DEFAULT_LOCALE)
        except ValueError as error:
            raise PluginError(str(error)) from None
        published[series_dir] = [f"{a['stem']}.md" for a in articles if a["status"] == "published"]
        drafts += [f"/{series_dir}/{a['stem']}.*.md" for a in articles if a["status"] == "draft"]
    env.conf["nav"] = series_nav(env.conf["nav"] or [], published)
    env.conf["not_in_nav"] = pathspec.GitIgnoreSpec.from_lines(drafts)

    def state() -> PageState:
        return env.page_state

    def macro(function):
        """Register `function` as a macro whose errors are reported, not raised: the
        message gets the file and the line of the call, and the page hook stops the
        build with it after the page (mkdocs-macros would otherwise print a traceback
        and end the process, `mkdocs serve` included)."""
        @functools.wraps(function)
        def reported(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except (ValueError, TypeError, PluginError) as error:
                state().errors.append(f"{state().source}:{state().source_line(template_line())}: {error}")
                return ""
        return env.macro(reported)

    def locale() -> str:
        return page_locale(env.page, env.conf)

    @macro
    def include_html(path, **arguments):
        try:
            return render_snippet(project_dir, path, locale(), **arguments)
        except ValueError as error:
            raise ValueError(f"include_html({path!r}): {error}") from None

    @macro
    def cite(*keys):
        if state().references_done:
            raise ValueError(f"cite{keys}: citations must come before {{{{ references() }}}}")
        return cite_markdown(keys, state().cited, bibliography, state().uses)

    @macro
    def references():
        state().references_done = True
        return references_html(state().cited, bibliography, state().uses, locale())

    @macro
    def term(term_id, text=None):
        source_dir = posixpath.dirname(env.page.file.src_uri)
        link = posixpath.relpath(GLOSSARY_PAGE, source_dir or ".")
        return term_markdown(term_id, glossary, locale(), state().linked_terms, link, text)

    @macro
    def glossary_list():
        return glossary_html(glossary, locale())

    @macro
    def figure(name, alt=None, caption=None):
        state().figure_names.append(name)
        html = figure_html(project_dir, name, len(state().figure_names), locale(), alt, caption, credit=state().article is not None)
        return hold_figure_art(html, state().figure_art)

    @macro
    def widget(name):
        return widget_script(project_dir, name, env.page.url)


def on_pre_page_macros(env):
    """Per page, before its macros render: checks, Markdown fixes and page-language settings."""
    page, source = env.page, f"docs/{env.page.file.src_uri}"
    locale = page_locale(page, env.conf)
    original = env.markdown
    env.markdown = bind_digit_groups(indent_list_continuations(original))
    path = getattr(page.file, "abs_src_path", None)
    text = Path(path).read_text(encoding="utf-8") if path else original
    env.page_state = PageState(source, body_start(text, original), line_map(original, env.markdown))
    page.figure_art = env.page_state.figure_art
    # MkDocs builds each page's Markdown instance from mdx_configs after this
    # runs, so the heading permalink title follows the page's language.
    env.conf["mdx_configs"].setdefault("toc", {})["permalink_title"] = LABELS[locale]["permalink"]
    problems = check_math(env.markdown)
    if problems:
        raise PluginError(f"{source}: " + "; ".join(problems))

    docs_dir = Path(env.project_dir) / DOCS_DIR
    article = article_of(page.file.src_uri)
    if article:
        series_dir, number, stem = article
        meta = validate_article_meta(page.meta, source, number, datetime.date.today())
        other = next(other for other in LOCALES if other != locale)
        _, twin = front_matter(docs_dir / series_dir / f"{stem}.{other}.md")
        problems = twin_problems(meta, locale, twin)
        if problems:
            raise PluginError(f"{source}: " + "; ".join(problems) + f" (twin: docs/{series_dir}/{stem}.{other}.md)")
        env.page_state.article = {**meta, "source": source}
        if locale != DEFAULT_LOCALE:
            original = f"{series_dir}/{stem}/"
            env.page_state.article["original"] = {"title": twin.get("title"), "url": env.conf["site_url"] + original,
                                                  "relative_url": get_relative_url(original, page.url)}
        env.page_state.minutes = reading_minutes(env.markdown, locale)
        if meta["status"] == "draft":
            page.meta["search"] = {"exclude": True}
    elif page.file.src_uri.split("/")[-1] == f"index.{locale}.md" and "/" in page.file.src_uri:
        series_dir = page.file.src_uri.split("/")[0]
        try:
            articles = series_articles(docs_dir, series_dir, locale)
        except ValueError as error:
            raise PluginError(f"{source}: {error}") from None
        env.markdown = link_lineup(env.markdown, {a["number"]: f"{a['stem']}.md" for a in articles if a["status"] == "published"})


def on_post_page_macros(env):
    """Per page, after its macros rendered: the article card and the series pager."""
    page, source = env.page, f"docs/{env.page.file.src_uri}"
    state = env.page_state
    if state.errors:
        raise PluginError("\n".join(state.errors))
    if state.cited and not state.references_done:
        raise PluginError(f"{source}: the page cites {', '.join(state.cited)} but never lists them with {{{{ references() }}}}")
    if state.article is None:
        return
    series_dir = page.file.src_uri.split("/")[0]
    locale = page_locale(page, env.conf)
    try:
        project_dir = Path(env.project_dir)
        context = article_context(project_dir / DOCS_DIR, series_dir, state.article, locale, page.url, state.minutes)
        card = render_template(project_dir, "article_meta.html", context)
        pager = render_template(project_dir, "series_pager.html", context)
        series = {"title": context["series_title"], "dir": series_dir, "planned": context["planned"]}
        site = {"url": env.conf["site_url"], "author": env.conf["site_author"], "page_url": page.url}
        parts = article_parts(state.article, locale, series, site, env.series_bibliography, state.figure_names)
        if parts["translation"]:
            card = f'<p class="translation-note">{parts["translation"]}</p>\n{card}'
        end = article_end_markdown(project_dir, parts)
        env.markdown = insert_after_title(env.markdown, card) + f"\n\n{end}\n\n{pager}\n"
    except ValueError as error:
        raise PluginError(f"{source}: {error}") from None


def on_post_build(env):
    """The Atom feed of the language just built (the i18n plugin builds each one)."""
    conf = env.conf
    locale = conf["theme"]["language"]
    site = {"url": conf["site_url"], "name": conf["site_name"], "description": conf["site_description"],
            "author": conf["site_author"], "rights": LABELS[locale]["feed_rights"]}
    try:
        entries = feed_entries(Path(env.project_dir) / DOCS_DIR, locale, conf["site_url"])
    except ValueError as error:
        raise PluginError(str(error)) from None
    target = Path(conf["site_dir"]) / locale_prefix(locale) / FEED_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(atom_feed(entries, locale, site), encoding="utf-8")
