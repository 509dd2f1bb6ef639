"""Reflow (WCAG 1.4.10): what the reflow tests share. At 400 % zoom a 1280×1024 screen is
320×256 CSS px, and at 200 % a 1024×768 tablet is 512×384."""

from tests.e2e.conftest import expect_boxes

ZOOM_400 = {"width": 320, "height": 256}
ZOOM_200_TABLET = {"width": 512, "height": 384}

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def sideways_scroll(page, path: str) -> str | None:
    """What is wrong with `path` at this page's width: None when nothing makes the page scroll
    sideways, else the path and the widths seen (so one run names every page that fails)."""
    try:
        expect_boxes(page, {"page": "html"}, NO_SIDEWAYS_SCROLL, timeout=2_000)
    except AssertionError:
        wide = page.evaluate("document.documentElement.scrollWidth")
        return f"{path}: {wide} px wide in a {page.viewport_size['width']} px window"
    return None


def fully_on_screen(page, selector: str) -> None:
    """The element is wholly inside the window and not under the register's header."""
    expect_boxes(
        page,
        {"target": selector, "head": ".register-head"},
        "box.target[0].top >= Math.max(0, box.head[0].bottom) - 1"
        " && box.target[0].bottom <= window.innerHeight + 1"
        " && box.target[0].left >= -1 && box.target[0].right <= window.innerWidth + 1"
        " && box.target[0].height > 0",
    )
