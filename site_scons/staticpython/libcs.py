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
    product: str = ''         # the name it gives itself (platform.libc_ver(), the manifest)
    # What a program sees of it (the integration tests' expectations, the README's words):
    cpython_platform: bool = True   # CPython names the platform with it (MULTIARCH, SOABI)
    time32_targets: tuple = ()      # targets where its time_t has 32 bits (none past 2038)
    only_c_locale: bool = False     # setlocale() refuses every locale but C and POSIX
    # Whether src/staticpython_string.c's memcpy, memmove, memset and memcmp replace its
    # own in the interpreter (musl's are small rather than fast).
    string_functions: bool = True
    cpython_configure: tuple = ()   # CPython's configure answers with it: (variable, value)

    def interpreter_data(self):
        """What of this entry shapes the bytes of an interpreter built with it (part of the
        interpreter pkg's signature; the rest is what programs see, or the toolchain's)."""
        return f'string_functions={self.string_functions} configure={self.cpython_configure}'


LIBCS = {c.name: c for c in (
    Libc('musl', compiler='gcc', product='musl',
         summary='musl: small, static-first, the default'),
    Libc('uclibc', compiler='gcc-uclibc',
         summary="uClibc-ng: the original StaticPython's C library",
         targets=('linux-x86_64', 'linux-i386'),
         targets_reason='the others are not built or tested with it yet (uClibc-ng 1.0.35 '
                        'has no port for ppc64le or s390x)',
         static_pie=False, product='uClibc-ng',
         # CPython's Misc/platform_triplet.c says `#error uclibc not supported`: configure
         # then leaves the platform triplet empty (SOABI cpython-313, no MULTIARCH).
         cpython_platform=False,
         # uClibc-ng 1.0.35's time_t is a long (its typesizes.h): 32 bits on i386.
         time32_targets=('linux-i386',),
         # Built without its locale data (see uclibc.config).
         only_c_locale=True,
         # Its libc.a calls memcpy and memset through hidden aliases (__GI_memcpy) defined
         # in the same objects, so linking ours doubles the definitions; they are glibc's
         # x86 assembly, fast already.
         string_functions=False,
         # Its wcsftime() garbles composite formats (%c gave "Thu "); strftime() is right,
         # and time.strftime() uses it when configure finds no wcsftime().
         cpython_configure=(('ac_cv_func_wcsftime', 'no'),)),
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

