"""Build-speed benchmark (part of make bench): the site's strict bilingual build
against plain Material on the same Markdown, and the rebuild an author waits for.

1. Full build: `mkdocs build --strict` of the site, and a plain Material build
   (theme material, font: false, its search plugin, nothing else) of the same
   docs/ folder, alternated in one run after a warm-up, median of RUNS each;
   ours both as a fresh clone's first build (no .cache) and as any build after.
2. The same with every article repeated SCALE times (copies of the series
   folder), to see whether the cost grows faster than the Markdown.
3. Under `mkdocs serve`, the time from saving a one-sentence edit to the open
   page's reload (the live-reload poll answering that the rebuild is done).
4. Where one build's time goes, phase by phase (bench/build_profile.py).

A benchmark, not a test: it prints numbers and never fails on them.
"""

import concurrent.futures
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
SCALE = 5
PROJECT_PARTS = ("mkdocs.yml", "macros.py", "snippets", "overrides", "docs", "data")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SITE_URL", None)


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    return target


def plain_config(project: Path) -> Path:
    """Plain Material over the project's docs/: what the Markdown alone costs."""
    path = project / "plain.yml"
    path.write_text(yaml.dump({"site_name": "Plain", "docs_dir": str(project / "docs"),
                               "theme": {"name": "material", "font": False}, "plugins": ["search"]}), encoding="utf-8")
    return path


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def compare(project: Path, label: str) -> None:
    """Ours twice, without and with the compiled templates kept from the build
    before (.cache: a fresh clone's first build, and every build after it)."""
    # No -q: MkDocs then drops warnings before --strict can count them.
    ours = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")]
    plain = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config(project)), "-d", str(project / "plain-site")]
    timed(ours, project), timed(plain, project)  # warm-up: caches, bytecode
    times = {"first": [], "site": [], "plain": []}
    for _ in range(RUNS):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        times["first"].append(timed(ours, project))
        times["site"].append(timed(ours, project))
        times["plain"].append(timed(plain, project))
    first, site, base = (statistics.median(times[k]) for k in ("first", "site", "plain"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (project / "docs").rglob("*.md"))
    print(f"{label}: {words} words of Markdown; strict bilingual build {site:.2f} s ({first:.2f} s without .cache), "
          f"plain Material {base:.2f} s (medians of {RUNS}); ratio {site / base:.2f} ({first / base:.2f} without .cache)")


def scaled(project: Path) -> Path:
    """Every article SCALE times: copies of the series folder, listed in the nav."""
    config_path = project / "mkdocs.yml"
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=get_yaml_loader())
    series = project / "docs" / "multimodalidad-iag"
    for n in range(2, SCALE + 1):
        shutil.copytree(series, project / "docs" / f"multimodalidad-iag-{n}")
        config["nav"].append({f"Copia {n}": [f"multimodalidad-iag-{n}/index.md"]})
    text = config_path.read_text(encoding="utf-8")
    nav = text.index("\nnav:")
    config_path.write_text(text[:nav] + "\n" + yaml.dump({"nav": config["nav"]}, allow_unicode=True), encoding="utf-8")
    return project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rebuild_time(project: Path) -> list[float]:
    """Seconds from saving a one-sentence edit to the browser's reload: the moment
    the live-reload poll, which an open page keeps waiting, answers that the
    rebuild is done (both languages and the search index); the reloaded page must
    show the edit."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/multimodalidad-iag/01-que-es-multimodalidad/"
    source = project / "docs" / "multimodalidad-iag" / "01-que-es-multimodalidad.es.md"

    def fetch(url: str, timeout: float = 70) -> str:
        return urllib.request.urlopen(url, timeout=timeout).read().decode()

    def served_page(timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                return fetch(page, timeout=5)
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the preview never served the page")

    try:
        times = []
        for n in range(RUNS):
            epoch = re.search(r"livereload\((\d+), \d+\)", served_page()).group(1)
            poll = concurrent.futures.ThreadPoolExecutor(1).submit(fetch, f"http://127.0.0.1:{port}/livereload/{epoch}/{n}")
            time.sleep(0.5)  # the poll is waiting, as an open page's is
            marker = f"Frase de prueba {n}."
            text = re.sub(r"\n\nFrase de prueba \d+\.\n", "", source.read_text(encoding="utf-8"))
            heading = text.index("\n## ")
            start = time.perf_counter()
            source.write_text(text[:heading] + f"\n\n{marker}\n" + text[heading:], encoding="utf-8")
            if int(poll.result()) <= int(epoch):
                raise RuntimeError("the live-reload poll timed out")
            times.append(time.perf_counter() - start)
            if marker not in served_page():
                raise RuntimeError(f"the reloaded page does not show {marker!r}")
            time.sleep(1)
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)


def profile(project: Path) -> None:
    """Where one build's time goes, first without and then with .cache (bench/build_profile.py)."""
    script = str(Path(__file__).with_name("build_profile.py"))
    for extra in ([], ["--warm"]):
        result = subprocess.run([sys.executable, script, *extra], cwd=project, env=ENV, check=True, capture_output=True, text=True)
        print(result.stdout, end="")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        compare(copy_project(Path(tmp) / "site"), "site as it is")
        profile(Path(tmp) / "site")
        compare(scaled(copy_project(Path(tmp) / "scaled")), f"articles ×{SCALE}")
        times = rebuild_time(copy_project(Path(tmp) / "serve"))
        print(f"mkdocs serve: one-sentence edit to the browser's reload, median {statistics.median(times):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times)}); this includes the server's own wait for changes to settle")


if __name__ == "__main__":
    main()
