"""`mkdocs serve` (what `make serve` runs) previews the site and rebuilds when macros.py or snippets/ change."""

import os
import re
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


def start_serve(project, log=None):
    """`mkdocs serve` on a free port, as an author previews: at the root, whatever
    address CI builds the published site for; its output goes to `log`, if given."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    out = log.open("w") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
    )
    if log:
        out.close()
    return server, port


def test_serve_reloads_on_macro_and_snippet_edits(project):  # noqa: F811
    server, port = start_serve(project)
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


def test_serve_reports_a_bad_citation_in_two_lines_stays_up_and_recovers(project):  # noqa: F811
    """An author's typo: one or two lines naming the file and the line, the preview keeps
    running, and the next save rebuilds it. A good rebuild prints one line."""
    log = project / "serve.log"
    server, port = start_serve(project, log)
    article = "docs/multimodalidad-iag/01-que-es-multimodalidad.es.md"
    url = f"http://127.0.0.1:{port}/multimodalidad-iag/01-que-es-multimodalidad/"
    try:
        wait_for(url, "goh2021multimodal")
        started = log.read_text()
        assert [line for line in started.splitlines() if line.strip()][-1].endswith(f"Serving on http://127.0.0.1:{port}/")
        lines = (project / article).read_text(encoding="utf-8").split("\n")
        number = next(i for i, line in enumerate(lines) if 'cite("goh2021multimodal")' in line) + 1
        edit(project, article, 'cite("goh2021multimodal")', 'cite("goh2099inventado")')
        deadline = time.monotonic() + 60
        while "goh2099inventado" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)
        report = log.read_text()[len(started):]
        errors = [line for line in report.splitlines() if line.strip() and "rebuild" not in line]
        assert f"{article}:{number}: cite: unknown key 'goh2099inventado'" in report
        assert "Traceback" not in report and len(errors) <= 3, report
        assert server.poll() is None, "the preview is still running"
        before = log.read_text()
        path = project / article  # the fix and a visible change in one save: one rebuild
        text = path.read_text(encoding="utf-8").replace('cite("goh2099inventado")', 'cite("goh2021multimodal")')
        path.write_text(text.replace("## Dónde falla", "## Dónde falla de nuevo", 1), encoding="utf-8")
        wait_for(url, "Dónde falla de nuevo")
        deadline = time.monotonic() + 90  # the line comes after the last step (the English build, the index)
        while "Documentation built in" not in log.read_text()[len(before):] and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        rebuild = [line for line in log.read_text()[len(before):].splitlines() if line.strip()]
        assert len(rebuild) == 1 and "Documentation built in" in rebuild[0], log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)


LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


def test_serve_reuses_unchanged_pages_yet_checks_them_and_serves_what_a_build_makes(project, tmp_path):  # noqa: F811
    """Under serve a page whose Markdown did not change is not converted again
    (overrides/hooks/fast_preview.py): a link in an unchanged page to a heading that
    an edit removed still stops the build, and after the fix every page served is
    the page a fresh build of the same files makes."""
    log = project / "serve.log"
    server, port = start_serve(project, log)
    home, article = f"http://127.0.0.1:{port}/", "docs/multimodalidad-iag/01-que-es-multimodalidad.es.md"
    try:
        wait_for(f"{home}multimodalidad-iag/01-que-es-multimodalidad/", "Dónde falla")
        edit(project, "docs/index.es.md", "(multimodalidad-iag/index.md)",
             "(multimodalidad-iag/index.md) ([dónde falla](multimodalidad-iag/01-que-es-multimodalidad.md#donde-falla))")
        wait_for(home, "01-que-es-multimodalidad/#donde-falla")
        before = log.read_text()
        edit(project, article, "## Dónde falla { #donde-falla }", "## Dónde falla { #donde-falla-ahora }")
        deadline = time.monotonic() + 90
        while "donde-falla-ahora" not in log.read_text() and "Aborted" not in log.read_text()[len(before):] \
                and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        report = log.read_text()[len(before):]
        assert "index.es.md" in report and "#donde-falla" in report and "Aborted" in report, report
        before = log.read_text()
        edit(project, article, "{ #donde-falla-ahora }", "{ #donde-falla }\n\nUna frase nueva.")
        deadline = time.monotonic() + 90  # the whole rebuild: both languages
        while "Documentation built in" not in log.read_text()[len(before):] and time.monotonic() < deadline:
            time.sleep(0.2)
        wait_for(f"{home}multimodalidad-iag/01-que-es-multimodalidad/", "Una frase nueva.")

        fresh = tmp_path / "fresh"
        build_env = {**os.environ, "SITE_URL": home}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(fresh)],
                       cwd=project, env=build_env, check=True, capture_output=True)
        pages = sorted(fresh.rglob("index.html"))
        assert len(pages) >= 20
        for page in pages:
            url = home + page.parent.relative_to(fresh).as_posix().removeprefix(".") + "/"
            served = LIVERELOAD.sub(b"", urllib.request.urlopen(url.replace(f"{home}/", home), timeout=10).read())
            assert served == page.read_bytes(), f"{url} differs from a fresh build"
    finally:
        server.terminate()
        server.wait(timeout=10)
