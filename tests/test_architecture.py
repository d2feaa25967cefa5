"""The project's layers import one way (README, Architecture), and no project import hides in
a function to dodge a cycle. Read from the source, so a new file is checked too."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Which of the project's packages each one may import (itself included). Migrations are
# left out: they name callables by their path at the time they were written.
MAY_IMPORT = {
    "cms": {"cms"},
    "partners": {"cms", "partners"},
    "news": {"cms", "partners", "news"},
    "events": {"cms", "partners", "events"},
    "feedback": {"cms", "feedback"},
    "home": {"cms", "partners", "news", "events", "home"},
    "readers": {"cms", "partners", "news", "events", "feedback", "readers"},
    "joomla": {"cms", "partners", "news", "joomla"},
    "tooling": {"cms", "partners", "news", "events", "feedback", "home", "readers", "tooling"},
}


def source_files(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def project_imports(tree, path):
    """(line, imported project package, is at module level) for every import in the file."""
    package = path.relative_to(ROOT).parts[0]
    module_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [package if node.level else node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in MAY_IMPORT:
                yield node.lineno, top, id(node) in module_level


def all_imports():
    for package in MAY_IMPORT:
        for path in source_files(package):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for line, imported, at_module_level in project_imports(tree, path):
                yield package, path.relative_to(ROOT), line, imported, at_module_level


def import_graph():
    """{package: {packages it imports}} as the code stands."""
    graph = {package: set() for package in MAY_IMPORT}
    for package, _, _, imported, _ in all_imports():
        if imported != package:
            graph[package].add(imported)
    return graph


def test_no_package_imports_from_a_higher_layer():
    upward = [
        f"{path}:{line} imports {imported}"
        for package, path, line, imported, _ in all_imports()
        if imported not in MAY_IMPORT[package]
    ]
    assert upward == []


def test_project_imports_sit_at_module_level_except_in_app_ready():
    hidden = [
        f"{path}:{line} imports {imported} inside a function"
        for package, path, line, imported, at_module_level in all_imports()
        if not at_module_level and path.name != "apps.py"
    ]
    assert hidden == []


def test_the_kernel_and_the_partner_directory_know_no_domain_app():
    graph = import_graph()

    assert graph["cms"] == set()
    assert graph["partners"] == {"cms"}
    assert graph["news"] == {"cms", "partners"}


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_the_checked_packages_exist(package):
    assert list(source_files(package)), f"{package}/ has no Python files: update MAY_IMPORT"
