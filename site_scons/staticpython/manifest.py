"""What a binary is, as data: the facts its build writes into it (_staticpython_build.FACTS)
and that `python -m staticpython` prints, with its built-in modules, size and sha256, as
the binary's entry of a release's MANIFEST.json."""
from . import extmodules, libcs
from . import recipes as recipe_registry


def _package(recipe, patches=()):
    return {'name': recipe.NAME, 'version': recipe.VERSION, 'license': recipe.LICENSE,
            'sources': [{'file': s.filename, 'sha256': s.sha256} for s in recipe.SOURCES]}


def build_facts(flavor, target, libc, pie, recipes):
    """The facts of one interpreter build: JSON-ready, the same on every build machine."""
    interpreter = recipes[flavor.interpreter]
    modules = extmodules.chosen(flavor.extra_modules, interpreter.VERSION)
    linked = recipe_registry.closure(recipes, flavor.libraries + extmodules.libraries(modules))
    toolchain = libcs.toolchain_names(recipes, libc)
    return {
        'flavor': flavor.name,
        'python': interpreter.VERSION,
        'interpreter': _package(interpreter),
        'target': target.name,
        'triple': target.triple(libc),
        # its own name (platform.libc_ver()'s), not the option's: uClibc-ng, not uclibc
        'libc': {'name': libcs.LIBCS[libc].product, 'version': recipes[libc].VERSION},
        'pie': bool(pie),
        'file': f'{target.name}/{flavor.output}',
        'libraries': [_package(recipes[n]) for n in linked],
        # the C extensions of modules/ compiled in, with their built-in modules
        'modules': [{'name': m.NAME, 'version': r.version, 'license': m.LICENSE,
                     'sources': [{'file': r.source.filename, 'sha256': r.source.sha256}],
                     'builtins': sorted(r.builtins)} for m, r in modules],
        'toolchain': [{'name': n, 'version': recipes[n].VERSION} for n in toolchain],
    }
