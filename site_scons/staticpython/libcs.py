"""LIBCS: the C libraries an interpreter can be linked with (the `libc` option), as data.

A C library is built inside the GCC recipe of its toolchain (a PART of that recipe, by the
compiler just built), so each libc names that toolchain recipe; the other toolchain recipes
(binutils, the kernel's headers) serve every libc. Its name is the word GNU triples use
for it (x86_64-linux-musl, i686-linux-uclibc) and the NAME of its own recipe.
"""
from dataclasses import dataclass



@dataclass(frozen=True)
class Libc:
    name: str                 # the option's value, its recipe's NAME, its word in triples
    compiler: str             # the toolchain recipe whose build makes GCC and this libc
    summary: str
    targets: tuple = ()       # the targets it is built for (empty: every target)
    targets_reason: str = ''  # why not the others, one line
    static_pie: bool = True   # whether its start-up code can run a static-pie executable


LIBCS = {c.name: c for c in (
    Libc('musl', compiler='gcc',
         summary='musl: small, static-first, the default'),
    Libc('uclibc', compiler='gcc-uclibc',
         summary="uClibc-ng: the original StaticPython's C library",
         targets=('linux-x86_64', 'linux-i386'),
         targets_reason='the others are not built or tested with it yet (uClibc-ng 1.0.35 '
                        'has no port for ppc64le or s390x)',
         static_pie=False),
)}


def toolchain_recipes(recipes, libc):
    """The toolchain recipes of `libc`'s toolchain: the shared ones and its own compiler
    (not the other libcs')."""
    others = {c.compiler for c in LIBCS.values() if c.name != libc}
    return [n for n, r in recipes.items() if r.KIND == 'toolchain' and n not in others]


def toolchain_names(recipes, libc):
    """The recipes of `libc`'s toolchain with the parts built inside them (the C library),
    in the registry's order."""
    tools = toolchain_recipes(recipes, libc)
    parts = {p for n in tools for p in getattr(recipes[n], 'PARTS', ())}
    return [n for n in recipes if n in tools or n in parts]


def unsupported(libc, target_name, pie):
    """Why `libc` cannot be used for `target_name` (with static-pie executables if `pie`),
    in one line, or None."""
    c = LIBCS[libc]
    if c.targets and target_name not in c.targets:
        return (f"libc {libc} is built only for {', '.join(c.targets)}, not for "
                f"{target_name}: {c.targets_reason}")
    if pie and not c.static_pie:
        return (f"libc {libc} cannot start a static-pie executable (its start-up code does "
                f"not relocate itself); build with pie=no or libc=musl")
    return None

