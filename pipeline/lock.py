"""One run at a time per project (docs/reliability.md)."""

from __future__ import annotations

import fcntl
import os

from .config import Config
from .display import display
from .errors import PipelineError


class ProjectLock:
    """One run at a time per project: a second one is refused, naming the first.

    An advisory `flock` on `.work/run.lock`, released by the kernel when the
    process ends, so a killed run never leaves a stale lock behind.
    """

    def __init__(self, config: Config):
        self.path = config.path(config.work_dir) / "run.lock"
        self.project = config.project_dir
        self._file = None

    def __enter__(self) -> ProjectLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise PipelineError(f"another run (pid {holder}) holds {display(self.project)}; "
                                "wait for it to finish (nothing was written)") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None
