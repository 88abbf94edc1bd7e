"""`mkdocs serve` after a save: noticed sooner, and unchanged pages not converted again.

MkDocs looks for changed files every half second, so a save waits a quarter of a
second on average before the rebuild starts; this hook looks every tenth of a
second (a scan of the watched folders, a few milliseconds).

MkDocs then rebuilds every page, and converting Markdown to HTML is the largest
part of a build; an edit changes one page. MkDocs has no event that can skip a
conversion, so this hook wraps `Page.render` with a memo of the last conversion
of each page, in memory, for as long as the process runs.

A conversion is reused only when everything it reads is what it was: the page's
Markdown (after the macros), its place in the site, every file's place in the
site (links are checked and rewritten against them), the Markdown extensions and
their settings, the source file of every function those settings name, and the
link-validation settings. A conversion that logged anything (a broken link, for
one) is not kept, so every build reports the same problems a first build would.
"""

import copy
import hashlib
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

LOGGER = logging.getLogger("mkdocs")
POLL_SECONDS = 0.1


class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records = 0

    def emit(self, record):
        self.records += 1


def _source_hash(function) -> str:
    path = getattr(function, "__globals__", {}).get("__file__")
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else repr(function)


def _settings(value):
    """`value` as plain data, each function as its name and its file's hash."""
    if callable(value):
        return (getattr(value, "__module__", None), getattr(value, "__qualname__", repr(value)), _source_hash(value))
    if isinstance(value, dict):
        return tuple((key, _settings(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_settings(item) for item in value)
    return repr(value)


def inputs(page: Page, config, files) -> tuple:
    """Everything a conversion of `page` reads."""
    return (
        page.markdown,
        (page.file.src_uri, page.file.url, page.file.dest_uri),
        tuple((f.src_uri, f.url, f.dest_uri, f.inclusion.name) for f in files),
        _settings(config["markdown_extensions"]),
        _settings(config["mdx_configs"]),
        repr(config["validation"]),
        config["use_directory_urls"],
    )


def memoized(render):
    memo = {}  # (src_uri, url) -> (inputs, result): the last conversion of each page

    def render_with_memo(self: Page, config, files) -> None:
        key, now = (self.file.src_uri, self.file.url), inputs(self, config, files)
        kept = memo.get(key)
        if kept is not None and kept[0] == now:
            content, toc, title, anchors, links = kept[1]
            self.content, self.toc, self._title_from_render = content, copy.deepcopy(toc), title
            self.present_anchor_ids = set(anchors)
            if links is not None:
                self.links_to_anchors = {files.get_file_from_path(uri): dict(to) for uri, to in links.items()}
            return
        recorder = _Recorder()
        LOGGER.addHandler(recorder)
        try:
            render(self, config, files)
        finally:
            LOGGER.removeHandler(recorder)
        if recorder.records:
            memo.pop(key, None)
            return
        links = self.links_to_anchors
        memo[key] = (now, (self.content, copy.deepcopy(self.toc), self._title_from_render, frozenset(self.present_anchor_ids),
                           None if links is None else {f.src_uri: dict(to) for f, to in links.items()}))

    render_with_memo.unmemoized = render
    return render_with_memo


def on_startup(command, dirty):
    if command == "serve":
        Page.render = memoized(getattr(Page.render, "unmemoized", Page.render))


def on_serve(server, config, builder):
    # The watcher's interval is fixed when MkDocs creates it (livereload's
    # PollingObserver, 0.5 s); each of its emitters keeps a copy.
    emitters = list(server.observer.emitters)
    if not emitters or not all(isinstance(getattr(e, "_timeout", None), float) for e in emitters):
        raise PluginError(f"MkDocs' file watcher changed; update {__file__}")
    for emitter in emitters:
        emitter._timeout = POLL_SECONDS
    return server
