"""mkdocs.yml and the pins, read without building."""

import logging
import re
import tomllib
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config

from conftest import ROOT


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_the_config_validates_without_warnings():
    from mkdocs.config.defaults import MkDocsConfig
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=get_yaml_loader())
    conf = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    conf.load_dict(raw)
    errors, warnings = conf.validate()
    assert (errors, warnings) == ([], [])


def test_strict_and_link_validation(config):
    assert config["strict"] is True
    # Every link problem is a WARNING (30), which strict mode turns into a failed build.
    assert config["validation"]["links"] == {
        "not_found": logging.WARNING, "anchors": logging.WARNING,
        "unrecognized_links": logging.WARNING, "absolute_links": logging.WARNING,
    }
    assert config["validation"]["nav"]["omitted_files"] == logging.WARNING


def test_no_strict_build_is_quiet():
    """A strict build given -q passes with warnings: MkDocs drops them before strict mode counts them."""
    sources = [ROOT / "Makefile", ROOT / ".ci" / "run", *ROOT.glob("bench/*.py"), *ROOT.glob("tests/*.py")]
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "--strict" in line and re.search(r"""(^|[\s"'])(-q|--quiet)([\s"']|$)""", line):
                pytest.fail(f"{path.relative_to(ROOT)}:{number}: a strict build that is quiet ignores warnings")


def test_no_font_or_api_request_from_the_theme(config):
    assert config["theme"]["font"] is False
    assert not config["repo_url"]
    assert "navigation.instant" not in config["theme"]["features"]


def test_site_url_is_set(config):
    assert re.match(r"https?://[^/]+/", config["site_url"])


def test_styles_and_scripts_are_local(config):
    for path in list(config["extra_css"]) + [str(s) for s in config["extra_javascript"]]:
        assert not re.match(r"(https?:)?//", path), path


def test_macros_fail_loudly(config):
    plugin = config["plugins"]["macros"].config
    assert plugin["on_undefined"] == "strict"
    assert plugin["on_error_fail"] is True
    assert plugin["module_name"] == "macros"


def test_i18n_has_no_silent_fallback(config):
    i18n = config["plugins"]["i18n"].config
    assert i18n["fallback_to_default"] is False
    assert [(lang["locale"], lang["default"]) for lang in i18n["languages"]] == [("es", True), ("en", False)]


def test_dev_server_watches_macros_and_snippets(config):
    watched = {str(p).rstrip("/").rsplit("/", 1)[-1] for p in config["watch"]}
    assert {"macros.py", "snippets"} <= watched


def test_the_lock_pins_what_pyproject_declares():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    lock = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            lock[name.lower().replace("_", "-")] = version
    for requirement in direct:
        name, version = requirement.split("==")
        name = name.split("[")[0]  # an extra, as in pagefind[bin], installs more; the package is pinned the same
        assert lock.get(name.lower()) == version, f"{requirement} is not what requirements.lock pins (run make lock)"


def test_emoji_are_inline_svg(config):
    emoji = config["mdx_configs"]["pymdownx.emoji"]
    assert emoji["emoji_generator"].__name__ == "to_svg"


def test_the_privacy_plugin_is_a_guard_that_never_downloads(config):
    privacy = config["plugins"]["material/privacy"].config
    assert privacy["assets_fetch"] is False


def test_the_header_override_is_the_themes_header_without_the_search_plugin_guard():
    """overrides/partials/header.html copies the pinned theme's header with one change;
    when the pin moves and the theme's header changes, this fails until the copy follows."""
    theme = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    guarded = re.search(r'\n( *){% if "material/search" in config.plugins %}\n.*?{% if search.enabled %}\n(.*?)\n *{% endif %}\n *{% endif %}', theme, re.S)
    assert guarded, "the theme's header no longer guards the search box with the search plugin"
    unguarded = "\n" + "\n".join(line[4:] for line in guarded[2].split("\n"))  # two levels less indented
    def body(text):
        return re.sub(r"\A{#-.*?-#}\n", "", text, flags=re.S)
    assert body(ours) == body(theme.replace(guarded[0], unguarded))
