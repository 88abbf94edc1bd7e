"""Two builds of the same commit are byte-identical, and their dates come from the commit."""

import datetime
import filecmp
import gzip
import re
import struct

import pytest

from conftest import ROOT, strict_build

pytestmark = pytest.mark.site
COMMIT_TIME = 1_700_000_000  # a fixed "commit" far from today: the clock must not show through


def tree(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_two_builds_are_identical_and_dated_by_the_commit(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(COMMIT_TIME))
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        result = strict_build(ROOT, site)
        assert result.returncode == 0, result.stdout + result.stderr
    assert tree(first) == tree(second)
    _, mismatch, errors = filecmp.cmpfiles(first, second, tree(first), shallow=False)
    assert mismatch == [] and errors == []
    gz_mtime = struct.unpack("<I", (first / "sitemap.xml.gz").read_bytes()[4:8])[0]
    commit_day = datetime.datetime.fromtimestamp(COMMIT_TIME, datetime.timezone.utc).date()
    assert datetime.datetime.fromtimestamp(gz_mtime, datetime.timezone.utc).date() == commit_day
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()) == (first / "sitemap.xml").read_bytes()


def test_make_takes_the_date_from_the_last_commit():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^export SOURCE_DATE_EPOCH \?= \$\(shell git log -1 --format=%ct", makefile, re.M)
