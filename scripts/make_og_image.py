#!/usr/bin/env python3
"""Draw static/img/og-image.png, the picture link previews show (1200 × 630).

Rendered by Debian's Chromium through Playwright from the HTML below (the site's
colours and system fonts), then reduced to a 32-colour palette with Pillow. Run it
again after changing the brand; the PNG is committed.

    .venv/bin/python scripts/make_og_image.py
"""

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "static" / "img" / "og-image.png"
CHROMIUM = "/usr/bin/chromium"

HTML = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; overflow: hidden; background: #0e5a61;
  font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #fff;
  position: relative; }
.ring { position: absolute; border-radius: 50%; border: 70px solid rgb(255 255 255 / .06); }
.a { width: 640px; height: 640px; right: -180px; top: -220px; }
.b { width: 440px; height: 440px; right: 180px; bottom: -300px; }
main { position: absolute; left: 90px; top: 110px; right: 260px; }
svg { width: 120px; height: 120px; }
h1 { font-size: 68px; line-height: 1.08; margin: 36px 0 24px; font-weight: 800; }
p { font-size: 32px; margin: 0; color: #d5e4e3; }
</style></head><body><div class="ring a"></div><div class="ring b"></div><main>
<svg viewBox="0 0 40 40"><circle cx="15" cy="20" r="11" fill="none" stroke="#fff"
 stroke-width="4"/><circle cx="25" cy="20" r="11" fill="none" stroke="#f0a07f"
 stroke-width="4"/></svg>
<h1>Centre de ressources de la co-construction territoriale</h1>
<p>Ressources, retours d'expérience et partenaires</p></main></body></html>"""


def main() -> int:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(HTML)
        png = page.screenshot(type="png")
        browser.close()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=32)
    image.save(OUTPUT, optimize=True)
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
