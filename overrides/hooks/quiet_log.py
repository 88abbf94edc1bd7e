"""One line per build for the author: what the plugins and the live server say
at the INFO level about their own work ("Building documentation...", the macros
plugin's module list, the i18n plugin's overrides, "Reloading browsers", a
skipped template) is left out; warnings and errors are not, and `--verbose` shows
everything. A macro error that mkdocs-macros reports with a traceback (a Jinja
syntax error, an undefined variable) is cut to one line with the file and the
line of the call; the kit's own errors are already written that way (macros.py).
"""

import logging
import re
from pathlib import Path

# The INFO lines an author reads: the result of each build, and where the preview is.
KEPT = ("Documentation built in", "Serving on")
MACRO_ERROR = re.compile(r"_File_: `(?P<file>[^`]+)`.*?_(?P<type>\w+)_: (?P<message>[^\n]+)", re.S)
TEMPLATE_LINE = re.compile(r'File "<template>", line (?P<line>\d+)|_Line (?P<syntax>\d+) in Markdown file')


def front_matter_lines(path: Path) -> int:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    match = re.match(r"---\n.*?\n---\n", text, re.S)
    return match[0].count("\n") if match else 0


class AuthorsView(logging.Filter):
    def filter(self, record):
        if logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO:
            return True  # --verbose
        if record.levelno >= logging.WARNING:
            self.shorten_macro_error(record)
            return True
        return record.getMessage().startswith(KEPT) or "Serving on" in record.getMessage()

    @staticmethod
    def shorten_macro_error(record):
        text = record.getMessage()
        match = MACRO_ERROR.search(text)
        if not match:
            return
        where = TEMPLATE_LINE.search(text)
        line = ""
        if where:
            offset = front_matter_lines(Path("docs") / match["file"])
            line = f":{int(where['line'] or where['syntax']) + offset}"
        record.msg, record.args = f"docs/{match['file']}{line}: {match['type']}: {match['message'].strip('*')}", ()


def _install():
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, AuthorsView) for f in handler.filters):
            handler.addFilter(AuthorsView())


_install()


def on_pre_build(config):
    """The i18n plugin hides its inner builds' "Documentation built in" lines with a
    filter it removes when it finishes; a build that fails half-way leaves it on, and
    every later rebuild under `mkdocs serve` would then print nothing at all."""
    if config["plugins"]["i18n"].building:
        return
    build_logger = logging.getLogger("mkdocs.commands.build")
    for stale in [f for f in build_logger.filters if type(f).__name__ == "I18nLoggingFilter"]:
        build_logger.removeFilter(stale)
