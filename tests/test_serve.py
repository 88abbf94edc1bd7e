"""`mkdocs serve` (what `make serve` runs) previews the site and rebuilds when macros.py or snippets/ change."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from test_build_failures import edit, project  # noqa: F401  (fixture: a copy of the project)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, text, timeout=60):
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode()
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_reloads_on_macro_and_snippet_edits(project):  # noqa: F811
    port = free_port()
    # An author's preview: at the root, whatever address CI builds the published site for.
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        landing = f"http://127.0.0.1:{port}/multimodalidad-iag/"
        wait_for(landing, 'aria-label="Ficha de la serie"')
        wait_for(f"http://127.0.0.1:{port}/en/multimodalidad-iag/", 'aria-label="Series facts"')
        edit(project, "macros.py", '"card": "Ficha de la serie"', '"card": "Ficha editada"')
        wait_for(landing, 'aria-label="Ficha editada"')
        edit(project, "snippets/series_meta.html", 'class="series-meta"', 'class="series-meta series-meta--edited"')
        wait_for(landing, "series-meta--edited")
    finally:
        server.terminate()
        server.wait(timeout=10)
