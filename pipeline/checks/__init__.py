"""Checks on finished editions, as reusable functions: the test suite, the
`check` command and anyone with a file made elsewhere use the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class Report:
    """The result of checking one file."""

    path: str
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]

    def add(self, name: str, passed: bool, detail: str = "") -> None:
        self.checks.append(Check(name, bool(passed), detail))

    def __getitem__(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    def format(self) -> str:
        lines = [f"{self.path}: {'PASS' if self.passed else 'FAIL'} "
                 f"({len(self.checks) - len(self.failed)} of {len(self.checks)} checks passed)"]
        for check in self.checks:
            lines.append(f"  {'ok  ' if check.passed else 'FAIL'}  {check.name}" + (f": {check.detail}" if check.detail else ""))
        return "\n".join(lines)
