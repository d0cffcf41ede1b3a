"""The layout docs/architecture.md describes: no import cycles, the command line only parses and prints,
run.py is the pipeline alone, and no module is long without saying why."""

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
# What cli.py may import: the pipeline (run), status, the other commands (commands/), and the small
# modules it needs to parse options and print; no stage module.
COMMANDS = {f"pipeline.commands.{path.stem}" for path in (PACKAGE / "commands").glob("*.py")} - {
    "pipeline.commands.__init__"}
CLI_MAY_IMPORT = {"pipeline", "pipeline.run", "pipeline.status", "pipeline.commands", *COMMANDS,
                  "pipeline.config", "pipeline.errors", "pipeline.fsutil", "pipeline.display", "pipeline.console",
                  "pipeline.jobs", "pipeline.arguments"}
LONG_MODULE = 400  # lines; a longer module says why in its docstring: "long because …" or "… is long: …"
LONG_BECAUSE = re.compile(r"\blong(?: because\b|:)", re.I)  # "a long job" is not a reason


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


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


def test_cli_imports_only_the_commands_and_small_modules_and_nothing_imports_cli():
    graph = module_imports()
    assert "pipeline.commands.review" in COMMANDS and "pipeline.commands.site" in COMMANDS
    assert graph["pipeline.cli"] <= CLI_MAY_IMPORT, graph["pipeline.cli"] - CLI_MAY_IMPORT
    assert [m for m, imported in graph.items() if "pipeline.cli" in imported] == ["pipeline.__main__"]
    assert lines(PACKAGE / "cli.py") < 250


def test_run_py_is_the_pipeline_alone():
    """The other commands live in status.py and commands/; run.py imports none but the site's address."""
    assert lines(PACKAGE / "run.py") < 300
    graph = module_imports()
    assert not {m for m in graph["pipeline.run"] if m.startswith("pipeline.commands.")} - {"pipeline.commands.site"}
    assert "pipeline.status" not in graph["pipeline.run"]


def test_no_module_is_long_without_saying_why():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if lines(path) <= LONG_MODULE:
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if not LONG_BECAUSE.search(docstring):
            long.append(f"{path.relative_to(PACKAGE.parent)} ({lines(path)} lines)")
    assert not long, (f"over {LONG_MODULE} lines, and the docstring does not say why it is long: "
                      + ", ".join(long))


def imported_closure(module: str) -> set[str]:
    """Every pipeline module that importing `module` imports at module level, packages above each included."""
    graph, seen, todo = module_imports(), set(), [module]
    while todo:
        for imported in graph[todo.pop()]:
            for package in (".".join(imported.split(".")[:n]) for n in range(2, imported.count(".") + 2)):
                if package in graph and package not in seen:
                    seen.add(package)
                    todo.append(package)
    return seen


def test_config_imports_no_edition():
    """Checking the settings needs the editions' names (edition_kinds.py), not the editions."""
    editions = sorted(m for m in imported_closure("pipeline.config")
                      if m == "pipeline.editions" or m.startswith("pipeline.editions."))
    assert not editions, f"pipeline.config imports {', '.join(editions)}"


def test_the_edition_registry_imports_an_edition_when_it_is_used():
    from pipeline.edition_kinds import EDITION_NAMES
    from pipeline.editions import EDITIONS

    assert not {m for m in module_imports()["pipeline.editions"] if m.startswith("pipeline.editions.")}
    assert tuple(EDITIONS) == EDITION_NAMES
    assert [EDITIONS[name].kind for name in EDITION_NAMES] == list(EDITION_NAMES)


def union_names(path: Path, name: str) -> set[str]:
    """The classes of a `name = Union[...]` alias in a module."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == [name]:
            return {element.id for element in node.value.slice.elts}
    raise AssertionError(f"no {name} = Union[...] in {path}")


def test_no_isinstance_ladders_over_blocks_or_pieces():
    """Blocks and reading-order pieces are told apart in one place: release.BlockVisitor's dispatch
    (BLOCK_KINDS, and reading.PIECE_KINDS); everything else is a visitor, `map_runs` or `block_kind`."""
    kinds = union_names(PACKAGE / "release.py", "Block") | union_names(PACKAGE / "editions" / "reading.py", "Piece")
    assert {"Heading", "Paragraph", "Quote", "ListBlock", "Kicker", "Body", "References"} <= kinds

    def names(node: ast.expr) -> set[str]:
        if isinstance(node, ast.Tuple):
            return set().union(*map(names, node.elts))
        return {node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")}

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            tested = set()
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("isinstance", "issubclass") and len(node.args) == 2):
                tested = names(node.args[1])
            elif isinstance(node, ast.MatchClass):
                tested = names(node.cls)
            if tested & kinds:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} ({', '.join(sorted(tested & kinds))})")
    assert not found, "type tests of blocks or pieces (use a BlockVisitor / ReadingVisitor): " + "; ".join(found)


def imports_anywhere(module: str) -> set[str]:
    """The pipeline modules `module` imports anywhere in its file: at module level, inside functions,
    under `if TYPE_CHECKING:` (what `module_imports` leaves out, as it cannot make a cycle)."""
    parts = module.split(".")
    path = PACKAGE.parent.joinpath(*parts)
    path, package = (path / "__init__.py", parts) if path.is_dir() else (path.with_suffix(".py"), parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            found |= {target, *(f"{target}.{alias.name}" for alias in node.names)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]
            found |= {name for name in names if name and name.split(".")[0] == "pipeline"}
    return found


def reaches(package: str, forbidden: tuple[str, ...]) -> list[str]:
    """"module → forbidden module" for each module of `package` that imports one of `forbidden` (packages),
    itself anywhere in its file or through the modules it imports at module level."""
    inside = [m for m in module_imports() if m == package or m.startswith(package + ".")]
    assert inside, f"no package {package}"
    return sorted(f"{module} → {imported}" for module in inside
                  for imported in imports_anywhere(module) | imported_closure(module)
                  if any(imported == name or imported.startswith(name + ".") for name in forbidden))


def test_localise_imports_nothing_from_translate():
    """localise/ is a floor every stage stands on: it reads PO files (the label catalogs) through
    catalogs/po.py and takes the catalogs' `Translation`, never anything of translate/."""
    found = reaches("pipeline.localise", ("pipeline.translate",))
    assert not found, "localise imports translate: " + "; ".join(found)


def test_catalogs_import_no_engine_edition_or_publishing():
    """catalogs/ (PO files, the merge, the memory, XLIFF, TMX, the worklist) lies under translate/,
    editions/ and publish/: QA findings are its own type (catalogs/findings.py), and a check that the
    worklist or an XLIFF import needs is passed in (translate/reviewed.py makes it)."""
    found = reaches("pipeline.catalogs", ("pipeline.translate", "pipeline.editions", "pipeline.publish"))
    assert not found, "catalogs imports: " + "; ".join(found)


# What a URL, e-mail address, phone number or inline tag looks like in a regular expression's source.
SHARED_PATTERN_SHAPES = {
    "URL": re.compile(r"https\?://|www\\\."),  # https?://  www\.
    "e-mail address": re.compile(r"@\[\\w|\[\\w\.\+-\]\+@"),  # @[\w-]+  [\w.+-]+@
    "phone number": re.compile(r"\\\+\??(?:\\\(\??)?\\d"),  # \+\d  \+?\d  \+?\(?\d
    "inline tag": re.compile(r"<\(?(?:/\??\)?\(?)?\\d\+\)?>"),  # </?\d+>  <(/?)(\d+)>  <(\d+)>
}


def test_url_email_phone_and_tag_patterns_are_written_once():
    """Every such pattern lives in pipeline/text/patterns.py, its variants named there (issue 22, item 3):
    a module outside pipeline/text/ imports them, or builds on their parts (`SCHEME`, `EMAIL.pattern`)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == PACKAGE / "text":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno} ({shape}: {node.value[:60]!r})"
                          for shape, pattern in SHARED_PATTERN_SHAPES.items() if pattern.search(node.value)]
    assert not found, "patterns to import from pipeline/text/patterns.py: " + "; ".join(found)


def test_the_shared_pattern_shapes_find_what_they_stand_for():
    samples = {"URL": r"(?:https?://|www\.)\S+", "e-mail address": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
               "phone number": r"\+\d{1,3}(?:[ .-]?\(?\d+\)?)+", "inline tag": r"<(/?)(\d+)>"}
    assert {shape: bool(SHARED_PATTERN_SHAPES[shape].search(sample)) for shape, sample in samples.items()} == \
        dict.fromkeys(samples, True)
    for harmless in ("https://", "mailto:", "a@b", r"[*#@]+(?=⟦)", r"\s*\[\d+\]", r"\d{1,2}\.$"):
        assert not any(pattern.search(harmless) for pattern in SHARED_PATTERN_SHAPES.values()), harmless


def test_the_text_floor_imports_nothing_of_the_pipeline_but_the_languages():
    """pipeline/text/ is the floor under every stage: any module may import it, and it imports nothing else."""
    packages = {".".join(module.split(".")[:2]) for module in module_imports() if "." in module}
    found = reaches("pipeline.text", tuple(sorted(packages - {"pipeline.text", "pipeline.languages"})))
    assert not found, "pipeline/text imports: " + "; ".join(found)


# --- tests mirror modules (issue 22, item 7) ----------------------------------------------------

TESTS = PACKAGE.parent / "tests"
MIRRORED = 60  # lines; a longer module has its own test module at the mirrored path
# Longer modules without a test module of their own: module (under pipeline/; a pattern for a family
# of modules) → (the test modules, under tests/, that test it; why). An entry must still be needed (a
# module it names is longer than MIRRORED and has no mirrored test module) and its test modules must
# exist: the lists only shrink.
TESTED_THROUGH = {
    # By design: a thin layer, or a type or registry that its users' tests build and read.
    "arguments.py": (["test_cli.py"], "the command line's parser: each option and its check is tested as the "
                                      "command line"),
    "commands/memory.py": (["catalogs/test_tmx.py", "catalogs/test_align.py"],
                           "`memory`: the command line over catalogs/memory.py, tmx.py and align.py"),
    "commands/approve.py": (["publication/test_public.py"], "`approve`: sign-off and its refusals, tested in a "
                                                            "release's public life on the command line"),
    "commands/site.py": (["publication/test_public.py", "publish/site/test_site.py", "publish/site/test_serve.py"],
                         "`publish` and `serve`: the command line over run.py and publish/site/serve.py"),
    "commands/review.py": (["catalogs/test_catalog.py", "catalogs/test_xliff.py"],
                           "`review`: the command line over catalogs/review.py and xliff.py"),
    "details.py": (["publish/test_manifest.py"], "the manifest's typed details, written and read back by it"),
    "release.py": (["ingest/test_ingest.py", "test_segment.py", "test_layout.py"],
                   "the data model: ingest builds it, every stage reads it; its one dispatch is checked above"),
    "catalogs/findings.py": (["translate/test_qa.py"], "the QA findings' type; QA makes them"),
    "editions/__init__.py": (["editions/test_text.py", "editions/test_epub.py", "test_layout.py"],
                             "the edition registry and `render`, which every edition's tests render through"),
    "localise/__init__.py": (["localise/test_localised_editions.py"],
                             "localise_source / localise_target, tested as the editions they make"),
    "translate/__init__.py": (["translate/test_stage.py", "translate/test_apertium.py", "translate/test_argos.py"],
                              "the engine protocol and registry, under each engine's tests"),
    "languages/spec.py": (["test_languages.py"], "the `Language` record, which every language module's tables "
                                                 "are checked against"),
    "languages/??.py": (["test_languages.py"], "one language's tables each: every language module is checked "
                                               "there, and the tables reach every stage"),
}
NOT_SPLIT_YET = {
    # Their own tests live in a bigger test module: move them to the mirrored path, then drop the entry.
    "audio/encoding.py": (["audio/test_recording.py", "editions/test_audio.py"], "MP3 frames, tags and chapters"),
    "audio/record.py": (["editions/test_audio.py"], "the record stage, through the audio edition"),
    "audio/synthesis.py": (["audio/test_timeline.py", "audio/test_recording.py"], "the speech engine, through "
                                                                                  "the timeline"),
    "catalogs/review.py": (["catalogs/test_catalog.py"], "the worklist, in the review workflow's tests"),
    "checks/audio.py": (["editions/test_audio.py"], "check_mp3 and mp3_labels, on the built audio editions"),
    "checks/epub.py": (["editions/test_epub.py"], "the EPUB checks, on the built EPUBs"),
    "checks/pdf.py": (["editions/test_pdf.py"], "check_pdf, on the built PDFs and on one made elsewhere"),
    "editions/epub_xhtml.py": (["editions/test_epub.py"], "the EPUB's XHTML, with the EPUB"),
    "editions/reading.py": (["editions/test_pdf.py", "editions/test_epub.py"], "the reading order, through the "
                                                                               "visual editions"),
    "ingest/markdown.py": (["ingest/test_ingest.py", "ingest/test_shapes.py"], "Markdown → blocks, through "
                                                                               "read_release on the corpus"),
    "translate/glossary.py": (["translate/test_protect.py", "translate/test_default_glossaries.py"],
                              "terms in masking and the default glossaries"),
    "translate/hygiene.py": (["translate/test_qa.py"], "tidy and strip_unknown_marks, beside QA"),
}


def mirrored_tests(module: Path) -> list[Path]:
    """pipeline/a/b.py → tests/a/test_b.py; a package's pipeline/a/__init__.py → tests/a/test_a.py, or
    tests/test_a.py beside its parent's tests (as tests/test_languages.py)."""
    relative = module.relative_to(PACKAGE)
    if relative.name != "__init__.py":
        return [TESTS / relative.parent / f"test_{relative.stem}.py"]
    package = relative.parent if relative.parent.name else Path(PACKAGE.name)
    return [TESTS / package / f"test_{package.name}.py", TESTS / package.parent / f"test_{package.name}.py"]


def test_every_module_has_its_test_module_at_the_mirrored_path():
    assert mirrored_tests(PACKAGE / "publish" / "writer.py") == [TESTS / "publish" / "test_writer.py"]
    assert not TESTED_THROUGH.keys() & NOT_SPLIT_YET.keys()
    allowed = {**TESTED_THROUGH, **NOT_SPLIT_YET}
    missing, used = [], set()
    for path in sorted(PACKAGE.rglob("*.py")):
        name, tests = path.relative_to(PACKAGE).as_posix(), mirrored_tests(path)
        if lines(path) <= MIRRORED or any(test.is_file() for test in tests):
            continue
        entries = [entry for entry in allowed if fnmatch(name, entry)]
        used.update(entries)
        if not entries:
            missing.append(f"pipeline/{name} ({lines(path)} lines) → {tests[0].relative_to(TESTS.parent)}")
    assert not missing, "no test module at the mirrored path: " + ", ".join(missing)
    stale = sorted(allowed.keys() - used)
    assert not stale, "no longer needed in TESTED_THROUGH / NOT_SPLIT_YET: " + ", ".join(stale)
    absent = [f"{name}: tests/{test}" for name, (tests, _) in allowed.items() for test in tests
              if not (TESTS / test).is_file()]
    assert not absent, "allow-listed modules name test modules that do not exist: " + ", ".join(absent)
