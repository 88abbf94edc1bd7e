"""Every built page of both languages: internal links and anchors resolve, nothing loads from another host.

A small checker rather than linkchecker: it reads the built folder without a
server, checks #fragments against ids (MkDocs validates only Markdown links, not
the raw HTML that macros emit), and needs no extra dependency.
"""

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import site_url_of
from html_tree import parse_html

pytestmark = pytest.mark.site

# Attributes through which a page makes the browser fetch something.
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
FETCHED_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon", "manifest", "apple-touch-icon"}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@lru_cache(maxsize=None)
def ids_of(path: Path) -> frozenset:
    root = parse_html(path.read_text(encoding="utf-8"))
    return frozenset(el.attrs["id"] for el in root.iter() if "id" in el.attrs) | frozenset(
        el.attrs["name"] for el in root.find_all("a") if "name" in el.attrs
    )


def target_file(site: Path, page: Path, url: str, base: str):
    """The built file a same-site URL points at, or None for other sites."""
    if base and url.startswith(base):
        url = "/" + url[len(base):]
    elif url.startswith("/"):
        # Root-relative links carry site_url's path (the site may live under /repo/).
        base_path = urlsplit(base).path
        if not url.startswith(base_path):
            return site / "__outside_the_site__" / url.lstrip("/")
        url = "/" + url[len(base_path):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page
    if parts.path.startswith("/"):
        resolved = site / unquote(parts.path).lstrip("/")
    else:
        resolved = (page.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def links_of(root):
    for el in root.find_all():
        if el.tag in ("a", "area", "link") and el.attrs.get("href"):
            yield el, el.attrs["href"]
        for attribute in RESOURCE_ATTRIBUTES.get(el.tag, ()):
            value = el.attrs.get(attribute)
            if value:
                for candidate in value.split(",") if attribute == "srcset" else [value]:
                    yield el, candidate.strip().split(" ")[0]


def test_the_site_has_pages_in_both_languages(site_dir):
    files = html_files(site_dir)
    assert any(f.parts[-2] == "multimodalidad-iag" for f in files)
    assert (site_dir / "en" / "multimodalidad-iag" / "index.html") in files


def test_every_internal_link_and_anchor_resolves(site_dir):
    base = site_url_of(site_dir)
    broken = []
    for page in html_files(site_dir):
        root = parse_html(page.read_text(encoding="utf-8"))
        for el, url in links_of(root):
            if url.startswith(("mailto:", "data:")):
                continue
            target = target_file(site_dir, page, url, base)
            if target is None:
                continue
            where = f"{page.relative_to(site_dir)}: <{el.tag}> {url}"
            if not target.is_file():
                broken.append(f"{where} -> missing {target}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{where} -> no id '{fragment}' in {target.relative_to(site_dir)}")
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_another_host(site_dir):
    base = site_url_of(site_dir)
    external = []
    for page in html_files(site_dir):
        root = parse_html(page.read_text(encoding="utf-8"))
        for el in root.find_all():
            urls = []
            if el.tag == "link" and FETCHED_LINK_RELS & set(el.attrs.get("rel", "").lower().split()):
                urls.append(el.attrs.get("href", ""))
            for attribute in RESOURCE_ATTRIBUTES.get(el.tag, ()):
                urls += [u.strip().split(" ")[0] for u in el.attrs.get(attribute, "").split(",")]
            if "style" in el.attrs:
                urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", el.attrs["style"])
            for url in urls:
                if re.match(r"^(https?:)?//", url) and not (base and url.startswith(base)):
                    external.append(f"{page.relative_to(site_dir)}: <{el.tag}> {url}")
        for style in root.find_all("style"):
            external += [f"{page.relative_to(site_dir)}: <style> {u}" for u in re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")]+)", style.text)]
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)", css.read_text(encoding="utf-8")):
            external.append(f"{css.relative_to(site_dir)}: {url}")
    assert not external, "\n".join(external)


def test_the_checker_catches_a_broken_anchor_and_an_external_script(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<a href="#nowhere">x</a><a href="falta/">y</a><script src="https://cdn.example/x.js"></script>')
    root = parse_html(page.read_text())
    urls = [url for _, url in links_of(root)]
    assert urls == ["#nowhere", "falta/", "https://cdn.example/x.js"]
    assert "nowhere" not in ids_of(page)
    assert not target_file(tmp_path, page, "falta/", "").is_file()
    assert target_file(tmp_path, page, "https://cdn.example/x.js", "") is None
