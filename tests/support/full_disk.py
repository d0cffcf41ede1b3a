"""Run inside `unshare --user --map-root-user --mount` (tests/test_full_disk.py), where an unprivileged
user may mount a tmpfs: mount one of SIZE on MOUNT, run the first command (it must fit), then the
second (it must not), and print as JSON each command's exit status and stderr and what MOUNT
held after each, file by file, with its free blocks, and so did each folder WATCH names (outside
MOUNT: what else the command may have written). The tmpfs goes with the namespace.

    WATCH=DIR:DIR python tests/support/full_disk.py MOUNT SIZE COMMAND COMMAND

Each COMMAND is JSON: {"write": {FILE: TEXT}, "argv": ["run", …]}, the files written before the
command runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path


def tree(root: Path) -> dict[str, str]:
    """Every folder, link and file under `root` (links not followed); a file by its bytes' SHA-256."""
    found = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[relative] = "link to " + os.readlink(path)
            elif path.is_dir():
                found[relative] = "folder"
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def main(mount: str, size: str, *commands: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", mount], check=True)
    report = []
    for command in map(json.loads, commands):
        for path, text in command["write"].items():
            Path(path).write_text(text, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "pipeline", *command["argv"]], capture_output=True, text=True)
        report.append({"exit": done.returncode, "stderr": done.stderr, "tree": tree(Path(mount)),
                       "free": os.statvfs(mount).f_bfree,
                       "watched": {folder: tree(Path(folder)) for folder in os.environ.get("WATCH", "").split(":") if folder}})
    print(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:])
