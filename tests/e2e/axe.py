"""axe-core in the browser tests: the accessibility rules of WCAG 2.2 A and AA (and axe's best
practices), run on the page as it is shown. axe-core comes from the npm registry
(package.json); `make test` installs it."""

import pytest

from tests.conftest import AXE

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Run axe on the page and return its violations, each as {id, impact, help, targets}.

    The page's context needs JavaScript on (axe is a script) and bypass_csp=True (our CSP
    allows no script but our own)."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, exclude]) => {
            const result = await axe.run({exclude: exclude.map(selector => [selector])},
                                         {runOnly: {type: "tag", values: tags}});
            return result.violations.map(violation => ({
                id: violation.id, impact: violation.impact, help: violation.help,
                targets: violation.nodes.slice(0, 5).map(node => node.target.join(" ")),
            }));
        }""",
        [WCAG, list(exclude)],
    )


def assert_no_violations(page, *, exclude: tuple[str, ...] = ()) -> None:
    violations = axe_violations(page, exclude=exclude)
    assert violations == [], f"axe on {page.url}: {violations}"
