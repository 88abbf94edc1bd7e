"""Build-time macros for the series site.

mkdocs-macros loads this single file (so `mkdocs serve` reloads it on every
edit). Pure, tested functions first; the thin MkDocs wiring is `define_env` at
the end. Every function raises on bad input: with `on_error_fail: true` a raised
error stops the build, and mkdocs-macros prints the page's file next to the
message, which names the argument and what is allowed.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import nh3
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

SNIPPETS_DIR = "snippets"
DOCS_DIR = "docs"
LOCALES = ("es", "en")
DEFAULT_LOCALE = "es"

SERIES_STATES = ("planned", "construction", "complete", "paused")
SERIES_LEVELS = ("intro", "general", "intermediate", "advanced")
BOOLEAN_WORDS = ("true", "false")

# An article file: two-digit number (01-99), a kebab-case slug, a locale.
# 00 is the series presentation page, not an article.
ARTICLE_FILE = re.compile(r"^(?P<number>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<locale>[a-z]{2})\.md$")
SERIES_DIR_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# extra_rows is HTML by design: rows shaped like the card's own rows, with links.
EXTRA_ROWS_TAGS = frozenset({"a", "abbr", "div", "em", "span", "strong", "time"})
EXTRA_ROWS_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "time": {"datetime"},
}
EXTRA_ROWS_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# UI strings of the card, per page language. Kept here, not in `extra:`, because
# i18n reconfigures `extra` after macros has read it (the English build would
# see the Spanish values).
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
    },
}


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
    return sorted(p.name for p in Path(docs_dir).iterdir() if p.is_dir() and SERIES_DIR_NAME.match(p.name))


def series_articles(docs_dir: Path, series_dir: str, locale: str) -> list[dict]:
    """The articles a series folder holds in one language, in series order.

    Each is a dict with number, slug, file (relative to the series folder) and
    its front matter.
    """
    if not isinstance(series_dir, str) or not SERIES_DIR_NAME.match(series_dir):
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
        _, meta = get_data(path.read_text(encoding="utf-8"))
        articles.append({"number": int(match["number"]), "slug": match["slug"], "file": path.name, "meta": meta})
    return articles


def published_count(docs_dir: Path, series_dir: str, locale: str) -> int:
    return sum(1 for a in series_articles(docs_dir, series_dir, locale) if a["meta"].get("status") == "published")


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
    available = ", ".join(sorted(p.name for p in snippets.glob("*.html"))) or "none"
    candidate = Path(path)
    if candidate.is_absolute() or ".." in candidate.parts or candidate.parts[0] != SNIPPETS_DIR:
        raise ValueError(f"path={path!r} must be relative and start with '{SNIPPETS_DIR}/' (no '..'); available: {available}")
    resolved = (Path(project_dir) / candidate).resolve()
    if not resolved.is_relative_to(snippets):
        raise ValueError(f"path={path!r} leads out of {SNIPPETS_DIR}/ (a link?); available: {available}")
    if not resolved.is_file():
        raise ValueError(f"path={path!r}: no such snippet; available: {available}")
    return resolved.relative_to(snippets).as_posix()


def _jinja(project_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(project_dir) / SNIPPETS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


def _one_of(name: str, value, allowed: tuple) -> str:
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not allowed; allowed: {', '.join(allowed)}")
    return value


def _label(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty text, got {value!r}")
    return value.strip()


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
        "status_label": _label("status_label", arguments["status_label"]),
        "level_label": _label("level_label", arguments["level_label"]),
        "glow_hidden": _one_of("glow_hidden", arguments.get("glow_hidden", "false"), BOOLEAN_WORDS) == "true",
        "extra_rows": sanitize_html(arguments.get("extra_rows", ""), "extra_rows"),
        "article_count": count,
        "articles_value": labels["published"][count != 1].format(n=count),
    }


# Snippets whose arguments are validated before rendering. A snippet not listed
# here gets its arguments autoescaped, and StrictUndefined catches a missing one.
SNIPPET_CONTEXTS = {"series_meta.html": series_meta_context}


def render_snippet(project_dir: Path, path: str, locale: str, **arguments) -> str:
    """Render a snippet under snippets/ as one block of HTML with no blank line.

    No blank line, because Markdown ends a raw HTML block at the first one.
    """
    name = snippet_template(project_dir, path)
    build_context = SNIPPET_CONTEXTS.get(name)
    context = build_context(Path(project_dir) / DOCS_DIR, locale, **arguments) if build_context else arguments
    html = _jinja(project_dir).get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


# -----------------------------------------------------------------------------
# MkDocs wiring
# -----------------------------------------------------------------------------


def define_env(env):
    """Register the macros. Nothing language-dependent is captured here: the i18n
    plugin reconfigures the site after this runs, so the language is read per call."""
    project_dir = Path(env.project_dir)
    problems = missing_twins(project_dir / DOCS_DIR)
    if problems:
        raise PluginError("Every page needs its twin in each language:\n  " + "\n  ".join(problems))

    @env.macro
    def include_html(path, **arguments):
        try:
            return render_snippet(project_dir, path, page_locale(env.page, env.conf), **arguments)
        except ValueError as error:
            raise ValueError(f"include_html({path!r}): {error}") from None


def on_pre_page_macros(env):
    """Per page, before its macros render: Markdown fixes and page-language settings."""
    locale = page_locale(env.page, env.conf)
    env.markdown = indent_list_continuations(env.markdown)
    # MkDocs builds each page's Markdown instance from mdx_configs after this
    # runs, so the heading permalink title follows the page's language.
    env.conf["mdx_configs"].setdefault("toc", {})["permalink_title"] = LABELS[locale]["permalink"]
