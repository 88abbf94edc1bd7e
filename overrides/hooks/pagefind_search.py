"""Search on Pagefind: the built pages indexed after the last language is built.

Pagefind keeps one index per `<html lang>`, stems Spanish and English, ignores
accents while ranking exact ones higher, and splits its index in chunks that the
reader's browser fetches only when a query needs them. docs/assets/javascripts/
search.js drives the theme's search box with it, loading it the first time the box
opens. What is indexed is each page's prose and headings; the parts listed in
NOT_INDEXED are not, and drafts are not at all. Each glossary entry is a section
with its own heading, so a search for a term finds its definition.
"""

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# The article element of the theme's page; the attribute marks what Pagefind indexes.
ARTICLE = '<article class="md-content__inner md-typeset">'
INDEXED_ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'

NOT_INDEXED = (
    ".headerlink",          # the ¶ after each heading
    ".series-meta",         # series and article cards
    ".translation-note",
    ".series-figure",       # figure labels and captions
    ".widget-controls",
    "pre",                  # code and its printed output
    ".math-display",
    ".references",          # the reference list
    ".further-reading",
    ".citation",
    ".article-history",
    ".series-pager",
)

# Pagefind writes its own result interfaces too; the site uses the theme's box.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def build_index(site: Path) -> None:
    """Index the built site with Pagefind's own binary (installed with its Python package)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    for selector in NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index {site}: {result.stdout}{result.stderr}")
    bundle = site / "pagefind"
    for pattern in UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    # Pagefind lists the languages in no fixed order; sorted, two builds of one
    # commit write the same bytes.
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_post_page(output, page, config):
    """Mark the page for the index, unless it is a draft (listed nowhere, searched by no one)."""
    if (page.meta or {}).get("status") == "draft":
        return output
    if ARTICLE not in output:
        raise PluginError(f"{page.file.src_uri}: the theme's article markup changed; update {__file__}")
    return output.replace(ARTICLE, INDEXED_ARTICLE, 1)


# Under `mkdocs serve` the index is written while the browser already reloads the
# page, so an author does not wait for it after each save. MkDocs loads this file
# again for every rebuild, so what lasts is kept by the process: its environment
# says it is a preview, and the indexing thread is found by its name.
SERVING = "MULTIMODALIDAD_SERVING"
INDEXING = "pagefind-index"


def on_startup(command, dirty):
    if command == "serve":
        os.environ[SERVING] = "1"


def index_in_background(site: Path) -> None:
    def run():
        try:
            build_index(site)
        except PluginError as error:
            logging.getLogger("mkdocs").error(str(error))
    threading.Thread(target=run, name=INDEXING, daemon=True).start()


def on_pre_build(config):
    """A preview's next build starts after the last index is written (it cleans the site)."""
    for thread in threading.enumerate():
        if thread.name == INDEXING:
            thread.join()


@event_priority(-200)  # after the i18n plugin's (-100), which builds the other languages from its own
def on_post_build(config):
    """Index once, when the i18n plugin has built every language and written its
    last file (its inner builds, one per other language, run this hook too)."""
    if config["plugins"]["i18n"].building:
        return
    if os.environ.get(SERVING):
        index_in_background(Path(config["site_dir"]))
    else:
        build_index(Path(config["site_dir"]))
