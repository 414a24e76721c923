"""One module per third-party package: mostly data, plus a build(b) function.

Each recipe module defines:
  NAME, VERSION, LICENSE, SUMMARY  strings
  KIND        'toolchain' (a pkg of the target's toolchain, built with the build machine's
              gcc and g++), 'part' (built inside a toolchain recipe that lists it in its
              PARTS: the C library, compiled by the new compiler), 'library' (installed into
              the stage, built by the toolchain), 'data' (files for the interpreter's ZIP)
              or 'interpreter' (CPython)
  SOURCES     tuple of sources.Source: alternative forms of the same release
              (the upstream file first; a repacked archive file as a second form)
  DEPENDS     recipe names whose pkgs the build sees
  PRODUCTS    paths inside the pkg that must exist after the build (checked): glob
              patterns, in which {triple} stands for the target's triple
  UNPACK      optional: the paths of the source tree to extract (default: all)
  PARTS       optional, toolchain recipes: recipes built inside this one's build
  build(b)    given a context.BuildContext; installs into b.destdir with prefix /usr
"""
import importlib
import pkgutil

_FIELDS = ('NAME', 'VERSION', 'LICENSE', 'SUMMARY', 'KIND', 'SOURCES', 'DEPENDS', 'PRODUCTS')


def load():
    """All recipes by NAME, in a dependency-respecting order."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f'{__name__}.{info.name}')
        missing = [f for f in _FIELDS + ('build',) if not hasattr(mod, f)]
        if missing:
            raise ValueError(f'recipe {info.name} lacks {", ".join(missing)}')
        found[mod.NAME] = mod
    return {name: found[name] for name in _ordered(found)}


def _ordered(recipes):
    order, visiting = [], set()

    def visit(name, chain):
        if name in order:
            return
        if name in visiting:
            raise ValueError('recipe dependency cycle: ' + ' -> '.join(chain + [name]))
        if name not in recipes:
            raise ValueError(f'recipe {chain[-1]} depends on unknown recipe {name}')
        visiting.add(name)
        for dep in recipes[name].DEPENDS:
            visit(dep, chain + [name])
        visiting.discard(name)
        order.append(name)

    for name in sorted(recipes):
        visit(name, [name])
    return order


def closure(recipes, names):
    """`names` plus everything they depend on, in build order."""
    want = set()

    def add(n):
        if n not in want:
            want.add(n)
            for d in recipes[n].DEPENDS:
                add(d)
    for n in names:
        add(n)
    return [n for n in recipes if n in want]
