"""Opens XHTML content documents in headless Chromium at several viewport widths
and measures horizontal overflow; saves a full-page screenshot of each.

Usage: layout.py SCREENSHOT_DIR WIDTHS PAGE...   (WIDTHS like 320,360,768;
PAGE is NAME=PATH, NAME used in the screenshot's file name)

Prints one JSON object: {"browser": version, "results": [...]}, a result per
page and width with scrollWidth, clientWidth, the elements and text boxes that
reach outside the viewport (but for those inside a box that scrolls sideways
itself, such as a wide table's wrapper: that box is measured instead, and listed
under "scrolling" when its content is wider than it), the screenshot's path, and (at the first width) the
fonts Chromium drew each element with a `lang` and each byline name in, with
their font-variant-caps and text-transform. Judging is the caller's.
Exit status 2 when the browser or its driver cannot be started.
With LAYOUT_SCREEN_HEIGHT=N in the environment, a screenshot is one screen of
N pixels from the top (a phone's first view; docs/gallery), not the whole page.
"""
import base64
import json
import os
import shutil
import sys

# What a page measures about itself: the document's scroll width against the
# viewport, then every element box and every line box of text (a long word
# overflows its paragraph without the paragraph's own box growing).
MEASURE = r"""
const vw = document.documentElement.clientWidth;
const out = [];
const describe = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().replace(/\s+/g, '.');
  return s;
};
const slack = 0.5;
// A box inside a container that scrolls sideways itself (a wide table's
// wrapper) reaches no further than the container, which is measured on its own.
const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
const inScroller = (el) => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return true;
  return false;
};
const scrolling = [];
for (const el of document.body.querySelectorAll('*')) {
  const style = getComputedStyle(el);
  if (style.position === 'absolute' && style.clip !== 'auto') continue;  // visually hidden
  if (scrolls(el) && el.scrollWidth > el.clientWidth) scrolling.push({what: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth});
  if (inScroller(el)) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > vw + slack || r.left < -slack) out.push({what: describe(el), left: r.left, right: r.right});
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const range = document.createRange();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!n.data.trim()) continue;
  const parent = n.parentElement;
  const ps = getComputedStyle(parent);
  if (ps.position === 'absolute' && ps.clip !== 'auto') continue;
  if (scrolls(parent) || inScroller(parent)) continue;
  range.selectNodeContents(n);
  for (const r of range.getClientRects()) {
    if (r.width > 0 && (r.right > vw + slack || r.left < -slack)) {
      out.push({what: 'text in ' + describe(parent), text: n.data.trim().slice(0, 60), left: r.left, right: r.right});
      break;
    }
  }
}
return {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw,
        height: document.documentElement.scrollHeight, overflowing: out.slice(0, 20), count: out.length,
        scrolling: scrolling};
"""


def fonts(chrome):
    """Per element with a lang (in body) and per byline name: the platform fonts
    its own text was drawn with, and the styles that could split a name."""
    chrome.execute_cdp_cmd("DOM.enable", {})
    chrome.execute_cdp_cmd("CSS.enable", {})
    root = chrome.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    out = []
    for selector in ("body [lang]", ".author"):
        nodes = chrome.execute_cdp_cmd("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
        for node in nodes[:40]:
            used = chrome.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            styles = chrome.execute_cdp_cmd("CSS.getComputedStyleForNode", {"nodeId": node})["computedStyle"]
            style = {p["name"]: p["value"] for p in styles if p["name"] in ("font-variant-caps", "text-transform")}
            outer = chrome.execute_cdp_cmd("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
            out.append({"selector": selector, "element": outer[:200],
                        "fonts": [f["familyName"] for f in used], **style})
    return out


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 64
    shots, widths, pages = sys.argv[1], [int(w) for w in sys.argv[2].split(",")], sys.argv[3:]
    os.makedirs(shots, exist_ok=True)
    browser = os.environ.get("CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not browser or not driver:
        print("missing: " + ("chromium" if not browser else "chromedriver")
              + " (Debian: apt-get install chromium chromium-driver)", file=sys.stderr)
        return 2
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("missing: selenium in this Python (pip install selenium)", file=sys.stderr)
        return 2

    options = webdriver.ChromeOptions()
    # The binary and driver are given, so Selenium Manager never looks for (or downloads) one.
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--force-device-scale-factor=1", "--hide-scrollbars",
                "--lang=en-US", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    try:
        chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    except Exception as error:  # the driver's own message says why
        print(f"could not start {browser} with {driver}: {error}", file=sys.stderr)
        return 2

    results = []
    try:
        version = chrome.capabilities.get("browserVersion", "?")
        for page in pages:
            name, _, path = page.partition("=")
            url = "file://" + os.path.abspath(path)
            for width in widths:
                # The viewport itself, not the window: exactly `width` CSS pixels.
                chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
                chrome.get(url)
                chrome.execute_script("return document.fonts.ready.then(() => true)")
                m = chrome.execute_script(MEASURE)
                shot = os.path.join(shots, f"{name}-{width}.png")
                # The whole page in one picture: the viewport grown to the page's height
                # (or one screen of it).
                screen = os.environ.get("LAYOUT_SCREEN_HEIGHT")
                height = int(screen) if screen else min(int(m["height"]), 16000)
                chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": max(height, 100), "deviceScaleFactor": 1, "mobile": False})
                png = chrome.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
                with open(shot, "wb") as f:
                    f.write(base64.b64decode(png))
                m.update({"page": name, "width": width, "screenshot": shot,
                          "title": chrome.title, "xmlError": chrome.execute_script(
                              "return document.getElementsByTagNameNS('http://www.mozilla.org/newlayout/xml/parsererror.xml', 'parsererror').length + document.getElementsByTagName('parsererror').length")})
                if width == widths[0]:
                    m["fonts"] = fonts(chrome)
                results.append(m)
    finally:
        chrome.quit()
    print(json.dumps({"browser": version, "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
