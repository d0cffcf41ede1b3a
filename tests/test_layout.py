"""The layout docs/architecture.md describes: no import cycles, and the command line only parses and prints."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
# What cli.py may import besides run.py: the small modules it needs to parse options and print.
CLI_MAY_IMPORT = {"pipeline", "pipeline.run", "pipeline.config", "pipeline.errors", "pipeline.fsutil",
                  "pipeline.console", "pipeline.jobs", "pipeline.arguments"}


def module_imports() -> dict[str, set[str]]:
    """Module → the pipeline modules it imports at module level (imports inside functions are lazy)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                found |= {t for t in [target, *(f"{target}.{a.name}" for a in node.names)] if t in modules}
        graph[name] = found - {name}
    return graph


def test_no_module_level_import_cycles():
    graph = module_imports()
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in graph[module]:
            assert state.get(imported) != 1, "import cycle: " + " → ".join([*path, module, imported])
            if imported not in state:
                visit(imported, [*path, module])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_cli_imports_only_run_and_small_modules_and_nothing_imports_cli():
    graph = module_imports()
    assert graph["pipeline.cli"] <= CLI_MAY_IMPORT, graph["pipeline.cli"] - CLI_MAY_IMPORT
    assert [m for m, imported in graph.items() if "pipeline.cli" in imported] == ["pipeline.__main__"]
    assert len((PACKAGE / "cli.py").read_text().splitlines()) < 250
