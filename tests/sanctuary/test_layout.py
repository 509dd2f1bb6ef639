"""The house rules of the code's layout: the kernel imports no app, and its modules import each
other in one direction only."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
KERNEL = ROOT / "sanctuary"
APPS = [
    name
    for name in settings.INSTALLED_APPS
    if "." not in name and name != "sanctuary" and (ROOT / name).is_dir()
]


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at any depth (a function-level import counts too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def kernel_modules() -> dict[str, Path]:
    modules = {}
    for path in KERNEL.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def test_the_apps_under_test_are_found():
    assert {"venues", "dropins", "bursaries"} <= set(APPS)


@pytest.mark.parametrize("module", sorted(kernel_modules()))
def test_the_kernel_imports_no_app(module):
    path = kernel_modules()[module]
    imported = {name.split(".")[0] for name in imports_of(path)}
    assert not imported & set(APPS), f"{module} imports {sorted(imported & set(APPS))}"


def test_the_kernels_modules_import_each_other_in_one_direction():
    modules = kernel_modules()
    graph = {
        module: {name for name in imports_of(path) if name in modules and name != module}
        for module, path in modules.items()
    }
    # A package's __init__ re-exporting its own modules is not a cycle.
    for module in graph:
        graph[module] = {name for name in graph[module] if not module.startswith(name + ".")}

    visiting, done, cycles = set(), set(), []

    def visit(module, trail):
        if module in done:
            return
        if module in visiting:
            cycles.append([*trail[trail.index(module) :], module])
            return
        visiting.add(module)
        for name in sorted(graph[module]):
            visit(name, [*trail, name])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph):
        visit(module, [module])
    assert cycles == []


MAX_LINES = 400


def python_modules() -> list[Path]:
    folders = [KERNEL, *(ROOT / name for name in APPS), ROOT / "tests"]
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts
    )


def test_no_module_is_over_400_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in python_modules()
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}
