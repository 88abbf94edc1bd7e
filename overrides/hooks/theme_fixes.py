"""Accessibility fixes to Material's HTML that neither CSS nor a block override can make.

Each fix replaces an exact piece of the theme's markup and stops the build when
that piece is gone, so a theme update cannot drop a fix silently.
"""

from mkdocs.exceptions import PluginError

# Material's search overlay is a role="dialog" without a name (axe: aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAME = {"es": "Búsqueda en el sitio", "en": "Site search"}


def on_post_page(output, page, config):
    if SEARCH_DIALOG not in output:
        raise PluginError(f"{page.file.src_uri}: the theme's search dialog markup changed; update overrides/hooks/theme_fixes.py")
    locale = getattr(page.file, "locale", None) or config["theme"]["language"]
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{SEARCH_DIALOG_NAME[locale]}"')
    return output.replace(SEARCH_DIALOG, named)
