"""Accessibility checks with axe-core in headless Chromium: what the public sector's
accessibility law asks of a web page (WCAG 2.1 AA, as EN 301 549 cites it) that a
machine can check.

axe-core comes from npm, pinned in package-lock.json and installed into node_modules/
by ``make setup`` (npm ci); not axe-selenium-python, whose bundled axe is years old.

Usage, with the session's browser from tests/browser.py (the ``chromium`` fixture)::

    from tests.accessibility import axe_violations, format_violations

    def test_page_is_accessible(chromium, tmp_path):
        violations = axe_violations(chromium, tmp_path / "index.html")
        assert not violations, format_violations(violations)

A machine finds perhaps a third of the barriers; zero violations is the floor, not
proof of conformance.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what EN 301 549 (and so the Swedish law) requires.
WCAG21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@functools.cache
def _axe_source() -> str:
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make setup` (or `npm ci`) in {REPO}")
    return AXE.read_text(encoding="utf-8")


def _url(page: str | Path) -> str:
    text = str(page)
    if "://" in text or text.startswith(("about:", "data:")):
        return text
    return Path(page).resolve().as_uri()


def axe_violations(driver, page: str | Path | None, tags: Sequence[str] = WCAG21_AA) -> list[dict]:
    """Load ``page`` (a URL or an HTML file's path; None: check the page already loaded),
    run axe-core on it with the rules of ``tags`` and return its violations.

    Each violation is axe's own result: ``id`` (the rule), ``impact``, ``help``,
    ``helpUrl`` and ``nodes``, each node with ``target`` (CSS selectors), ``html`` and
    ``failureSummary``. Rules axe cannot decide (say, text on a background image) are
    not violations; check those by hand."""
    if page is not None:
        driver.get(_url(page))
    driver.set_script_timeout(60)
    # Injected through WebDriver, so a page's Content-Security-Policy does not block it.
    driver.execute_script(_axe_source())
    result = driver.execute_async_script(
        """const [tags, done] = arguments;
        axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
           .then(result => done(result.violations), error => done({error: String(error)}));""",
        list(tags),
    )
    if isinstance(result, dict):
        raise RuntimeError(f"axe-core failed on {driver.current_url}: {result['error']}")
    return result


def format_violations(violations: list[dict], targets: int = 3) -> str:
    """One line per rule broken (impact, rule id, how many elements, what axe says), then
    up to ``targets`` selectors of elements that break it, with axe's explanation."""
    lines = [f"{len(violations)} axe rule(s) broken:"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"- [{violation['impact']}] {violation['id']} ({len(nodes)} element(s)): {violation['help']}")
        for node in nodes[:targets]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(nodes) > targets:
            lines.append(f"    … and {len(nodes) - targets} more")
        lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)


def contrast_ratio(colour: str, background: str = "#ffffff") -> float:
    """WCAG's contrast ratio of two sRGB colours (#rgb or #rrggbb), from 1 to 21: text
    needs 4.5 (3 when large), the parts of a chart or control needed to understand it 3."""

    def luminance(value: str) -> float:
        hex_digits = value.lstrip("#")
        if len(hex_digits) == 3:
            hex_digits = "".join(2 * d for d in hex_digits)
        channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
