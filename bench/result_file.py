"""What every bench/ script's result file shares: written whole or not at all (a temporary file
renamed over the target), as indented JSON."""
import json
import os


def write_result(path, result):
    """Write `result` to `path` as JSON, atomically (a crash leaves the old file or the new one)."""
    with open(path + ".tmp", "w") as f:
        json.dump(result, f, indent=2)
    os.replace(path + ".tmp", path)
