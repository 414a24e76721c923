"""A quick part of CPython's own test suite (the series' quick list in
staticpython.regrtest.STYLES) against the flavor's test-suite variant, judged by the list of
expected failures: what a static single-file interpreter does differently, checked in a
few minutes. `scons regrtest` runs the whole suite beside the default build of the same
source."""
import os

from conftest import REPO
from isolation import on_host
from staticpython import regrtest
from versions import XY


def test_quick_part_of_the_cpython_test_suite(suite_python, flavor, target, libc):
    out_dir = os.path.join(os.path.dirname(os.path.dirname(suite_python)), 'regrtest-quick')
    expected = regrtest.expected_list(REPO, flavor.interpreter, libc, target.name)
    # A foreign CPU's run (qemu, in a user namespace) may fail what its list names, with
    # the reasons in the report.
    emulated = regrtest.emulated_list(REPO, flavor.interpreter)
    style = regrtest.STYLES[XY]       # how this series' regrtest runs, and its quick part
    verdict, text = regrtest.check(suite_python, out_dir, expected, os.cpu_count() or 2,
                                   tests=style.quick, title='CPython tests, quick part',
                                   wrap=on_host,
                                   tolerated_path=None if target.runs_natively() else emulated,
                                   style=style)
    assert verdict.ok, text
