"""Fixes to Material's output that neither CSS nor a block override can make.

Each fix replaces an exact piece of the theme's markup and stops the build when
that piece is gone, so a theme update cannot drop a fix silently.
"""

import re
import shutil
from html import escape, unescape
from pathlib import Path

from mkdocs.exceptions import PluginError

# Material's search overlay is a role="dialog" without a name (axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAME = {"es": "Búsqueda en el sitio", "en": "Site search"}


# A nav section whose first page is its index (navigation.indexes) points
# aria-labelledby at an id no element has, so its landmark has no name
# (axe: landmark-unique). The section's title label gets that id.
NAV_LABELLED_BY = re.compile(r'aria-labelledby="(__nav_[\d_]+)_label"')


def name_nav_sections(output: str, source: str) -> str:
    for nav_id in set(NAV_LABELLED_BY.findall(output)):
        if f'id="{nav_id}_label"' in output:
            continue
        title = f'<label class="md-nav__title" for="{nav_id}">'
        if title not in output:
            raise PluginError(f"{source}: the theme's nav section markup changed; update overrides/hooks/theme_fixes.py")
        output = output.replace(title, f'<label class="md-nav__title" for="{nav_id}" id="{nav_id}_label">')
    return output


# Invalid HTML in the theme's markup (Nu Html Checker errors):
# - `autocomplete` is not allowed on checkboxes (the theme's drawer and search toggles);
# - `tabindex=""` is not an integer; -1 keeps the label out of the tab order, as
#   the theme intends, and still matches the theme's `label[tabindex]` script;
# - a page outside the nav (a draft) has a table-of-contents title `for` a
#   toggle that is not there.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
EMPTY_TABINDEX = ' tabindex=""'
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_html(output: str) -> str:
    output = CHECKBOX_AUTOCOMPLETE.sub(r"\1", output).replace(EMPTY_TABINDEX, ' tabindex="-1"')
    if 'id="__toc"' not in output:
        output = output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


# Tables and display formulas may be wider than a phone: they scroll inside a
# frame instead of widening the page. A frame that scrolls must be reachable from
# the keyboard (axe: scrollable-region-focusable) and say what it holds, so every
# frame is a focusable, named region ("Tabla 2: Fuente, Tamaño, …"), numbered so
# that no two regions of a page share a name. Whether a frame scrolls depends on
# the reader's screen, so all of them get it. Written at build time: the theme's
# script that framed tables after load is not loaded (overrides/main.html), and
# markup written at build time does not shift the page.
FRAME_NAMES = {"es": {"table": "Tabla", "formula": "Fórmula"}, "en": {"table": "Table", "formula": "Formula"}}
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
FIRST_HEADER_ROW = re.compile(r"<thead>\s*<tr>(.*?)</tr>", re.S)
MATH_DISPLAY = '<div class="math-display">'


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def frame_scrollables(output: str, locale: str) -> str:
    names, count = FRAME_NAMES[locale], {"table": 0, "formula": 0}

    def region(kind: str, detail: str = "") -> str:
        count[kind] += 1
        name = f"{names[kind]} {count[kind]}" + (f": {detail}" if detail else "")
        return f'tabindex="0" role="region" aria-label="{escape(name, quote=True)}"'

    def table(match):
        header = FIRST_HEADER_ROW.search(match[1])
        cells = [_plain(cell) for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", header[1], re.S)] if header else []
        detail = ", ".join(cell for cell in cells if cell)
        return (f'<div class="md-typeset__scrollwrap" {region("table", detail)}><div class="md-typeset__table">'
                f"<table>{match[1]}</table></div></div>")

    output = TABLE.sub(table, output)
    pieces = output.split(MATH_DISPLAY)
    return pieces[0] + "".join(f'<div class="math-display" {region("formula")}>{piece}' for piece in pieces[1:])


def fix(output: str, locale: str, source: str) -> str:
    if SEARCH_DIALOG not in output:
        raise PluginError(f"{source}: the theme's search dialog markup changed; update overrides/hooks/theme_fixes.py")
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{SEARCH_DIALOG_NAME[locale]}"')
    return frame_scrollables(valid_html(name_nav_sections(output.replace(SEARCH_DIALOG, named), source)), locale)


def on_post_page(output, page, config):
    locale = getattr(page.file, "locale", None) or config["theme"]["language"]
    return fix(output, locale, page.file.src_uri)


def on_post_template(output, template_name, config):
    """The 404 page is a template, not a page. Every language build renders it to
    the same site/404.html; it is bilingual, so only the default language's build
    writes it (an empty result makes MkDocs skip the file)."""
    if template_name != "404.html":
        return output
    i18n = config["plugins"]["i18n"]
    if i18n.current_language != i18n.default_language:
        return ""
    return fix(output, config["theme"]["language"], template_name)


# The theme copies its script bundle, search worker and lunr language files into
# every build. No page loads them (overrides/main.html, search.js), so they are
# not published; a page that still asked for one would fail the link check.
UNUSED_THEME_SCRIPTS = ("assets/javascripts/bundle.*", "assets/javascripts/workers", "assets/javascripts/lunr")


def on_post_build(config):
    site = Path(config["site_dir"])
    for pattern in UNUSED_THEME_SCRIPTS:
        for path in site.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
