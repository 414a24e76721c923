"""CPython's own regression suite against a StaticPython interpreter (`scons regrtest`).

The suite runs as `python -m test`, in parallel, with --junit-xml. What failed is compared
with the flavor's list of expected failures (tests/regrtest/<interpreter>.txt), each with
its reason: an unexpected failure, or an expected failure that passed, fails the run. The
report sets the run beside the same CPython built the default way (./configure && make)
and run with the same options. `scons test` runs QUICK, a part that takes a few minutes.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

# The part of the suite that `scons test` runs: what a static single-file interpreter does
# differently (imports from the ZIP, paths, venv, ctypes, ...), in a few minutes.
QUICK = ('test_zipimport', 'test_linecache', 'test_inspect', 'test_pdb', 'test_pydoc',
         'test_sysconfig', 'test_site', 'test_venv', 'test_ensurepip', 'test_cmd_line',
         'test_ctypes', 'test_zoneinfo', 'test_importlib', 'test_traceback', 'test_warnings',
         'test_ssl', 'test_sqlite3', 'test_locale', 'test_platform', 'test_xmlrpc',
         'test_tabnanny', 'test_runpy', 'test_capi', 'test_posix', 'test_pwd', 'test_grp',
         'test_time', 'test_datetime', 'test_readline', 'test_decimal')
TIMEOUT = 1200   # seconds for one test module (regrtest's --timeout)
# The suite starts through this, run by the Python that runs SCons: SIGINT at its default.
# A command started in the background of a script inherits SIGINT ignored, and Python then
# never installs its KeyboardInterrupt handler: the tests of signals, _thread.interrupt_main()
# and asyncio's Ctrl-C handling would hang or fail for a reason that is not the interpreter's.
WITH_DEFAULT_SIGINT = ('import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); '
                       'os.execv(sys.argv[1], sys.argv[1:])')

# regrtest's progress line: "0:05:12 load avg: 6.43 [107/480/1] test_cmd_line failed (1 failure)"
PROGRESS = re.compile(r'^\d+:\d\d:\d\d (?:load avg: [\d.]+ )?\[ *\d+/\d+(?:/\d+)?\] '
                      r'(?P<name>\S+) (?P<status>.*?)(?: -- running.*)?$')
SKIP_REASON = re.compile(r'^(?P<name>\S+) skipped -- (?P<reason>.*)$')
# What -W prints of a failed test, subtests included: "FAIL: test_y (test.test_x.C.test_y) [sub]";
# a doctest names its module only: "FAIL: test_y (test.test_x)".
FAILED_CASE = re.compile(r'^(?P<state>FAIL|ERROR): (?P<name>\S+) \((?P<id>[\w.]+)\)')
# A test module of a package that did not import (then regrtest runs none of the package).
IMPORT_FAILURE = re.compile(r'^Failed to import test module: (?P<id>[\w.]+)$')
STATUSES = (('passed', 'passed'), ('failed (env changed)', 'env changed'),
            ('failed', 'failed'), ('skipped (resource denied)', 'resource denied'),
            ('skipped', 'skipped'), ('run no tests', 'no tests'), ('crashed', 'crashed'),
            ('timed out', 'timed out'), ('interrupted', 'interrupted'))
FAILED_STATES = ('failed', 'crashed', 'timed out', 'interrupted')


def module_id(name):
    """regrtest names a module 'test_os' or 'test.test_asyncio.test_tasks'; ids use the latter."""
    return name if name.startswith('test.') else f'test.{name}'


def case_id(name):
    """A test case's id as the tests list names it: an import failure
    'unittest.loader._FailedTest.test_x' is the module 'test.test_x'."""
    if name.startswith('unittest.loader._FailedTest.'):
        return module_id(name.rsplit('.', 1)[1])
    return name


def reported_id(name, test):
    """The id of a test that -W reports as 'FAIL: <name> (<test>)': `test`, or for a
    doctest or a class fixture (setUpClass), `test` + '.' + `name`."""
    return test if test.endswith('.' + name) else f'{test}.{name}'


def covers(entry, test):
    """Is `test` (an id) the test `entry` names, or part of it (a module, class, package)?"""
    return test == entry or test.startswith(entry + '.')


@dataclass
class Run:
    """One run of the suite: the state of each module and of each failed or skipped case."""
    modules: dict = field(default_factory=dict)       # module id -> state
    skip_reasons: dict = field(default_factory=dict)  # module id -> why it was skipped
    cases: dict = field(default_factory=dict)         # case id -> 'failure'/'error'/'skipped'
    explained: list = field(default_factory=list)     # failed modules whose failed cases are known
    classes: list = field(default_factory=list)       # test classes that ran (from --junit-xml)
    cases_run: int = 0
    seconds: float = 0.0
    command: str = ''

    def failed(self):
        """Ids of what failed: failed cases, and failed modules that name no failed case
        (a crash, a time-out)."""
        out = {c for c, state in self.cases.items() if state in ('failure', 'error')}
        out.update(m for m, state in self.modules.items()
                   if state in FAILED_STATES and m not in self.explained)
        return out

    def count(self, *states):
        return sum(1 for s in self.modules.values() if s in states)

    def to_json(self):
        return json.dumps(self.__dict__, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text):
        return cls(**json.loads(text))


def parse_log(text, run):
    """Module states and skip reasons from regrtest's progress lines; failed cases from the
    output -W shows after a failed module's line."""
    module = None
    for line in text.splitlines():
        m = PROGRESS.match(line)
        if m:
            status = m.group('status')
            state = next((s for prefix, s in STATUSES if status.startswith(prefix)), status)
            module = module_id(m.group('name'))
            run.modules[module] = state
            continue
        m = SKIP_REASON.match(line)
        if m:
            run.skip_reasons[module_id(m.group('name'))] = m.group('reason')
            continue
        m = FAILED_CASE.match(line)
        if m:
            test = case_id(reported_id(m.group('name'), m.group('id')))
            run.cases[test] = 'failure' if m.group('state') == 'FAIL' else 'error'
        else:
            m = IMPORT_FAILURE.match(line)
            if m:
                run.cases[m.group('id')] = 'error'
        if m and module and module not in run.explained:
            run.explained.append(module)


def parse_junit(path, run):
    if not os.path.exists(path):      # regrtest writes none when no test ran
        return
    classes = set(run.classes)
    for case in ET.parse(path).getroot().iter('testcase'):
        run.cases_run += 1
        classes.add(case.get('name', '').rpartition('.')[0])
        for state in ('failure', 'error', 'skipped'):
            if case.get('name') and case.find(state) is not None:
                run.cases[case_id(case.get('name'))] = state
                break
    run.classes = sorted(classes - {''})


def run_suite(python, out_dir, jobs, tests=(), env=None, wrap=list):
    """Run `python -m test` on `tests` (all when empty); its log and junit XML go to
    out_dir. `wrap` turns the command line into the one to run (a foreign CPU's, say).
    Returns the Run."""
    os.makedirs(out_dir, exist_ok=True)
    junit = os.path.join(out_dir, 'junit.xml')
    log_path = os.path.join(out_dir, 'regrtest.log')
    if os.path.exists(junit):
        os.unlink(junit)
    # The tests' files, home and temporary directory: a short path of the system's temporary
    # directory, since Unix sockets made there (multiprocessing's) allow 107 bytes of path.
    tmp = tempfile.mkdtemp(prefix='sp-regrtest-')
    cmd = [python, '-m', 'test', f'-j{jobs}', '-W', f'--timeout={TIMEOUT}', f'--junit-xml={junit}',
           f'--tempdir={tmp}', *tests]
    run_env = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8', 'HOME': tmp, 'TMPDIR': tmp}
    run_env.update(env or {})
    start = time.monotonic()
    try:
        with open(log_path, 'w') as log:
            subprocess.run([sys.executable, '-c', WITH_DEFAULT_SIGINT, *wrap(cmd)],
                           stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                           env=run_env, cwd=tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    run = Run(seconds=round(time.monotonic() - start, 1),
              command=' '.join(cmd[1:]).replace(out_dir + '/', '').replace(tmp, '$TMPDIR'))
    with open(log_path, errors='replace') as f:
        parse_log(f.read(), run)
    parse_junit(junit, run)
    return run


def load_expected(path):
    """The expected failures: {test id: reason}, from lines 'test id: reason'."""
    expected = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            test, sep, reason = line.partition(': ')
            if not sep or not reason.strip() or ' ' in test:
                raise ValueError(f'{path}:{number}: expected "test.id: reason", got {line!r}')
            expected[test] = reason.strip()
    return expected


@dataclass
class Verdict:
    unexpected: list      # failed, not expected
    passed: list          # expected to fail, ran, did not
    expected: list        # expected to fail, and did
    shared: list = field(default_factory=list)   # not expected, but the default build fails too
    tolerated: list = field(default_factory=list)   # failed, and may where the run is emulated

    @property
    def ok(self):
        return not self.unexpected and not self.passed


def judge(run, expected, reference=None, tolerated=None):
    """Compare a run's failures with the expected ones. A failure that the default build
    has as well on the same machine (`reference`) is the machine's, not a defect of ours.
    `tolerated` ({test id: reason}) may fail or pass: what qemu user mode and the user
    namespace of a foreign CPU's run cannot do, which differs by CPU and qemu version."""
    failed = run.failed()
    ref_failed = reference.failed() if reference else set()
    unexpected, shared, excused = [], [], []
    for test in sorted(failed):
        if any(covers(e, test) for e in expected):
            continue
        if any(covers(e, test) for e in tolerated or {}):
            excused.append(test)
            continue
        both = any(covers(r, test) or covers(test, r) for r in ref_failed)
        (shared if both else unexpected).append(test)
    # What ran: modules, and the classes of test cases (a module's tests may live in
    # another: test_datetime runs test.datetimetester).
    ran = [m for m, s in run.modules.items() if s not in ('skipped', 'resource denied')]
    ran += run.classes
    passed, seen = [], []
    for entry in sorted(expected):
        if not any(covers(m, entry) or covers(entry, m) for m in ran):
            continue          # not run here (another subset, a resource not enabled)
        cases = [s for t, s in run.cases.items() if covers(entry, t)]
        if cases and all(s == 'skipped' for s in cases):
            continue          # skipped here (another CPU: a big-endian one, say)
        (seen if any(covers(entry, t) for t in failed) else passed).append(entry)
    return Verdict(unexpected, passed, seen, shared, excused)


def _row(label, ours, theirs):
    return f'| {label} | {ours} | {theirs} |'


def report(title, ours, reference, expected, verdict, tolerated=None):
    """The report, in Markdown: the two runs side by side, then every expected failure."""
    ref = reference or Run()
    both = [('modules run', lambda r: len(r.modules)),
            ('passed', lambda r: r.count('passed')),
            ('failed', lambda r: r.count(*FAILED_STATES)),
            ('failed (env changed)', lambda r: r.count('env changed')),
            ('skipped', lambda r: r.count('skipped')),
            ('skipped (resource denied)', lambda r: r.count('resource denied')),
            ('ran no tests', lambda r: r.count('no tests')),
            ('test cases run', lambda r: r.cases_run),
            ('test cases failed', lambda r: len(r.failed())),
            ('test cases skipped', lambda r: sum(1 for s in r.cases.values() if s == 'skipped')),
            ('minutes', lambda r: f'{r.seconds / 60:.1f}')]
    lines = [f'# {title}', '',
             f'{time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}; {os.cpu_count()} CPUs.',
             f'Command: `python {ours.command}`.', '',
             '| | StaticPython | default build (./configure && make) |', '|---|---|---|']
    lines += [_row(label, f(ours), f(ref) if reference else 'not run') for label, f in both]
    ref_failed = ref.failed()
    lines += ['', f'## Expected failures that failed ({len(verdict.expected)})', '',
              '| test | reason | fails in the default build |', '|---|---|---|']
    for entry in verdict.expected:
        there = ('yes' if any(covers(entry, t) for t in ref_failed) else 'no') if reference else '?'
        lines.append(f'| `{entry}` | {expected[entry]} | {there} |')
    if tolerated:
        lines += ['', f'## Failures of the emulated run, with their reasons ({len(verdict.tolerated)})',
                  '', '| test | reason |', '|---|---|']
        for test in verdict.tolerated:
            reason = next(r for e, r in tolerated.items() if covers(e, test))
            lines.append(f'| `{test}` | {reason} |')
    for heading, items in (('Unexpected failures', verdict.unexpected),
                           ('Expected failures that passed', verdict.passed),
                           ('Failures the default build has too (this machine)', verdict.shared),
                           ('Failures of the default build', sorted(ref_failed))):
        lines += ['', f'## {heading} ({len(items)})', '']
        lines += [f'- `{t}`' for t in items] or ['none']
    return '\n'.join(lines) + '\n'


def check(python, out_dir, expected_path, jobs, tests=(), reference=None, title='', wrap=list,
          tolerated_path=None):
    """Run the suite on `python`, write out_dir/report.md; return (Verdict, report text).
    `tolerated_path`: the failures allowed to an emulated run (see judge)."""
    ours = run_suite(python, out_dir, jobs, tests, wrap=wrap)
    with open(os.path.join(out_dir, 'run.json'), 'w') as f:
        f.write(ours.to_json())
    expected = load_expected(expected_path)
    tolerated = load_expected(tolerated_path) if tolerated_path else None
    verdict = judge(ours, expected, reference, tolerated)
    text = report(title, ours, reference, expected, verdict, tolerated)
    with open(os.path.join(out_dir, 'report.md'), 'w') as f:
        f.write(text)
    return verdict, text


def parallel_jobs(env):
    """Processes in parallel for one long action (a test suite, a reference build): every
    CPU, or more when scons -j asks for more."""
    return max(env['SP_JOBS'], os.cpu_count() or 1)


def reference_action(target, source, env):
    """SCons action: the whole suite on the reference build (source[0], its python);
    target[0] is the run, as JSON."""
    run = run_suite(source[0].abspath, os.path.dirname(target[0].abspath), parallel_jobs(env))
    with open(target[0].abspath, 'w') as f:
        f.write(run.to_json())
    return 0


def check_action(target, source, env):
    """SCons action: the whole suite on source[0] (the test-suite interpreter), judged by
    $SP_EXPECTED, beside the reference run source[-1] (run.json)."""
    with open(source[-1].abspath) as f:
        reference = Run.from_json(f.read())
    out_dir = os.path.join(os.path.dirname(os.path.dirname(source[0].abspath)), 'regrtest')
    verdict, text = check(source[0].abspath, out_dir, env['SP_EXPECTED'], parallel_jobs(env),
                          reference=reference, title=env['SP_TITLE'])
    print(text)
    print(f'staticpython: report in {out_dir}/report.md', file=sys.stderr)
    return 0 if verdict.ok else 1
