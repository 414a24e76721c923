"""libcs: the C libraries as data, their toolchains, the `libc` option's checks, and
uClibc-ng's configuration file."""
import os
import re
import shutil
import subprocess

import pytest

from staticpython import libcs, manifest, options, recipes
from staticpython.flavors import FLAVORS
from staticpython.recipes import uclibc
from staticpython.targets import TARGETS

RECIPES = recipes.load()
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_every_libc_has_its_recipe_and_compiler():
    for c in libcs.LIBCS.values():
        assert RECIPES[c.name].KIND == 'part', c.name
        compiler = RECIPES[c.compiler]
        assert compiler.KIND == 'toolchain' and compiler.PARTS == (c.name,), c.compiler
        assert all(t in TARGETS for t in c.targets), c.targets
        assert not c.targets or c.targets_reason


def test_every_libc_says_its_own_name_and_what_programs_see():
    assert [c.product for c in libcs.LIBCS.values()] == ['musl', 'uClibc-ng']
    for c in libcs.LIBCS.values():
        assert set(c.time32_targets) <= set(c.targets or TARGETS), c.name
        assert all(TARGETS[t].elf_class == 32 for t in c.time32_targets), c.name


def test_cpython_names_the_platform_of_musl_only():
    i386 = TARGETS['linux-i386']
    assert i386.multiarch('musl') == 'i386-linux-musl'
    assert i386.multiarch('uclibc') == ''


def test_a_toolchain_has_its_own_compiler_only():
    for c in libcs.LIBCS.values():
        names = libcs.toolchain_recipes(RECIPES, c.name)
        assert c.compiler in names
        assert not [o.compiler for o in libcs.LIBCS.values() if o is not c and o.compiler in names]
        assert {'binutils', 'linux-headers'} <= set(names)
    assert libcs.toolchain_names(RECIPES, 'musl') == ['binutils', 'linux-headers', 'gcc', 'musl']


def test_manifest_names_the_libc_and_its_toolchain():
    facts = manifest.build_facts(FLAVORS['python3.13'], TARGETS['linux-i386'], 'uclibc',
                                 False, RECIPES)
    assert facts['libc'] == {'name': 'uClibc-ng', 'version': uclibc.VERSION}
    assert facts['triple'] == 'i686-linux-uclibc'
    assert [t['name'] for t in facts['toolchain']] == libcs.toolchain_names(RECIPES, 'uclibc')
    assert 'uclibc' in [t['name'] for t in facts['toolchain']]
    assert 'musl' not in [t['name'] for t in facts['toolchain']]


@pytest.mark.parametrize('target', list(TARGETS))
def test_uclibc_refuses_other_targets_in_one_line(target):
    problems = options.errors({'libc': 'uclibc', 'target': target})
    if target in libcs.LIBCS['uclibc'].targets:
        assert problems == []
        assert uclibc.arch(TARGETS[target].triple('uclibc'))
    else:
        assert len(problems) == 1 and '\n' not in problems[0], problems
        assert target in problems[0]
        assert all(t in problems[0] for t in libcs.LIBCS['uclibc'].targets)


def test_uclibc_refuses_static_pie():
    problems = options.errors({'libc': 'uclibc', 'target': 'linux-x86_64', 'pie': 'yes'})
    assert len(problems) == 1 and 'static-pie' in problems[0] and 'pie=no' in problems[0]
    assert options.errors({'libc': 'musl', 'target': 'linux-x86_64', 'pie': 'yes'}) == []


def test_help_lists_each_libc_with_version_and_targets():
    text = options.help_text()
    for c in libcs.LIBCS.values():
        line = next(l for l in text.splitlines() if l.strip().startswith(c.name + ' '))
        assert RECIPES[c.name].VERSION in line
        assert all(t in line for t in c.targets) or 'all' in line


def test_uclibc_config_gives_a_reason_for_every_option():
    with open(os.path.join(REPO, uclibc.CONFIG)) as f:
        lines = f.read().splitlines()
    options_seen = 0
    for i, line in enumerate(lines):
        if uclibc.settings(line):
            options_seen += 1
            # its reason: the comment above it, or above the group of options it ends
            j = i - 1
            while uclibc.settings(lines[j]):
                j -= 1
            assert lines[j].startswith('# ') and len(lines[j]) > 20, line
    assert options_seen >= 10
    required = {'UCLIBC_HAS_THREADS_NATIVE': 'y', 'UCLIBC_HAS_IPV6': 'y', 'UCLIBC_HAS_WCHAR': 'y'}
    assert required.items() <= uclibc.settings('\n'.join(lines)).items()


def test_settings_reads_both_forms():
    text = 'A_B=y\n# C is not set\nD="x y"\n# a comment\nnot an option\n'
    assert uclibc.settings(text) == {'A_B': 'y', 'C': 'n', 'D': '"x y"'}


def test_shared_objects_are_recognised():
    for name in ('libc.so', 'libc.so.1', 'ld64-uClibc.so.1', 'ld64-uClibc-1.0.35.so',
                 'libuClibc-1.0.35.so'):
        assert uclibc.SHARED.fullmatch(name), name
    for name in ('libc.a', 'crt1.o', 'libc.so.h', 'sonames.txt'):
        assert not uclibc.SHARED.fullmatch(name), name


def test_uclibc_recipe_data():
    assert uclibc.BUILD_FILES == ('site_scons/staticpython/recipes/uclibc.config',)
    assert re.fullmatch(r'[0-9a-f]{64}', uclibc.SOURCES[0].sha256)
    with pytest.raises(RuntimeError, match='not built for'):
        uclibc.arch('s390x-linux-uclibc')


def test_scons_refuses_uclibc_for_another_target_in_one_line():
    scons = shutil.which('scons')
    if scons is None:
        pytest.skip('scons is not installed')
    r = subprocess.run([scons, '-Q', 'libc=uclibc', 'target=linux-s390x'], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and 'Traceback' not in r.stderr + r.stdout
    lines = [l for l in r.stderr.splitlines() if 'libc uclibc' in l]
    assert len(lines) == 1 and 'linux-x86_64, linux-i386' in lines[0], r.stderr
