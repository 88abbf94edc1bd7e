"""Where one strict bilingual build spends its time (part of make bench).

Builds the project in this process, timing the phases of MkDocs and of the
plugins and hooks with a wall clock around each; phases nest (the Markdown is
converted inside "page: macros and Markdown"), so the lines do not add up to
the total. Run from the project folder: `python bench/build_profile.py [--warm]`;
without --warm the compiled templates in .cache are deleted first.
"""

import collections
import os
import shutil
import sys
import tempfile
import time

START = time.perf_counter()
os.environ["NO_MKDOCS_2_WARNING"] = "1"

import jinja2  # noqa: E402
import markdown  # noqa: E402
import mkdocs.commands.build as build  # noqa: E402
import mkdocs.config  # noqa: E402
import mkdocs.structure.files as files  # noqa: E402
import mkdocs_macros.plugin as macros  # noqa: E402
import mkdocs_static_i18n  # noqa: E402, F401
import subprocess  # noqa: E402

IMPORTS = time.perf_counter() - START
seconds, calls = collections.Counter(), collections.Counter()


def timed(owner, name, label):
    function = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start
            calls[label] += 1
    setattr(owner, name, wrapper)


PHASES = [
    (mkdocs.config, "load_config", "configuration (mkdocs.yml, plugins)"),
    (macros.MacrosPlugin, "on_config", "mkdocs-macros set-up, macros.py (per language)"),
    (files.Files, "add_files_from_theme", "theme files listed (per language)"),
    (build, "_populate_page", "page: macros and Markdown"),
    (macros.MacrosPlugin, "on_page_markdown", "  macros (Jinja compile and render, our macros)"),
    (jinja2.Environment, "compile", "  Jinja compile, all templates"),
    (markdown.Markdown, "convert", "  Markdown to HTML"),
    (build, "_build_theme_template", "theme templates (404, sitemap)"),
    (build, "_build_page", "page: theme template and hooks, written"),
    (subprocess, "run", "subprocesses (Pagefind, git)"),
]


def main():
    if "--warm" not in sys.argv:
        shutil.rmtree(".cache", ignore_errors=True)
    for owner, name, label in PHASES:
        timed(owner, name, label)
    site = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        config = mkdocs.config.load_config("mkdocs.yml", strict=True, site_dir=site)
        config.plugins.on_startup(command="build", dirty=False)
        build.build(config)
        config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site)
    state = "with .cache" if "--warm" in sys.argv else "without .cache"
    print(f"one build, {state}: {time.perf_counter() - START:.2f} s, imports {IMPORTS:.2f} s")
    for _, _, label in PHASES:
        if calls[label]:
            print(f"  {seconds[label]:5.2f} s  ×{calls[label]:<4} {label}")


if __name__ == "__main__":
    main()
