#!/usr/bin/env python3
"""Browser test of report.html: drives headless Chromium through the DevTools protocol.

Usage: scripts/browser_test.py REPORT.html [--screenshots DIR] [--pdf OUT.pdf]

On SampleData's report (`make browser-test` writes it first) it
  - checks that the map script ran under the page's Content-Security-Policy,
  - types a member's name into the search box (as keystrokes), and checks the hit, the card and
    the zoom,
  - clicks a dot with the mouse and checks the card names that member,
  - filters by the first segment and checks which dots are dimmed,
  - moves the period slider to the first period and checks the active members and ties drawn,
  - zooms with the + button and checks that more labels appear,
  - fails on any console message, script exception or log entry (a CSP violation, say);
then (with --screenshots) saves PNGs of the first page and of the explored map, and (with
--pdf) prints the report to A4 PDF with Chromium's --print-to-pdf and checks the page count and
that no page is nearly empty (pdftotext, from poppler-utils).

Needs Debian's chromium and the `websockets` package (pip install websockets). Exit status 0
when every check passes, 1 otherwise, 77 when chromium is not installed (skipped).
"""
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


class Failure(Exception):
    pass


class Page:
    """One page target over a DevTools websocket: commands, and the console events collected."""

    def __init__(self, socket):
        self.socket, self.next_id, self.pending, self.problems = socket, 0, {}, []

    async def listen(self):
        async for message in self.socket:
            event = json.loads(message)
            if "id" in event and event["id"] in self.pending:
                self.pending.pop(event["id"]).set_result(event)
            elif event.get("method") == "Runtime.consoleAPICalled":
                args = " ".join(str(a.get("value", a.get("description", ""))) for a in event["params"]["args"])
                self.problems.append(f"console.{event['params']['type']}: {args}")
            elif event.get("method") == "Runtime.exceptionThrown":
                details = event["params"]["exceptionDetails"]
                self.problems.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
            elif event.get("method") == "Log.entryAdded":
                entry = event["params"]["entry"]
                self.problems.append(f"log {entry['level']}: {entry['text']}")

    async def send(self, method, **params):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise Failure(f"{method}: {reply['error']}")
        return reply["result"]

    async def js(self, expression):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise Failure(f"script failed: {expression[:80]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def check(condition, message):
    if not condition:
        raise Failure(message)
    print("ok  ", message)


async def explore(page, screenshots):
    await page.send("Emulation.setDeviceMetricsOverride", width=1100, height=1400, deviceScaleFactor=1, mobile=False)
    check(await page.js("document.getElementById('explorer').classList.contains('live')"),
          "the map script ran under the Content-Security-Policy (explorer is live)")
    data = await page.js("JSON.parse(document.getElementById('weft-map-data').textContent)")
    members = data["members"]
    if screenshots:
        await page.js("window.scrollTo(0, 0)")
        await save(page, os.path.join(screenshots, "report-first-page.png"), None)

    # Search: type the most central member's name, key by key.
    target = data["order"][0]
    name = members[target]["n"]
    await page.js("document.querySelector('[data-ui=search]').scrollIntoView({block: 'center'}); document.querySelector('[data-ui=search]').focus()")
    await page.send("Input.insertText", text=name)
    found = await page.js("document.querySelector('[data-ui=found]').textContent")
    hits = [i for i, m in enumerate(members) if name.lower() in m["n"].lower() or name.lower() in m["id"].lower()]
    expected = data["words"]["found"].replace("{1}", str(len(hits)))   # in the report's language
    check(found == expected, f"search '{name}' reports '{expected}' (page: '{found}')")
    check(await page.js(f"document.querySelectorAll('#explorer circle')[{target}].classList.contains('hit')"), "the member's dot is marked")
    card = await page.js("document.querySelector('[data-ui=card]').hidden ? null : document.querySelector('[data-ui=card]').textContent")
    check(card is not None and card.startswith(name), f"the card opens on {name}: {card!r}")
    check(float(await page.js("document.getElementById('explorer').getAttribute('data-zoom')")) > 1, "the map zooms onto the member")
    if screenshots:
        await page.js("document.getElementById('explorer').scrollIntoView()")
        await save(page, os.path.join(screenshots, "report-explored-map.png"), "#explorer")

    # Click: back to the whole map, then a dot that is on top at its centre.
    await page.js("document.querySelector('[data-ui=search]').value = ''; document.querySelector('[data-ui=search]').dispatchEvent(new Event('input'))")
    await page.js("document.querySelector('[data-ui=reset]').click()")
    await page.js("document.querySelector('#explorer svg').scrollIntoView({block: 'center'})")
    spot = await page.js("""(() => {
        const dots = Array.from(document.querySelectorAll('#explorer circle'));
        for (let i = dots.length - 1; i >= 0; i--) {
            const r = dots[i].getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            if (r.width >= 6 && document.elementFromPoint(x, y) === dots[i]) return [i, x, y];
        }
        return null; })()""")
    check(spot is not None, "a dot can be clicked")
    await page.click(spot[1], spot[2])
    card = await page.js("document.querySelector('[data-ui=card]').textContent")
    clicked = members[spot[0]]
    check(card.startswith(clicked["n"]) and f"{data['words']['connections']}{clicked['c']}" in card, f"clicking a dot opens its card: {card[:120]!r}")

    # Filter: the first segment.
    if "s" in data["filters"]:
        await page.js("{ const f = document.querySelector('[data-ui=filter-s]'); f.value = '0'; f.dispatchEvent(new Event('change')); }")
        dimmed = await page.js("Array.from(document.querySelectorAll('#explorer circle')).map(c => c.classList.contains('dim'))")
        expected = [m["s"] != 0 for m in members]
        check(dimmed == expected, f"filter '{data['filters']['s']['values'][0]}' dims the {sum(expected)} members of other segments")
        await page.js("{ const f = document.querySelector('[data-ui=filter-s]'); f.value = ''; f.dispatchEvent(new Event('change')); }")

    # Period slider: the first period.
    first = data["periods"][0]
    await page.js("{ const s = document.querySelector('[data-ui=period]'); s.value = '0'; s.dispatchEvent(new Event('input')); }")
    label = await page.js("document.querySelector('[data-ui=period-label]').textContent")
    check(label == first["label"], f"the slider shows period {first['label']} (page: {label})")
    off = await page.js("Array.from(document.querySelectorAll('#explorer circle')).filter(c => c.classList.contains('off')).length")
    check(off == first["active"].count("0"), f"{first['active'].count('0')} members inactive in the first period are grey (page: {off})")
    drawn = await page.js("(document.querySelector('#explorer svg > path.ties').getAttribute('d').match(/M/g) || []).length")
    check(drawn == len(first["ties"]) // 2, f"the first period's {len(first['ties']) // 2} ties are drawn (page: {drawn})")
    await page.js(f"{{ const s = document.querySelector('[data-ui=period]'); s.value = '{len(data['periods'])}'; s.dispatchEvent(new Event('input')); }}")

    # Zoom: labels grow with the zoom.
    fixed = await page.js("document.querySelectorAll('#explorer text.nl').length")
    await page.js("document.querySelector('[data-ui=in]').click(); document.querySelector('[data-ui=in]').click()")
    zoomed = await page.js("document.querySelectorAll('#explorer .zl text').length")
    check(zoomed > 0 and float(await page.js("document.getElementById('explorer').getAttribute('data-zoom')")) > 2,
          f"zooming in shows labels for the view ({zoomed} labels; {fixed} on the whole map)")


async def save(page, path, selector):
    import base64
    params = {"format": "png"}
    if selector:
        box = await page.js(f"(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()")
        params["clip"] = {"x": box[0], "y": box[1], "width": box[2], "height": min(box[3], 1300), "scale": 1}
        params["captureBeyondViewport"] = True
    shot = await page.send("Page.captureScreenshot", **params)
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    print("wrote", path)


async def run(report, screenshots):
    import websockets
    profile = tempfile.mkdtemp(prefix="weft-browser-")
    browser = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                                "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        endpoint = None
        for line in browser.stderr:
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                endpoint = match.group(1)
                break
        if not endpoint:
            raise Failure("chromium did not open its DevTools endpoint")
        port = re.search(r":(\d+)/", endpoint).group(1)
        import urllib.request
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        socket_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        async with websockets.connect(socket_url, max_size=64 * 1024 * 1024) as socket:
            page = Page(socket)
            listener = asyncio.create_task(page.listen())
            for domain in ("Runtime", "Log", "Page"):
                await page.send(domain + ".enable")
            await page.send("Page.navigate", url="file://" + os.path.abspath(report))
            for _ in range(100):
                if await page.js("document.readyState") == "complete":
                    break
                await asyncio.sleep(0.1)
            try:
                await explore(page, screenshots)
                await asyncio.sleep(0.3)
            finally:
                problems = list(page.problems)
                listener.cancel()
            check(not problems, "no console message, exception or log entry" + ("" if not problems else ": " + "; ".join(problems)))
    finally:
        browser.terminate()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


def print_check(report, pdf):
    """Prints to A4 PDF with Chromium and checks the pages."""
    profile = tempfile.mkdtemp(prefix="weft-print-")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + os.path.abspath(report)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=180)
    shutil.rmtree(profile, ignore_errors=True)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    check(abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2, f"pages are A4 ({size.group(1)} x {size.group(2)} pt)")
    check(8 <= pages <= 40, f"the PDF has {pages} pages")
    for p in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True, check=True).stdout
        lines = [l for l in text.splitlines() if l.strip()]
        if len(lines) < 4:
            raise Failure(f"page {p} of {pages} is nearly empty: {lines}")
    print(f"ok   every page holds at least 4 lines of text ({pages} pages)")
    return pages


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    report = args[0]
    screenshots = args[args.index("--screenshots") + 1] if "--screenshots" in args else None
    pdf = args[args.index("--pdf") + 1] if "--pdf" in args else None
    if CHROMIUM is None:
        print("skipped: no chromium installed (apt-get install -y chromium)")
        return 77
    try:
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
        asyncio.run(run(report, screenshots))
        if pdf:
            print_check(report, pdf)
    except Failure as failure:
        print("FAIL", failure)
        return 1
    print("browser test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
