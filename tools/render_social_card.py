"""Render docs/assets/images/social-card.svg to the PNG that link previews use
(Open Graph and Twitter cards do not accept SVG). Run: make social-card."""

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / "assets" / "images" / "social-card.svg"

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    page.set_content(f"<html><body style='margin:0'>{SOURCE.read_text(encoding='utf-8')}</body></html>")
    page.screenshot(path=str(SOURCE.with_suffix(".png")))
    browser.close()
