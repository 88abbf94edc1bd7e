"""Every built page is valid HTML according to the Nu Html Checker (npm vnu-jar, run with Java)."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.site
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_html_checker_reports_no_error(site_dir):
    java = shutil.which("java")
    assert java, "Java is missing: install a JRE (Debian: default-jre-headless; .ci/run does)"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci` (make test does)"
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url'].split('/site', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == [], "\n".join(errors[:20])
