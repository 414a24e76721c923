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


def test_judge_an_expected_failure_that_an_emulated_run_may_pass(run):
    """2.7's and 3.2's ctypes define their tests of loading libc only where find_library()
    finds one, which under qemu depends on the CPU: listed for qemu, passing is no error."""
    run.cases.pop('test.test_linecache.LineCacheTests.test_getline')
    run.modules['test.test_linecache'] = 'passed'
    expected = {'test.test_linecache.LineCacheTests.test_getline': 'x'}
    tolerated = {'test.test_linecache.LineCacheTests': 'may pass or fail under qemu'}
    verdict = regrtest.judge(run, expected, tolerated=tolerated)
    assert verdict.passed == [] and verdict.expected == []
    assert regrtest.judge(run, expected).passed == list(expected)   # natively it counts


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


def test_load_expected_includes_another_list(tmp_path):
    (tmp_path / 'base.txt').write_text('test.test_a: of the base\ntest.test_b: of the base too\n')
    (tmp_path / 'fork.txt').write_text('include base.txt\ntest.test_b: the fork\'s reason\n'
                                       'test.test_c: the fork\'s own\n')
    assert regrtest.load_expected(str(tmp_path / 'fork.txt')) == {
        'test.test_a': 'of the base', 'test.test_b': "the fork's reason",
        'test.test_c': "the fork's own"}


def test_load_expected_removes_an_included_entry(tmp_path):
    (tmp_path / 'base.txt').write_text('test.test_a: of the base\ntest.test_b: of the base\n')
    (tmp_path / 'libc.txt').write_text('include base.txt\n-test.test_a: passes here\n')
    assert regrtest.load_expected(str(tmp_path / 'libc.txt')) == {'test.test_b': 'of the base'}
    (tmp_path / 'bad.txt').write_text('include base.txt\n-test.test_z: not there\n')
    with pytest.raises(ValueError, match='bad.txt:2: test.test_z is not in the lists included'):
        regrtest.load_expected(str(tmp_path / 'bad.txt'))


def test_a_libc_with_its_own_list_uses_it(tmp_path):
    (tmp_path / 'tests' / 'regrtest').mkdir(parents=True)
    (tmp_path / 'tests' / 'regrtest' / 'cpython9.9-uclibc.txt').write_text('')
    (tmp_path / 'tests' / 'regrtest' / 'cpython9.9-uclibc-linux-i386.txt').write_text('')
    def name(*args):
        return os.path.basename(regrtest.expected_list(str(tmp_path), *args))
    assert name('cpython9.9', 'uclibc', 'linux-x86_64') == 'cpython9.9-uclibc.txt'
    assert name('cpython9.9', 'uclibc', 'linux-i386') == 'cpython9.9-uclibc-linux-i386.txt'
    assert name('cpython9.8', 'uclibc', 'linux-i386') == 'cpython9.8.txt'
    assert name('cpython9.9', 'musl', 'linux-i386') == 'cpython9.9.txt'


def test_the_expected_failures_files_parse_and_give_reasons():
    from staticpython import recipes
    here = os.path.join(os.path.dirname(__file__), '..', 'regrtest')
    # test ids: in the test package, or in the tests of a library package (2.7's ctypes.test)
    packages = tuple(p.replace('/', '.') + '.' for r in recipes.load().values()
                     for p in getattr(r, 'PACKAGE_TESTS', ()))
    for name in os.listdir(here):
        expected = regrtest.load_expected(os.path.join(here, name))
        assert all(test.startswith(('test.',) + packages) for test in expected), name
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


# 3.2.6's regrtest, `-j2 -v`: lines of real runs (of python3.2-regrtest, shortened). The
# progress line names the module only; its result comes on lines of its own ("test test_x
# failed", "... skipped -- ...") and in the final lists; the tests of library packages
# (ctypes.test) have ids outside test. With -W a module's errors went to stderr, which was
# written before the buffered progress line, once even on the same line (test_ctypes).
LOG_32 = '''\
[167/356/8] test_linecache
test_checkcache (test.test_linecache.LineCacheTests) ... ok
test_getline (test.test_linecache.LineCacheTests) ... ERROR

======================================================================
ERROR: test_getline (test.test_linecache.LineCacheTests)
----------------------------------------------------------------------
IOError: [Errno 20] Not a directory: '/work/rt/build/linux-x86_64/python3.2-regrtest/bin/python3.2-static/linecache.py'

FAILED (errors=1)
test test_linecache failed
[ 76/356/3] test_ctypes
test_charpp (ctypes.test.test_pointers.PointersTestCase)
Test that a character pointer-to-pointer is correctly passed ... ok
test_GetLastError (ctypes.test.test_errno.Test) ... skipped 'Test specific to Windows'
ERROR: test_load (ctypes.test.test_loading.LoaderTest)
OSError: libc.so.6: Dynamic loading not supported
test test_ctypes failed
[ 77/356/3] test_curses
test_curses skipped -- Use of the `curses' resource not enabled
[200/356/12] test_os
test test_os crashed -- Traceback (most recent call last):
[294/356/16] test_tcl
test_tcl skipped -- No module named _tkinter
[300/356/16] test_threaded_import
4 tests OK.
3 tests altered the execution environment:
    test_multiprocessing test_threaded_import test_urllib2_localnet
30 tests skipped:
    test_codecmaps_cn test_codecmaps_hk test_codecmaps_jp
'''


@pytest.fixture
def run32():
    r = regrtest.Run()
    regrtest.parse_log(LOG_32, r, regrtest.PY32)
    return r


def test_32_module_results_come_from_their_own_lines_and_the_final_lists(run32):
    assert run32.modules == {
        'test.test_linecache': 'failed', 'test.test_ctypes': 'failed',
        'test.test_curses': 'resource denied', 'test.test_os': 'failed',
        'test.test_tcl': 'skipped', 'test.test_threaded_import': 'env changed',
        'test.test_multiprocessing': 'env changed', 'test.test_urllib2_localnet': 'env changed'}
    assert run32.skip_reasons == {'test.test_curses': "Use of the `curses' resource not enabled",
                                  'test.test_tcl': 'No module named _tkinter'}


def test_32_failed_cases_and_the_cases_that_ran(run32):
    assert run32.failed() == {'test.test_linecache.LineCacheTests.test_getline',
                              'ctypes.test.test_loading.LoaderTest.test_load',
                              'test.test_os'}      # crashed at import: no case named
    assert run32.explained == ['test.test_linecache', 'test.test_ctypes']
    assert run32.cases_run == 4
    assert 'ctypes.test.test_pointers.PointersTestCase' in run32.classes
    assert run32.cases['ctypes.test.test_errno.Test.test_GetLastError'] == 'skipped'
    assert 'ctypes.test.test_pointers.PointersTestCase.test_charpp' not in run32.cases


def test_32_a_result_line_written_before_its_progress_line():
    # a real line of a -W run: the module's stderr came before, and into, its progress line
    run = regrtest.Run()
    regrtest.parse_log('test test_ctypes failed[2/8/2] test_ctypes\n', run, regrtest.PY32)
    assert run.modules == {'test.test_ctypes': 'failed'}
    regrtest.parse_log('[2/8/2] test_ctypes\n', run, regrtest.PY32)
    assert run.modules == {'test.test_ctypes': 'failed'}   # not made 'passed' by it


def test_32_an_expected_failure_of_a_package_test_is_judged_by_the_classes_that_ran(run32):
    expected = {'ctypes.test.test_loading.LoaderTest.test_load': 'loads libc.so.6',
                'ctypes.test.test_pointers.PointersTestCase.test_charpp': 'x',
                'test.test_linecache.LineCacheTests.test_getline': 'y',
                'test.test_os': 'z'}
    verdict = regrtest.judge(run32, expected)
    assert verdict.unexpected == []
    assert verdict.passed == ['ctypes.test.test_pointers.PointersTestCase.test_charpp']


# 2.7.18's regrtest, `-j2 -v`: 3.x's progress lines, with each module's result (lines of a
# real run of the default build, shortened).
LOG_27 = '''\
Run tests in parallel using 2 child processes
0:00:00 load avg: 2.38 [  1/404] test_opcodes passed
test_compare_function_objects (test.test_opcodes.OpcodeTest) ... ok
0:00:02 load avg: 2.51 [ 18/404] test_aepack skipped
test_aepack skipped -- No module named aetypes
0:00:09 load avg: 2.87 [ 71/404] test_codecmaps_hk skipped (resource denied)
test_codecmaps_hk skipped -- Use of the `urlfetch' resource not enabled
0:01:50 load avg: 2.78 [226/404] test_multiprocessing passed -- running: test_ftplib (1 min 24 sec)
0:02:52 load avg: 1.23 [312/404/1] test_ssl failed -- running: test_ftplib (2 min 26 sec)
test_ssl: testing with 'OpenSSL 3.0.19 27 Jan 2026' (3, 0, 0, 19, 0)
test_load_verify_cadata (test.test_ssl.ContextTests) ... ERROR
ERROR: test_load_verify_cadata (test.test_ssl.ContextTests)
----------------------------------------------------------------------
test test_ssl failed -- multiple errors occurred
running: test_ftplib (3 min 57 sec)
0:05:18 load avg: 1.62 [404/404/3] test_ftplib failed
'''


def test_27_progress_lines_state_the_results():
    run = regrtest.Run()
    regrtest.parse_log(LOG_27, run, regrtest.PY27)
    assert run.modules == {'test.test_opcodes': 'passed', 'test.test_aepack': 'skipped',
                           'test.test_codecmaps_hk': 'resource denied',
                           'test.test_multiprocessing': 'passed', 'test.test_ssl': 'failed',
                           'test.test_ftplib': 'failed'}
    assert run.failed() == {'test.test_ssl.ContextTests.test_load_verify_cadata',
                            'test.test_ftplib'}
    assert run.explained == ['test.test_ssl']
    assert run.classes == ['test.test_opcodes.OpcodeTest', 'test.test_ssl.ContextTests']
    assert run.skip_reasons['test.test_aepack'] == 'No module named aetypes'


def test_commands_of_each_series():
    new = regrtest.STYLES['3.13'].command('py', 2, 'j.xml', '/t', ['test_os'])
    assert new == ['py', '-m', 'test', '-j2', '-W', f'--timeout={regrtest.TIMEOUT}',
                   '--junit-xml=j.xml', '--tempdir=/t', 'test_os']
    assert regrtest.STYLES['3.11'] is regrtest.STYLES['3.13']
    for xy in ('2.7', '3.2'):
        style = regrtest.STYLES[xy]
        assert style.command('py', 2, 'j.xml', '/t') == ['py', '-m', 'test', '-j2', '-v']
        assert not style.junit and style.list_tests and style.run_timeout
    assert regrtest.STYLES['3.13'].junit and not regrtest.STYLES['3.13'].run_timeout
    assert regrtest.series('2.7.18') == '2.7' and regrtest.series('3.13.15') == '3.13'


def test_quick_parts_name_modules_of_their_series():
    assert 'test_sqlite' in regrtest.QUICK_27 and 'test_sqlite3' not in regrtest.QUICK_27
    assert 'test_venv' not in regrtest.QUICK_27 and 'test_ssl' in regrtest.QUICK_27
    assert 'test_ssl' not in regrtest.QUICK_32 and 'test_ensurepip' not in regrtest.QUICK_32


def test_a_module_that_never_reported_is_lost(tmp_path, monkeypatch):
    """2.7's and 3.2's regrtest can stop early, or lose a module whose worker died: what
    the suite lists and the log never names counts as failed."""
    script = tmp_path / 'python'
    script.write_text('#!/bin/sh\n'
                      'case "$2" in *findtests*) printf "test_a\\ntest_b\\n"; exit 0;; esac\n'
                      'echo "[1/2] test_a"\n')
    script.chmod(0o755)
    run = regrtest.run_suite(str(script), str(tmp_path / 'out'), 2, style=regrtest.PY32)
    assert run.modules == {'test.test_a': 'passed', 'test.test_b': 'lost'}
    assert run.failed() == {'test.test_b'}


def test_a_suite_that_ran_no_module_gives_no_verdict(tmp_path):
    """An interpreter that does not start (here: no such file) runs no module: that is an
    error with its output, never a run without failures."""
    with pytest.raises(regrtest.SuiteDidNotRun) as e:
        regrtest.run_suite(str(tmp_path / 'no-python'), str(tmp_path / 'out'), 2,
                           tests=('test_a',), style=regrtest.MODERN)
    assert 'ran no test module' in str(e.value) and 'No such file' in str(e.value)


def test_the_scons_actions_fail_with_the_message_when_no_module_ran(tmp_path, capsys):
    """`scons regrtest` with an interpreter that runs nothing stops with status 1 and the
    output's end, for the reference run and for ours, and writes no run."""
    from types import SimpleNamespace
    node = lambda path: SimpleNamespace(abspath=str(path))
    reference = tmp_path / 'reference.json'
    reference.write_text(regrtest.Run(seconds=1.0).to_json())
    env = {'SP_JOBS': 1, 'SP_SERIES': '3.13', 'SP_EXPECTED': str(tmp_path / 'none.txt'),
           'SP_TITLE': 't'}
    missing = node(tmp_path / 'bin' / 'no-python')
    assert regrtest.reference_action([node(tmp_path / 'ref' / 'run.json')], [missing], env) == 1
    assert regrtest.check_action([node(tmp_path / 'x')], [missing, node(reference)], env) == 1
    err = capsys.readouterr().err
    assert err.count('ran no test module') == 2
    assert not (tmp_path / 'ref' / 'run.json').exists()


def test_where_regrtest_has_no_timeout_a_hung_process_is_killed(tmp_path, monkeypatch):
    """A test whose subprocess hangs (3.2's test_threading, when os.__file__ is no file)
    fails after the style's timeout instead of holding the run forever: the hung process
    is killed, not the worker that waits for it (older, it reports the failure)."""
    import dataclasses
    import time
    script = tmp_path / 'python'
    script.write_text('#!/bin/sh\n'
                      'case "$2" in *findtests*) echo test_a; exit 0;; esac\n'
                      'sh -c \'sleep 60; echo "[1/1] test_a"; echo "test test_a failed"\'\n')
    script.chmod(0o755)
    monkeypatch.setattr(regrtest, 'WATCH_EVERY', 0.2)
    style = dataclasses.replace(regrtest.PY32, timeout=1)
    start = time.monotonic()
    run = regrtest.run_suite(str(script), str(tmp_path / 'out'), 2, style=style)
    assert time.monotonic() - start < 30
    assert run.modules == {'test.test_a': 'failed'}
    assert 'staticpython: killed process' in (tmp_path / 'out' / 'regrtest.log').read_text()
