"""requirements.lock and pyproject.toml agree: `make lock` was run after every dependency change.

The lock (uv's universal format: `name==version ; marker`, hashes, `# via` comments) is what
`make` installs. A requirement added to or removed from pyproject.toml without `make lock`
fails here, naming the package and the command that mends it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import REPO

LOCK = REPO / "requirements.lock"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")
DIRECT = "release-pipeline (pyproject.toml)"
MEND = "run `make lock` after changing pyproject.toml's dependencies"


@dataclass(frozen=True)
class Pin:
    name: str
    version: Version
    applies: bool  # its marker holds on this interpreter and platform
    direct: bool  # pyproject.toml asks for it (uv's "# via release-pipeline (pyproject.toml)")
    hashes: int


def read_lock() -> list[Pin]:
    pins: list[Pin] = []
    current: dict | None = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            if current:
                pins.append(Pin(**current))
            marker = match["marker"]
            current = dict(name=canonicalize_name(match["name"]), version=Version(match["version"]),
                           applies=Marker(marker).evaluate() if marker else True, direct=False, hashes=0)
        elif current and line.strip().startswith("--hash=sha256:"):
            current["hashes"] += 1
        elif current and DIRECT in line:
            current["direct"] = True
    if current:
        pins.append(Pin(**current))
    return pins


def declared_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    names = list(project["project"]["dependencies"])
    for extra in project["project"].get("optional-dependencies", {}).values():
        names += extra
    names += project["build-system"]["requires"]
    return [Requirement(name) for name in names]


def test_every_declared_requirement_is_pinned_within_its_range():
    pins = {pin.name: pin for pin in read_lock() if pin.applies}
    for requirement in declared_requirements():
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, f"{requirement} is not in requirements.lock: {MEND}"
        assert requirement.specifier.contains(pin.version, prereleases=True), \
            f"requirements.lock pins {pin.name}=={pin.version}, outside {requirement}: {MEND}"


def test_the_lock_asks_for_nothing_pyproject_dropped():
    declared = {canonicalize_name(requirement.name) for requirement in declared_requirements()}
    stale = sorted(pin.name for pin in read_lock() if pin.direct and pin.name not in declared)
    assert not stale, f"requirements.lock still pins {', '.join(stale)} for pyproject.toml: {MEND}"


def test_every_pin_is_exact_and_hashed():
    pins = read_lock()
    assert len(pins) > 50  # the parser read the file, not a header
    unhashed = [pin.name for pin in pins if pin.hashes == 0]
    assert not unhashed, f"no hashes for {unhashed}: pip --require-hashes would refuse the lock"


def test_make_installs_from_the_lock_with_hashes_only():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r $(LOCK)" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile  # the project itself pulls in nothing unlocked
