"""Accessibility fixes to Material's HTML that neither CSS nor a block override can make.

Each fix replaces an exact piece of the theme's markup and stops the build when
that piece is gone, so a theme update cannot drop a fix silently.
"""

import re

from mkdocs.exceptions import PluginError

# Material's search overlay is a role="dialog" without a name (axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAME = {"es": "Búsqueda en el sitio", "en": "Site search"}


# A nav section whose first page is its index (navigation.indexes) points
# aria-labelledby at an id no element has, so its landmark has no name
# (axe: landmark-unique). The section's title label gets that id.
NAV_LABELLED_BY = re.compile(r'aria-labelledby="(__nav_[\d_]+)_label"')


def name_nav_sections(output: str, source: str) -> str:
    for nav_id in set(NAV_LABELLED_BY.findall(output)):
        if f'id="{nav_id}_label"' in output:
            continue
        title = f'<label class="md-nav__title" for="{nav_id}">'
        if title not in output:
            raise PluginError(f"{source}: the theme's nav section markup changed; update overrides/hooks/theme_fixes.py")
        output = output.replace(title, f'<label class="md-nav__title" for="{nav_id}" id="{nav_id}_label">')
    return output


def on_post_page(output, page, config):
    source = page.file.src_uri
    if SEARCH_DIALOG not in output:
        raise PluginError(f"{source}: the theme's search dialog markup changed; update overrides/hooks/theme_fixes.py")
    locale = getattr(page.file, "locale", None) or config["theme"]["language"]
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{SEARCH_DIALOG_NAME[locale]}"')
    return name_nav_sections(output.replace(SEARCH_DIALOG, named), source)
