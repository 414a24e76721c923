"""options: validation of `name=value` arguments, help text, and SCons' reaction to bad ones."""
import os
import shutil
import subprocess

import pytest

from staticpython import options, recipes
from staticpython.flavors import FLAVORS
from staticpython.targets import TARGETS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_defaults_are_valid_here():
    assert options.errors({}) == []
    assert options.errors(options.defaults()) == []


@pytest.mark.parametrize('name, valid', [('flavor', FLAVORS), ('target', TARGETS)])
def test_unknown_choice_names_valid_ones(name, valid):
    problems = options.errors({name: 'nope'})
    assert len(problems) == 1, problems
    assert "'nope'" in problems[0] and name in problems[0]
    for choice in valid:
        assert choice in problems[0]


def test_unknown_libc():
    problems = options.errors({'libc': 'glibc'})
    assert len(problems) == 1 and 'musl' in problems[0] and "'glibc'" in problems[0]


def test_unknown_option_reported():
    problems = options.errors({'foo': '1'})
    assert len(problems) == 1
    assert "'foo'" in problems[0]
    for known in options.defaults():
        assert known in problems[0]


@pytest.mark.parametrize('value', ['0', '1', 'yes', 'NO', 'True', 'off'])
def test_verbose_words_accepted(value):
    assert options.errors({'verbose': value}) == []


def test_verbose_maybe_reported():
    problems = options.errors({'verbose': 'maybe'})
    assert len(problems) == 1 and 'verbose' in problems[0] and "'maybe'" in problems[0]


def test_relative_cache_reported(tmp_path):
    problems = options.errors({'cache': 'some/dir'})
    assert len(problems) == 1 and 'cache' in problems[0] and "'some/dir'" in problems[0]
    assert options.errors({'cache': str(tmp_path)}) == []
    assert options.errors({'cache': '~/somewhere'}) == []


def test_several_problems_one_message_each():
    problems = options.errors({'flavor': 'nope', 'foo': '1', 'verbose': 'maybe'})
    assert len(problems) == 3


def test_help_text_lists_every_flavor_and_target_once():
    lines = options.help_text().splitlines()
    for name in list(FLAVORS) + list(TARGETS):
        hits = [l for l in lines if l.split()[:1] == [name]]
        assert len(hits) == 1, (name, hits)
    versions = {name: r.VERSION for name, r in recipes.load().items()}
    for f in FLAVORS.values():
        assert any(l.split()[:2] == [f.name, versions[f.interpreter]] and f.summary in l
                   for l in lines), f.name
    for t in TARGETS.values():
        assert any(t.name in l and t.triple('musl') in l and t.summary in l for l in lines)


@pytest.mark.parametrize('name, valid', [('flavor', FLAVORS), ('target', TARGETS)])
def test_scons_rejects_bad_choice(name, valid):
    scons = shutil.which('scons')
    if scons is None:
        pytest.skip('scons is not installed')
    r = subprocess.run([scons, '-Q', f'{name}=nope'], cwd=REPO, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode != 0
    assert 'Traceback' not in r.stderr and 'Traceback' not in r.stdout
    lines = [l for l in r.stderr.splitlines() if f'valid {name}s:' in l]
    assert len(lines) == 1, r.stderr
    assert "'nope'" in lines[0]
    for choice in valid:
        assert choice in lines[0]


def test_cache_inside_the_repo_is_refused():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    problems = options.errors({'cache': os.path.join(repo, 'cache')}, repo)
    assert len(problems) == 1 and 'outside the repo' in problems[0]
    assert options.errors({'cache': '/tmp/sp-cache'}, repo) == []


@pytest.mark.parametrize('value', ['auto', 'yes', 'no', '0', '1', 'ON'])
def test_pie_words_accepted(value):
    assert options.errors({'pie': value}) == []


def test_pie_maybe_reported():
    problems = options.errors({'pie': 'maybe'})
    assert len(problems) == 1 and 'pie' in problems[0] and "'maybe'" in problems[0]
    assert 'auto' in problems[0]


@pytest.mark.parametrize('name', sorted(TARGETS))
def test_pie_auto_is_the_targets_choice_and_words_override_it(name):
    target = TARGETS[name]
    assert options.pie('auto', target) is target.pie
    assert options.pie('yes', target) is True and options.pie('1', target) is True
    assert options.pie('no', target) is False and options.pie('off', target) is False


def test_a_flavor_without_targets_is_built_for_every_target():
    for flavor in FLAVORS.values():
        assert bool(flavor.targets) == bool(flavor.targets_reason), flavor.name
        assert set(flavor.targets) <= set(TARGETS), flavor.name
