"""One run at a time per project (docs/reliability.md)."""

from __future__ import annotations

import fcntl
import os
import time

from .config import Config
from .display import display, plural
from .errors import PipelineError
from .fsutil import remove_temporaries


class ProjectLock:
    """One run at a time per project: a second one is refused, naming the first.

    An advisory `flock` on `.work/run.lock`, released by the kernel when the
    process ends, so a killed run never leaves a stale lock behind.
    """

    def __init__(self, config: Config):
        self.config = config
        self.path = config.path(config.work_dir) / "run.lock"
        self.project = config.project_dir
        self._file = None
        self.acquired = 0.0  # time.time() when the lock was taken: older temporary files have no owner

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
        self.acquired = time.time()
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None

    def remove_leftovers(self) -> list[str]:
        """The temporary files a killed run left outside the output folder (the job cache, the review
        catalogs): under this lock, files older than its taking have no owner left."""
        removed = remove_temporaries(self.config.cache_dir, self.acquired)
        for releases in sorted(self.config.locales_dir.glob("*/releases")):
            removed += remove_temporaries(releases, self.acquired)
        return [f"removed {plural(len(removed), 'temporary file')} of an interrupted run in the cache or the "
                "catalogs"] if removed else []

