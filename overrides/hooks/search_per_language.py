"""One search index per language, loaded only when a reader searches.

The i18n plugin merges both languages into one index, so a Spanish reader gets
English results too. After it has written that index, this hook splits it:
`search/search_index.json` keeps the Spanish pages and `en/search/search_index.json`
the English ones, and each page's theme configuration points the search at the
index of its own language.

The theme's search would download the index, a worker and the lunr language
files on every page view; its script is not loaded at all (overrides/main.html).
docs/assets/javascripts/search.js drives the theme's search box and fetches the
index of the page's language the first time the box is opened; the matching,
accent-blind and with a stemmer per language, is in search-engine.js.
"""

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": ")([^"]*)(")')


def split_index(index: dict, locales: list[str], default: str) -> dict[str, dict]:
    """The merged index as one index per language, locations relative to that language's root."""
    split = {}
    for locale in locales:
        prefix = "" if locale == default else f"{locale}/"
        others = tuple(f"{other}/" for other in locales if other != default and other != locale)
        docs = []
        for doc in index["docs"]:
            location = doc["location"]
            if prefix and not location.startswith(prefix):
                continue
            if not prefix and location.startswith(others):
                continue
            docs.append({**doc, "location": location[len(prefix):]})
        split[locale] = {"config": {**index["config"], "lang": [locale]}, "docs": docs}
    return split


def _languages(config):
    languages = config["plugins"]["i18n"].config["languages"]
    return [lang["locale"] for lang in languages], next(lang["locale"] for lang in languages if lang["default"])


def on_post_page(output, page, config):
    """Point the page's search at the index of its language."""
    locales, default = _languages(config)
    locale = getattr(page.file, "locale", default)
    if locale == default:
        return output
    match = CONFIG_BASE.search(output)
    if not match:
        raise PluginError(f"{page.file.src_uri}: the theme's __config markup changed; update {__file__}")
    # The theme resolves URLs against the base, so it needs the trailing slash.
    base = f"{match[2]}/{locale}/" if match[2] not in ("", ".") else f"{locale}/"
    return output[:match.start()] + match[1] + base + match[3] + output[match.end():]


@event_priority(-200)  # after the i18n plugin (-100) has written the merged index
def on_post_build(config):
    site = Path(config["site_dir"])
    merged = site / "search" / "search_index.json"
    if not merged.is_file():
        return
    locales, default = _languages(config)
    index = json.loads(merged.read_text(encoding="utf-8"))
    for locale, data in split_index(index, locales, default).items():
        target = site / ("" if locale == default else locale) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
