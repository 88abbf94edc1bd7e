"""Figures' drawings join each page after its Markdown is converted.

The figure() macro (macros.py, hold_figure_art) leaves a placeholder where the
drawing goes, so that Markdown does not parse a third of an article's HTML only to
pass it through; this hook puts each drawing in its place, and stops the build
if a placeholder is not found exactly once.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(100)  # before any other plugin reads the page's HTML
def on_page_content(html, page, config, files):
    for number, (placeholder, art) in enumerate(getattr(page, "figure_art", {}).items(), start=1):
        found = html.count(placeholder)
        if found != 1:
            raise PluginError(f"docs/{page.file.src_uri}: figure {number}'s drawing has {found} places in the converted "
                              "page, not one (is its figure() call inside code or a link?)")
        html = html.replace(placeholder, art)
    return html
