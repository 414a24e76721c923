"""Command-line options: typed SCons Variables, validated before anything is built.

Errors are one line each, naming the valid values; SCons then exits non-zero.
"""
import os

from . import extmodules, libcs, recipes
from .flavors import DEFAULT_FLAVOR, FLAVORS
from .targets import TARGETS, native_target

LIBCS = tuple(libcs.LIBCS)
BOOL_WORDS = ('0', '1', 'yes', 'no', 'true', 'false', 'on', 'off')
TRUE_WORDS = ('1', 'yes', 'true', 'on')
PIE_WORDS = ('auto',) + BOOL_WORDS        # auto: the target's own choice (Target.pie)


def default_cache():
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'staticpython')


def defaults():
    return {'flavor': DEFAULT_FLAVOR, 'target': native_target() or '', 'libc': 'musl',
            'verbose': '0', 'pie': 'auto', 'cache': default_cache(), 'modules': ''}


def errors(arguments, repo=None):
    """Problems with the user's `name=value` arguments, one message per problem."""
    problems = []
    known = defaults()
    for name in sorted(arguments):
        if name not in known:
            problems.append(f"unknown option '{name}'; valid options: {', '.join(known)}")
    choices = {'flavor': tuple(FLAVORS), 'target': tuple(TARGETS), 'libc': LIBCS}
    for name, valid in choices.items():
        value = arguments.get(name, known[name])
        if value not in valid:
            what = f"'{value}'" if value else '(none: this machine has no native target)'
            problems.append(f"unknown {name} {what}; valid {name}s: {', '.join(valid)}")
    flavor = arguments.get('flavor', known['flavor'])
    target = arguments.get('target', known['target'])
    if flavor in FLAVORS and target in TARGETS and unsupported(flavor, target):
        problems.append(unsupported(flavor, target))
    libc = arguments.get('libc', known['libc'])
    if libc in LIBCS and target in TARGETS:
        why = libcs.unsupported(libc, target, pie(arguments.get('pie', 'auto'), TARGETS[target]))
        if why:
            problems.append(why)
    if flavor in FLAVORS:
        problems += module_errors(flavor, arguments.get('modules', ''))
    if str(arguments.get('verbose', '0')).lower() not in BOOL_WORDS:
        problems.append(f"verbose must be one of {', '.join(BOOL_WORDS)}, "
                        f"not '{arguments['verbose']}'")
    if str(arguments.get('pie', 'auto')).lower() not in PIE_WORDS:
        problems.append(f"pie must be one of {', '.join(PIE_WORDS)}, not '{arguments['pie']}'")
    cache = arguments.get('cache')
    if cache is not None:
        full = os.path.expanduser(cache)
        inside = repo and os.path.commonpath(
            [os.path.realpath(full), os.path.realpath(repo)]) == os.path.realpath(repo)
        if not os.path.isabs(full) or inside:
            problems.append(f"cache must be an absolute directory outside the repo, not '{cache}'")
    return problems


def unsupported(flavor_name, target_name, machine=None):
    """Why `flavor_name` cannot be built for `target_name` here (one line), or None: a flavor
    that names its targets is built for those only (Flavor.targets, with its reason); a
    recipe without CROSS_BUILD builds only for the targets this machine runs."""
    flavor = FLAVORS[flavor_name]
    if flavor.targets and target_name not in flavor.targets:
        return (f"flavor {flavor_name} is built only for {', '.join(flavor.targets)}, not for "
                f"{target_name}: {flavor.targets_reason}")
    recipe = recipes.load()[flavor.interpreter]
    if recipe.CROSS_BUILD or TARGETS[target_name].runs_natively(machine):
        return None
    native = [t.name for t in TARGETS.values() if t.runs_natively(machine)]
    return (f"flavor {flavor_name} is built only for a target this machine runs "
            f"({', '.join(native) or 'none'}), not cross-built for {target_name}")


def module_names(value):
    """The `modules` option's names: comma-separated, spaces allowed."""
    return tuple(n.strip() for n in value.split(',') if n.strip())


def module_errors(flavor_name, value):
    """Why the `modules` option's names cannot go into `flavor_name` (one line each)."""
    version = recipes.load()[FLAVORS[flavor_name].interpreter].VERSION
    try:
        extmodules.chosen(module_names(value), version)
    except ValueError as e:
        return [str(e)]
    return []


def flavor(arguments):
    """The flavor the arguments ask for, with the modules the `modules` option adds."""
    name = arguments.get('flavor', DEFAULT_FLAVOR)
    return FLAVORS[name].with_modules(module_names(arguments.get('modules', '')))


def pie(value, target):
    """Whether executables for `target` are static-pie, for the `pie` option's value."""
    value = str(value).lower()
    return target.pie if value == 'auto' else value in TRUE_WORDS


def help_text():
    versions = {name: r.VERSION for name, r in recipes.load().items()}
    lines = ['', 'Flavors (flavor=NAME), with the exact Python version each builds:']
    lines += [f'  {f.name:<16} {versions[f.interpreter]:<9} {f.summary}'
              + (f'; modules: {", ".join(f.extra_modules)}' if f.extra_modules else '')
              for f in FLAVORS.values()]
    lines += ['', 'Targets (target=NAME), each with its own toolchain (GCC, binutils, musl):']
    lines += [f'  {t.name:<16} {t.triple("musl"):<24} {t.summary}' for t in TARGETS.values()]
    lines += ['', 'C libraries (libc=NAME), each with its version and the targets it is built for:']
    for c in libcs.LIBCS.values():
        lines += [f'  {c.name:<16} {versions[c.name]:<9} {c.summary}; targets: '
                  + ('all' if not c.targets else ', '.join(c.targets))]
    lines += ['', 'C extensions of modules/, compiled in (every flavor has those it names; '
              'modules=A,B adds more):']
    for m in extmodules.load().values():
        releases = ', '.join(f'{r.version} (Python {r.python})' for r in m.RELEASES)
        lines += [f'  {m.NAME:<16} {m.SUMMARY}', f'  {"":<16} releases: {releases}']
    lines += ['', 'Aliases: python (the default, with libs), toolchain, libs, fetch, test, unittest,',
              '         regrtest (CPython\'s own test suite), bench, release (every flavor for',
              '         every target into release/), provenance', '']
    return '\n'.join(lines)
