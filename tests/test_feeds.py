"""The Atom feeds, read by a real feed parser: one per language, the published
articles newest first, each with its title, summary, dates and link."""

import feedparser
import pytest
from mkdocs.utils.meta import get_data

import macros
from conftest import DOCS, page_path

pytestmark = pytest.mark.site


def published_articles(locale: str) -> list[dict]:
    """What the sources say the feed must list, newest first."""
    found = []
    for source in sorted(DOCS.glob(f"*/[0-9][0-9]-*.{locale}.md")):
        if not macros.article_of(f"{source.parent.name}/{source.name}"):
            continue
        _, meta = get_data(source.read_text(encoding="utf-8"))
        if meta["status"] == "published":
            found.append({"title": meta["title"], "summary": meta["description"], "published": meta["history"][-1]["date"],
                          "updated": meta["last_reviewed"], "path": f"{source.parent.name}/{source.name[:-len('.xx.md')]}/",
                          "number": meta["number"]})
    return sorted(found, key=lambda a: (a["published"], a["number"]), reverse=True)


def read_feed(site_dir, locale):
    feed = feedparser.parse((site_dir / macros.locale_prefix(locale) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_each_language_has_a_feed_of_its_published_articles_newest_first(site_dir, site_url, locale):
    feed = read_feed(site_dir, locale)
    assert feed.version == "atom10"
    assert feed.feed.language == locale
    expected = published_articles(locale)
    assert expected, "no published article to list"
    assert [e.title for e in feed.entries] == [a["title"] for a in expected]
    for entry, article in zip(feed.entries, expected):
        assert entry.summary == article["summary"]
        assert entry.link == site_url + macros.locale_prefix(locale) + article["path"]
        assert entry.published.startswith(article["published"].isoformat())
        assert entry.updated.startswith(article["updated"].isoformat())
        assert page_path(site_dir, locale, article["path"]).is_file(), "the entry links a built page"


@pytest.mark.parametrize("locale", macros.LOCALES)
def test_every_page_announces_the_feed_of_its_language(site_dir, load_page, locale):
    for page in ("", "multimodalidad-iag/", "multimodalidad-iag/01-que-es-multimodalidad/"):
        links = [l for l in load_page(locale, page).find_all("link", rel="alternate") if l.attrs.get("type") == "application/atom+xml"]
        assert len(links) == 1, page
        href = links[0].attrs["href"]
        target = (page_path(site_dir, locale, page).parent / href).resolve()
        assert target == (site_dir / macros.locale_prefix(locale) / "feed.xml").resolve()
