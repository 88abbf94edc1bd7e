"""Smaller files for readers on slow networks: the theme's templates indent every
line of HTML, and our own CSS and JavaScript carry comments meant for authors.

Pages: runs of indentation are collapsed to a single line break, except inside
<pre>, <textarea> and <script>, where whitespace is content. Our CSS loses its
comments and indentation, our JavaScript its indentation and full-line comments.
The sources in docs/ stay as written.
"""

import re
from pathlib import Path

from mkdocs.plugins import event_priority

KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
INDENTATION = re.compile(r"\n\s+")
OUR_ASSET_FOLDERS = ("assets/stylesheets", "assets/javascripts")  # in docs/, so not the theme's


def compact_html(html: str) -> str:
    parts = KEEP.split(html)
    # split() with two groups yields [text, whole, name, text, whole, name, ...].
    out = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(INDENTATION.sub("\n", part))
        elif index % 3 == 1:
            out.append(part)
    return "".join(out)


def compact_css(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s*\n\s*", "\n", css)
    return re.sub(r"\n+", "\n", css).strip() + "\n"


def compact_js(js: str) -> str:
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


@event_priority(-300)  # after every other hook has edited the page
def on_post_page(output, page, config):
    return compact_html(output)


@event_priority(-300)
def on_post_template(output, template_name, config):
    return compact_html(output) if template_name.endswith(".html") and output else output


@event_priority(-300)
def on_post_build(config):
    docs, site = Path(config["docs_dir"]), Path(config["site_dir"])
    for folder in OUR_ASSET_FOLDERS:
        for source in sorted((docs / folder).rglob("*")):
            target = site / source.relative_to(docs)
            if source.suffix == ".css" and target.is_file():
                target.write_text(compact_css(source.read_text(encoding="utf-8")), encoding="utf-8")
            elif source.suffix == ".js" and target.is_file():
                target.write_text(compact_js(source.read_text(encoding="utf-8")), encoding="utf-8")
