"""CPython's own regression suite against a StaticPython interpreter (`scons regrtest`).

The suite runs as `python -m test`, in parallel. What failed is compared with the flavor's
list of expected failures (tests/regrtest/<interpreter>.txt), each with its reason: an
unexpected failure, or an expected failure that passed, fails the run. The report sets the
run beside the same CPython built the default way (./configure && make) and run with the
same options. `scons test` runs the series' quick part, a few minutes.

How regrtest is started and what it prints differs by CPython series: STYLES, data keyed
by series ('3.13', '2.7'). 3.x's regrtest has --timeout and --junit-xml and states each
module's result on its progress line; 2.7's states it there too but has neither option;
3.2's progress line names the module only, its result comes in the module's output and
the final lists. The old ones run with -v, whose output names every test case that ran.
"""
import functools
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
# The same for 2.7 and 3.2: no venv, zoneinfo or tabnanny tests there, sqlite3's is
# test_sqlite; 3.2 has no ensurepip and no ssl (recipes/cpython32.py).
QUICK_27 = tuple('test_sqlite' if t == 'test_sqlite3' else t for t in QUICK
                 if t not in ('test_venv', 'test_zoneinfo', 'test_tabnanny'))
QUICK_32 = tuple(t for t in QUICK_27 if t not in ('test_ensurepip', 'test_ssl'))
TIMEOUT = 1200   # seconds for one test module (regrtest's --timeout)
# Where regrtest has no --timeout (2.7, 3.2; see _wait()): seconds for one process of the
# run (the whole of 2.7's or 3.2's suite takes 4 to 8 minutes on two CPUs), seconds for
# the whole run, and how often the processes are looked at.
PROCESS_TIMEOUT = 600
RUN_TIMEOUT = 3 * 3600
WATCH_EVERY = 10
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
# 'lost': a module the suite has that never reported (its worker died, the run stopped).
FAILED_STATES = ('failed', 'crashed', 'timed out', 'interrupted', 'lost')

# 3.2's progress line names the module only: "[ 12/349/2] test_cmd_line".
PROGRESS_32 = re.compile(r'^\[ *\d+/\d+(?:/\d+)?\] (?P<name>\S+)$')
# A module's result where its progress line does not say it (3.2): "test test_x failed",
# "test test_x crashed -- <traceback>", "test_x skipped -- Use of the `network' resource ...".
RESULTS_32 = ((re.compile(r'^test (?P<name>test\S*) (?:failed|crashed)\b'), 'failed'),
              (re.compile(r"^(?P<name>\S+) skipped -- Use of the `\w+' resource not enabled"),
               'resource denied'),
              (re.compile(r'^(?P<name>\S+) skipped -- '), 'skipped'))
# The final lists ("3 tests altered the execution environment:", then indented names),
# for a result no other line states.
SUMMARIES_32 = ((re.compile(r'^\d+ tests? altered the execution environment:$'), 'env changed'),)
# -v's line of each test case that ran: "test_y (test.test_x.C) ... ok" (with a docstring,
# its first line and the result come on the next line).
CASE_RUN = re.compile(r'^(?P<name>\w+) \((?P<cls>[\w.]+)\)(?P<rest>.*)$')
CASE_SKIPPED = re.compile(r' \.\.\. skipped\b')
# The names of every test module the suite runs without arguments (2.7's and 3.2's
# regrtest.findtests()), to tell which never reported.
LIST_TESTS = 'from test import regrtest\nfor t in regrtest.findtests(): print(t)'


class SuiteDidNotRun(Exception):
    """The interpreter ran no test module at all (it did not start, or regrtest failed
    before its first test): no verdict can be made of such a run."""


@dataclass(frozen=True)
class Style:
    """How one CPython series' regrtest runs and what it prints."""
    options: tuple       # after `python -m test`: str.format() fields jobs, timeout, junit, tmp
    quick: tuple         # the part `scons test` runs (test modules of this series)
    progress: re.Pattern = PROGRESS   # a module's progress line: name, and status if stated
    results: tuple = ()  # (pattern naming a module, state): lines that state its result
    summaries: tuple = ()   # (heading, state): final lists of indented module names
    verbose_cases: bool = False   # -v output names every case that ran (no junit XML)
    list_tests: str = ''          # code printing every module of the suite, one a line
    # regrtest has no --timeout: a process of the run older than `timeout` seconds is
    # killed (see _wait()), and the whole run stops after run_timeout seconds
    watchdog: bool = False
    timeout: int = TIMEOUT
    run_timeout: int = None

    def command(self, python, jobs, junit, tmp, tests=()):
        fields = {'jobs': jobs, 'timeout': self.timeout, 'junit': junit, 'tmp': tmp}
        return [python, '-m', 'test', *(o.format(**fields) for o in self.options), *tests]

    @property
    def junit(self):
        return any('{junit}' in o for o in self.options)


MODERN = Style(options=('-j{jobs}', '-W', '--timeout={timeout}', '--junit-xml={junit}',
                        '--tempdir={tmp}'), quick=QUICK)
# 2.7.18: 3.x's progress lines and statuses; no --timeout, --junit-xml or --tempdir (its
# temporary files go to $TMPDIR); -W re-runs a failed module in the main process and only
# without -j, so -v names the cases.
PY27 = Style(options=('-j{jobs}', '-v'), quick=QUICK_27, verbose_cases=True,
             list_tests=LIST_TESTS, watchdog=True, timeout=PROCESS_TIMEOUT,
             run_timeout=RUN_TIMEOUT)
# 3.2.6: results on their own lines and in the final lists; a worker whose child dies
# reports nothing more (hence list_tests).
PY32 = Style(options=('-j{jobs}', '-v'), quick=QUICK_32, progress=PROGRESS_32,
             results=RESULTS_32, summaries=SUMMARIES_32, verbose_cases=True,
             list_tests=LIST_TESTS, watchdog=True, timeout=PROCESS_TIMEOUT,
             run_timeout=RUN_TIMEOUT)
STYLES = {'3.13': MODERN, '3.11': MODERN, '3.2': PY32, '2.7': PY27}


def series(version):
    """'3.13' of '3.13.15'."""
    return '.'.join(version.split('.')[:2])


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


def parse_log(text, run, style=MODERN):
    """Module states and skip reasons from regrtest's progress lines (and, for a series that
    states them elsewhere, from its result lines and final lists); failed cases from the
    output that follows a module's line (-W's of a failed module, -v's of every module),
    and with -v every case that ran."""
    module = None
    summary = None          # the state of the final list being read
    last_case = None        # a case whose result (-v's " ... ok") is still to come
    classes = set(run.classes)
    for line in text.splitlines():
        if summary:
            if line.startswith('    '):
                for name in line.split():
                    run.modules[module_id(name)] = summary
                continue
            summary = None
        m = style.progress.match(line)
        if m:
            module = module_id(m.group('name'))
            status = m.groupdict().get('status')
            if status is None:
                # 3.2: a result line may come first (its errors are written before the
                # buffered progress line); without one the module passed.
                run.modules.setdefault(module, 'passed')
            else:
                run.modules[module] = next((s for prefix, s in STATUSES
                                            if status.startswith(prefix)), status)
            continue
        summary = next((s for heading, s in style.summaries if heading.match(line)), None)
        if summary:
            continue
        result = next(((p.match(line), s) for p, s in style.results if p.match(line)), None)
        if result:
            run.modules[module_id(result[0].group('name'))] = result[1]
        m = SKIP_REASON.match(line)
        if m:
            run.skip_reasons[module_id(m.group('name'))] = m.group('reason')
            continue
        if result:
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
        if m or not style.verbose_cases:
            continue
        m = CASE_RUN.match(line)
        if m:
            last_case = f'{m.group("cls")}.{m.group("name")}'
            run.cases_run += 1
            classes.add(m.group('cls'))
            line = m.group('rest')
        if last_case and ' ... ' in line:
            if CASE_SKIPPED.search(line):
                run.cases.setdefault(last_case, 'skipped')
            last_case = None
    run.classes = sorted(classes)


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


def _processes():
    """{pid: (parent pid, start time in clock ticks after boot)} of this machine's processes."""
    out = {}
    for entry in os.listdir('/proc'):
        try:
            with open(f'/proc/{entry}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            out[int(entry)] = (int(fields[1]), int(fields[19]))
        except (ValueError, OSError, IndexError):
            continue
    return out


def _descendants(pid, processes):
    tree, grew = {pid}, True
    while grew:
        more = {p for p, (parent, _) in processes.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return tree - {pid}


def _kill(pids):
    for p in pids:
        try:
            os.kill(p, 9)
        except OSError:
            pass


def _wait(proc, log, style):
    """Wait for the suite's process. Where regrtest has no --timeout (style.watchdog), a
    process it started, that started none itself, and that runs longer than style.timeout
    is killed, as 3.x's regrtest stops a test module after its --timeout: the test that
    started a hung process then fails, a hung worker is reported crashed (2.7) or never
    (3.2: lost). After style.run_timeout, all stop."""
    start = time.monotonic()
    ticks = os.sysconf('SC_CLK_TCK')
    while True:
        try:
            return proc.wait(timeout=WATCH_EVERY if style.watchdog else style.run_timeout)
        except subprocess.TimeoutExpired:
            pass
        processes = _processes()
        if style.run_timeout and time.monotonic() - start > style.run_timeout:
            _kill(_descendants(proc.pid, processes) | {proc.pid})
            log.write(f'\nstaticpython: the run was stopped after {style.run_timeout} s\n')
            log.flush()
            return proc.wait()
        with open('/proc/uptime') as f:
            now = float(f.read().split()[0])
        tree = _descendants(proc.pid, processes)
        parents = {processes[p][0] for p in tree}
        # the processes that started none: a worker that waits for a hung test's child
        # lives on, and reports its test failed
        for p in tree - parents:
            if now - processes[p][1] / ticks > style.timeout:
                try:
                    with open(f'/proc/{p}/cmdline', 'rb') as f:
                        what = f.read().replace(b'\0', b' ').decode(errors='replace')[:200]
                except OSError:
                    what = '?'
                _kill([p])
                log.write(f'\nstaticpython: killed process {p} after {style.timeout} s: '
                          f'{what}\n')
                log.flush()


def run_suite(python, out_dir, jobs, tests=(), env=None, wrap=list, style=MODERN):
    """Run `python -m test` on `tests` (all when empty) as `style` says; its log (and junit
    XML) go to out_dir. `wrap` turns the command line into the one to run (a foreign CPU's,
    say). Returns the Run."""
    os.makedirs(out_dir, exist_ok=True)
    junit = os.path.join(out_dir, 'junit.xml')
    log_path = os.path.join(out_dir, 'regrtest.log')
    if os.path.exists(junit):
        os.unlink(junit)
    # The tests' files, home and temporary directory: a short path of the system's temporary
    # directory, since Unix sockets made there (multiprocessing's) allow 107 bytes of path.
    tmp = tempfile.mkdtemp(prefix='sp-regrtest-')
    cmd = style.command(python, jobs, junit, tmp, tests)
    run_env = {'PATH': '/usr/bin:/bin', 'LANG': 'C.UTF-8', 'HOME': tmp, 'TMPDIR': tmp}
    run_env.update(env or {})
    start = time.monotonic()
    listed = ()
    try:
        if style.list_tests and not tests:
            listed = subprocess.run(wrap([python, '-c', style.list_tests]), env=run_env,
                                    cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True,
                                    text=True, check=True).stdout.split()
        with open(log_path, 'w') as log:
            proc = subprocess.Popen([sys.executable, '-c', WITH_DEFAULT_SIGINT, *wrap(cmd)],
                                    stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, env=run_env, cwd=tmp)
            _wait(proc, log, style)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    run = Run(seconds=round(time.monotonic() - start, 1),
              command=' '.join(cmd[1:]).replace(out_dir + '/', '').replace(tmp, '$TMPDIR'))
    with open(log_path, errors='replace') as f:
        log = f.read()
    parse_log(log, run, style)
    if style.list_tests:
        for name in tests or listed:
            run.modules.setdefault(module_id(name), 'lost')
    parse_junit(junit, run)
    if not run.modules:
        raise SuiteDidNotRun(f'{python} ran no test module ({log_path}); its output ends:\n'
                             f'{log[-2000:]}')
    return run


def load_expected(path):
    """The expected failures: {test id: reason}, from lines 'test id: reason'. A line
    'include NAME' takes the entries of the list NAME beside it (a fork's list, Stackless's,
    those of the CPython it forks; a C library's, those of the default one); a later line of
    the same test id replaces its reason, and '-test id: reason' removes an included entry
    (one that does not fail here, and why)."""
    expected = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('include '):
                expected.update(load_expected(os.path.join(os.path.dirname(path),
                                                           line.split(None, 1)[1])))
                continue
            test, sep, reason = line.partition(': ')
            if not sep or not reason.strip() or ' ' in test:
                raise ValueError(f'{path}:{number}: expected "test.id: reason", got {line!r}')
            if test.startswith('-'):
                if expected.pop(test[1:], None) is None:
                    raise ValueError(f'{path}:{number}: {test[1:]} is not in the lists included')
                continue
            expected[test] = reason.strip()
    return expected


def expected_list(repo, interpreter, libc, target):
    """The list of expected failures of an interpreter recipe built with `libc` for
    `target`, the most particular there is: tests/regrtest/<recipe>-<libc>-<target>.txt,
    <recipe>-<libc>.txt (the default C library has neither), else <recipe>.txt."""
    for name in (f'{interpreter}-{libc}-{target}', f'{interpreter}-{libc}', interpreter):
        path = os.path.join(repo, 'tests', 'regrtest', f'{name}.txt')
        if os.path.exists(path) or name == interpreter:
            return path


def emulated_list(repo, interpreter):
    """The failures allowed to an interpreter recipe's run on a foreign CPU under qemu
    (see judge): tests/regrtest/<recipe>-under-qemu.txt, which need not exist."""
    return os.path.join(repo, 'tests', 'regrtest', f'{interpreter}-under-qemu.txt')


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
    namespace of a foreign CPU's run cannot do, which differs by CPU and qemu version; an
    expected failure it names may pass there too."""
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
        if any(covers(entry, t) for t in failed):
            seen.append(entry)
        elif not any(covers(t, entry) for t in tolerated or {}):
            passed.append(entry)
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
          tolerated_path=None, style=MODERN):
    """Run the suite on `python`, write out_dir/report.md; return (Verdict, report text).
    `tolerated_path`: the failures allowed to an emulated run (see judge); `style`: the
    series' (STYLES)."""
    ours = run_suite(python, out_dir, jobs, tests, wrap=wrap, style=style)
    with open(os.path.join(out_dir, 'run.json'), 'w') as f:
        f.write(ours.to_json())
    expected = load_expected(expected_path)
    # A version without a list of its own for emulated runs is allowed no more failures.
    tolerated = None if not tolerated_path else (
        load_expected(tolerated_path) if os.path.exists(tolerated_path) else {})
    verdict = judge(ours, expected, reference, tolerated)
    text = report(title, ours, reference, expected, verdict, tolerated)
    with open(os.path.join(out_dir, 'report.md'), 'w') as f:
        f.write(text)
    return verdict, text


def parallel_jobs(env):
    """Processes in parallel for one long action (a test suite, a reference build): every
    CPU, or more when scons -j asks for more."""
    return max(env['SP_JOBS'], os.cpu_count() or 1)


def _fails_without_a_run(action):
    """An SCons action that ends with status 1, and the message, when the suite ran no
    test module (SuiteDidNotRun), instead of a Python traceback."""
    @functools.wraps(action)
    def run(target, source, env):
        try:
            return action(target, source, env)
        except SuiteDidNotRun as e:
            print(f'staticpython: {e}', file=sys.stderr)
            return 1
    return run


@_fails_without_a_run
def reference_action(target, source, env):
    """SCons action: the whole suite on the reference build (source[0], its python), run as
    $SP_SERIES's regrtest; target[0] is the run, as JSON."""
    run = run_suite(source[0].abspath, os.path.dirname(target[0].abspath),
                    parallel_jobs(env), style=STYLES[env['SP_SERIES']])
    with open(target[0].abspath, 'w') as f:
        f.write(run.to_json())
    return 0


@_fails_without_a_run
def check_action(target, source, env):
    """SCons action: the whole suite on source[0] (the test-suite interpreter), run as
    $SP_SERIES's regrtest, judged by $SP_EXPECTED, beside the reference run source[-1]
    (run.json)."""
    with open(source[-1].abspath) as f:
        reference = Run.from_json(f.read())
    out_dir = os.path.join(os.path.dirname(os.path.dirname(source[0].abspath)), 'regrtest')
    verdict, text = check(source[0].abspath, out_dir, env['SP_EXPECTED'],
                          parallel_jobs(env), reference=reference,
                          title=env['SP_TITLE'], style=STYLES[env['SP_SERIES']])
    print(text)
    print(f'staticpython: report in {out_dir}/report.md', file=sys.stderr)
    return 0 if verdict.ok else 1
