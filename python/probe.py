"""Checks that this interpreter can run a Python model: python3 probe.py MODULE...; exit 0, or 1 naming what is missing.

The harness runs each external model's probe once before it plans that model's trials; a model whose probe
fails is skipped, with the probe's last line as the reason.
"""

import importlib
import platform
import sys

MIN_VERSION = (3, 9)


def main(modules):
    if sys.version_info < MIN_VERSION:
        print(f"needs Python {MIN_VERSION[0]}.{MIN_VERSION[1]}+, {sys.executable} is {platform.python_version()}")
        return 1
    found = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError as e:
            print(f"{sys.executable} cannot import {name} ({e}): apt-get install python3-{name}")
            return 1
        found.append(f"{name} {getattr(module, '__version__', '')}".strip())
    print(" ".join([f"{platform.python_implementation()} {platform.python_version()}"] + found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
