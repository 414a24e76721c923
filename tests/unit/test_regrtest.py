"""Reading a run of CPython's test suite and judging it against the expected failures."""
import os

import pytest

from staticpython import regrtest

LOG = '''\
0:00:00 load avg: 0.37 [ 1/6] test_linecache failed (1 error)
test_checkcache (test.test_linecache.LineCacheTests.test_checkcache) ... ok
======================================================================
ERROR: test_getline (test.test_linecache.LineCacheTests.test_getline)
----------------------------------------------------------------------
0:00:01 load avg: 0.37 [ 2/6/1] test.test_asyncio.test_windows_utils skipped -- running (1): x (31 sec)
test.test_asyncio.test_windows_utils skipped -- Windows only
0:00:02 load avg: 0.40 [ 3/6/1] test_pdb failed (1 failure)
FAIL: test_pdb_breakpoints (test.test_pdb)
0:00:03 load avg: 0.40 [ 4/6/2] test_cmd_line failed (2 failures)
FAIL: test_frozen (test.test_cmd_line.CmdLineTest.test_frozen) [off]
FAIL: test_frozen (test.test_cmd_line.CmdLineTest.test_frozen) [on]
ERROR: setUpClass (test.test_cmd_line.OtherTests)
0:00:04 load avg: 0.40 [ 5/6/3] test_ctypes crashed (Exit code -11)
0:00:04 load avg: 0.40 [ 5/6/3] test_sqlite3 failed (uncaught exception)
Failed to import test module: test.test_sqlite3.test_dump
0:00:05 load avg: 0.40 [ 6/6/4] test_curses skipped (resource denied)
test_curses skipped -- Use of the 'curses' resource not enabled
'''


@pytest.fixture
def run():
    r = regrtest.Run()
    regrtest.parse_log(LOG, r)
    return r


def test_module_states_and_skip_reasons(run):
    assert run.modules == {
        'test.test_linecache': 'failed', 'test.test_asyncio.test_windows_utils': 'skipped',
        'test.test_pdb': 'failed', 'test.test_cmd_line': 'failed', 'test.test_ctypes': 'crashed',
        'test.test_sqlite3': 'failed', 'test.test_curses': 'resource denied'}
    assert run.skip_reasons['test.test_asyncio.test_windows_utils'] == 'Windows only'
    assert run.skip_reasons['test.test_curses'].startswith("Use of the 'curses'")


def test_failed_cases_doctests_subtests_fixtures_and_crashes(run):
    assert run.failed() == {
        'test.test_linecache.LineCacheTests.test_getline',
        'test.test_pdb.test_pdb_breakpoints',                     # a doctest
        'test.test_cmd_line.CmdLineTest.test_frozen',             # two subtests
        'test.test_cmd_line.OtherTests.setUpClass',
        'test.test_ctypes',                                       # crashed: no case named
        'test.test_sqlite3.test_dump',                            # did not import
    }


def test_junit_counts_cases_and_ignores_unnamed_ones(tmp_path, run):
    junit = tmp_path / 'junit.xml'
    junit.write_text(
        '<testsuites><testsuite>'
        '<testcase name="test.test_x.A.test_ok" status="run"/>'
        '<testcase name="test.test_x.A.test_skip"><skipped>why</skipped></testcase>'
        '<testcase name="unittest.loader._FailedTest.test_y"><error>ImportError</error></testcase>'
        '<testcase />'
        '</testsuite></testsuites>')
    regrtest.parse_junit(str(junit), run)
    assert run.cases_run == 4
    assert run.classes == ['test.test_x.A', 'unittest.loader._FailedTest']
    assert run.cases['test.test_x.A.test_skip'] == 'skipped'
    assert run.cases['test.test_y'] == 'error'


def test_judge(run):
    expected = {'test.test_linecache': 'reads its own source file',
                'test.test_cmd_line.CmdLineTest.test_frozen': 'frozen modules off',
                'test.test_pdb.test_pdb_breakpoints': 'zip',
                'test.test_ctypes': 'shared library',
                'test.test_sqlite3.test_dump': 'x',
                'test.test_os': 'not run here',
                'test.test_curses': 'resource not enabled: not judged'}
    verdict = regrtest.judge(run, expected)
    assert verdict.unexpected == ['test.test_cmd_line.OtherTests.setUpClass']
    assert verdict.passed == []
    assert verdict.expected == ['test.test_cmd_line.CmdLineTest.test_frozen', 'test.test_ctypes',
                                'test.test_linecache', 'test.test_pdb.test_pdb_breakpoints',
                                'test.test_sqlite3.test_dump']
    assert not verdict.ok


def test_judge_an_expected_failure_that_passed(run):
    run.cases.pop('test.test_linecache.LineCacheTests.test_getline')
    run.modules['test.test_linecache'] = 'passed'
    verdict = regrtest.judge(run, {'test.test_linecache.LineCacheTests': 'x'})
    assert verdict.passed == ['test.test_linecache.LineCacheTests']
    assert not verdict.ok


def test_judge_an_expected_failure_skipped_here_is_not_judged(run):
    run.cases.pop('test.test_linecache.LineCacheTests.test_getline')
    run.cases['test.test_linecache.LineCacheTests.test_getline'] = 'skipped'
    run.modules['test.test_linecache'] = 'passed'
    verdict = regrtest.judge(run, {'test.test_linecache.LineCacheTests.test_getline': 'x'})
    assert verdict.passed == [] and verdict.expected == []


def test_judge_failures_tolerated_in_an_emulated_run(run):
    expected = {'test.test_cmd_line.CmdLineTest.test_frozen': 'a', 'test.test_ctypes': 'b',
                'test.test_linecache': 'c', 'test.test_pdb': 'd', 'test.test_sqlite3': 'e'}
    tolerated = {'test.test_cmd_line.OtherTests': 'qemu cannot',
                 'test.test_os.PosixTests.test_x': 'may pass: not a failure either way'}
    verdict = regrtest.judge(run, expected, tolerated=tolerated)
    assert verdict.tolerated == ['test.test_cmd_line.OtherTests.setUpClass']
    assert verdict.unexpected == [] and verdict.ok
    text = regrtest.report('t', run, None, expected, verdict, tolerated)
    assert '| `test.test_cmd_line.OtherTests.setUpClass` | qemu cannot |' in text
    assert not regrtest.judge(run, expected).ok    # natively the same failure counts


def test_judge_a_failure_the_default_build_has_too(run):
    reference = regrtest.Run(modules={'test.test_cmd_line': 'failed'},
                             cases={'test.test_cmd_line.OtherTests.setUpClass': 'error'},
                             explained=['test.test_cmd_line'])
    expected = {'test.test_linecache': 'a', 'test.test_cmd_line.CmdLineTest': 'b',
                'test.test_pdb': 'c', 'test.test_ctypes': 'd', 'test.test_sqlite3': 'e'}
    verdict = regrtest.judge(run, expected, reference)
    assert verdict.ok
    assert verdict.shared == ['test.test_cmd_line.OtherTests.setUpClass']


def test_run_round_trips_through_json(run):
    assert regrtest.Run.from_json(run.to_json()) == run


def test_load_expected(tmp_path):
    path = tmp_path / 'x.txt'
    path.write_text('# comment\n\ntest.test_a.B.test_c: why: with a colon\ntest.test_d: because\n')
    assert regrtest.load_expected(str(path)) == {'test.test_a.B.test_c': 'why: with a colon',
                                                 'test.test_d': 'because'}
    path.write_text('test.test_a no reason\n')
    with pytest.raises(ValueError, match='x.txt:1'):
        regrtest.load_expected(str(path))


def test_the_expected_failures_files_parse_and_give_reasons():
    import os
    here = os.path.join(os.path.dirname(__file__), '..', 'regrtest')
    for name in os.listdir(here):
        expected = regrtest.load_expected(os.path.join(here, name))
        assert all(test.startswith('test.') for test in expected), name
        assert all(len(reason) > 20 for reason in expected.values()), name


def test_judge_an_entry_for_tests_that_live_in_another_module(run):
    """test_datetime runs test.datetimetester: its entries are judged by the classes that ran."""
    run.classes = ['test.datetimetester.CapiTest_Fast']
    entry = 'test.datetimetester.CapiTest_Fast.test_type_check_in_subinterp'
    verdict = regrtest.judge(run, {entry: 'loads a shared library'})
    assert entry in verdict.passed
    run.cases[entry] = 'failure'
    assert entry in regrtest.judge(run, {entry: 'loads a shared library'}).expected


@pytest.mark.parametrize('name', sorted(os.listdir(os.path.join(
    os.path.dirname(__file__), '..', 'regrtest'))))
def test_the_lists_of_expected_failures_parse(name):
    entries = regrtest.load_expected(os.path.join(os.path.dirname(__file__), '..', 'regrtest', name))
    assert entries and all(reason for reason in entries.values())
