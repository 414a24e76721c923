"""What staticpython.cpython.copy_stdlib keeps of a standard library, for the unit tests of
each series' rules (a module of its own: the unit and integration tests run in one pytest
session, where `conftest` is the integration tests' module)."""
import os


def copied_stdlib(recipe, tmp_path, files):
    """The files that staticpython.cpython.copy_stdlib keeps of a Lib/ holding `files`
    (empty, by their paths under Lib/), with `recipe`'s rules: sorted relative paths."""
    from staticpython import cpython
    src = tmp_path / 'Lib'
    for rel in files:
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('')
    out = tmp_path / 'out'
    cpython.copy_stdlib(recipe, str(src), str(out))
    return sorted(os.path.relpath(os.path.join(d, f), out)
                  for d, _, files in os.walk(out) for f in files)
