"""Headless Chromium for the HTML report's tests and its README screenshot: find the binary, render a
page to PNG or to its DOM after the scripts ran, and drive it over the DevTools protocol for real
mouse clicks.

The DevTools connection is `--remote-debugging-pipe`: JSON messages ending in NUL on file descriptors
3 (to Chromium) and 4 (from it), so it needs no network port and nothing beyond the standard library.
Every start uses a new empty profile and the flags that keep Chromium off the network (this machine
has none, and a test must not use one).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_QUIET = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1", "--mute-audio",
          "--force-color-profile=srgb"]


def find_chromium() -> str | None:
    """The path of a Chromium or Chrome binary, or None."""
    override = os.environ.get("INTSPEC_LINT_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _flags(profile: str, width: int, height: int) -> list[str]:
    flags = [*_QUIET, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return flags


def screenshot(chromium: str, url: str, png: Path, width: int = 1280, height: int = 900, timeout: float = 90) -> bytes:
    """Render `url` to the PNG file `png` (`--screenshot`); its bytes."""
    with tempfile.TemporaryDirectory(prefix="intspec-chromium-") as profile:
        subprocess.run([chromium, *_flags(profile, width, height), f"--screenshot={png}", url],
                       capture_output=True, timeout=timeout, check=False)
    return png.read_bytes()


def dump_dom(chromium: str, url: str, timeout: float = 90) -> str:
    """The DOM of `url` after its scripts ran (`--dump-dom`)."""
    with tempfile.TemporaryDirectory(prefix="intspec-chromium-") as profile:
        done = subprocess.run([chromium, *_flags(profile, 1280, 900), "--dump-dom", url],
                              capture_output=True, timeout=timeout, check=False)
    return done.stdout.decode("utf-8", "replace")


def _above_nine(fd: int) -> int:
    """`fd` moved above 9, so that putting two of them on 3 and 4 in the child never overwrites one."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class DevTools:
    """One headless Chromium driven over `--remote-debugging-pipe`, with one page attached."""

    def __init__(self, chromium: str, width: int = 1280, height: int = 900, timeout: float = 60):
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="intspec-chromium-")
        to_chrome_read, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_write = os.pipe()
        to_chrome_read, from_chrome_write = _above_nine(to_chrome_read), _above_nine(from_chrome_write)

        def wire() -> None:  # in the child: the pipe ends on the descriptors Chromium reads and writes
            os.dup2(to_chrome_read, 3)
            os.dup2(from_chrome_write, 4)

        self.process = subprocess.Popen(
            [chromium, *_flags(self._profile.name, width, height), "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self._buffer = b""
        self._next = 0
        self._events: list[dict] = []
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.call("Page.enable")
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        except BaseException:
            self.close()
            raise

    # -- the protocol ---------------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._to_chrome, data):]

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def _call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next += 1
        number = self._next
        message = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == number:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def call(self, method: str, params: dict | None = None) -> dict:
        """A command to the attached page."""
        return self._call(method, params, self.session)

    def wait_for(self, event: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for index, seen in enumerate(self._events):
                if seen.get("method") == event:
                    return self._events.pop(index)
            answer = self._receive(deadline)
            if "method" in answer:
                self._events.append(answer)

    # -- what the tests do -----------------------------------------------------------------------------
    def open(self, url: str) -> None:
        self._events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A real left click at (x, y) in CSS pixels of the viewport: pressed, then released."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y}
            if kind != "mouseMoved":
                params.update(button="left", clickCount=1)
            self.call("Input.dispatchMouseEvent", params)

    def dom(self) -> str:
        """The page's DOM as HTML, read through the DOM domain (works with scripts off, unlike evaluate)."""
        root = self.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        return self.call("DOM.getOuterHTML", {"nodeId": root})["outerHTML"]

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])

    def close(self) -> None:
        try:
            self._call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def __enter__(self) -> "DevTools":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
