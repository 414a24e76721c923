"""What this StaticPython interpreter is: `python -m staticpython` prints its entry of a
release's MANIFEST.json (flavor, Python version, target, C library, every library linked in
with its version, license and source sha256, the built-in modules, and the size and sha256
of this executable), as JSON. Valid 2.7 and 3.x code: every flavor has it."""
import hashlib
import json
import sys

import _staticpython_build


def manifest():
    """This interpreter's manifest entry, as a dict."""
    entry = dict(_staticpython_build.FACTS)
    entry['builtin_modules'] = sorted(sys.builtin_module_names)
    digest = hashlib.sha256()
    with open(sys.executable, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            digest.update(block)
        entry['size'] = f.tell()
    entry['sha256'] = digest.hexdigest()
    return entry


def main():
    json.dump(manifest(), sys.stdout, indent=2, separators=(',', ': '), sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
