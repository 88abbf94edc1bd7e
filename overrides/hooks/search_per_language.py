"""One search index per language, each with its own language rules and accent folding.

The i18n plugin merges both languages into one index, so a Spanish reader gets
English results too. After it has written that index, this hook splits it:
`search/search_index.json` keeps the Spanish pages and `en/search/search_index.json`
the English ones, and each page's theme configuration points the search at the
index of its own language.

Each index loads its own lunr language module (its trimmer and stop words).
Readers often type Spanish without accents, and lunr does not fold them, so each
entry gets a `folded` field: its accented words written without accents,
indexed but never shown.
"""

import json
import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

WORD = re.compile(r"[^\W\d_]+")
TAG = re.compile(r"<[^>]+>")
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": ")([^"]*)(")')


def fold(word: str) -> str:
    """The word without diacritics (á → a, ñ → n, ü → u)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def folded_words(*texts: str) -> str:
    """The accented words of the texts, folded, once each, in order of appearance."""
    seen = {}
    for text in texts:
        for word in WORD.findall(TAG.sub(" ", text)):
            plain = fold(word)
            if plain != word:
                seen.setdefault(plain.lower(), None)
    return " ".join(seen)


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
            doc = {**doc, "location": location[len(prefix):]}
            folded = folded_words(doc.get("title", ""), doc.get("text", ""))
            if folded:
                doc["folded"] = folded
            docs.append(doc)
        config = {**index["config"], "lang": [locale]}
        config["fields"] = {**config.get("fields", {}), "folded": {"boost": 1.0}}
        split[locale] = {"config": config, "docs": docs}
    return split


def _languages(config):
    languages = config["plugins"]["i18n"].config["languages"]
    return [lang["locale"] for lang in languages], next(lang["locale"] for lang in languages if lang["default"])


def on_post_page(output, page, config):
    """Point the search of a page in another language than the default at that language's index."""
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
