"""The interpreter on a real terminal (tmux) in a root with no terminfo database: readline
completion and history in the basic REPL and in the default REPL (_pyrepl since 3.13, the
basic one before), and a curses program. Everything relies on ncurses' compiled-in fallback
description of xterm."""
import os
import re
import shlex
import shutil
import subprocess
import time
import uuid

import pytest

from isolation import Root
from versions import has

BIN = '/bin/python3'
# The whole environment inside the root (env -i drops tmux's TERM/TMUX and the host's).
ENV = ['TERM=xterm', 'HOME=/', 'PATH=/bin']
WIDTH, HEIGHT = 100, 30
TIMEOUT = 10

CURSES_APP = '''\
import curses


def main(stdscr):
    curses.start_color()
    curses.init_pair(1, curses.COLOR_YELLOW, curses.COLOR_BLUE)
    stdscr.box()
    stdscr.addstr(5, 10, 'drawn by curses', curses.color_pair(1))
    stdscr.refresh()
    return stdscr.getkey()


key = curses.wrapper(main)
with open('/result', 'w') as f:
    f.write(repr(key))
'''


class Tmux:
    """A private tmux server (own socket, no configuration file) with one session."""

    def __init__(self):
        tmux = shutil.which('tmux')
        assert tmux, 'tmux not found'
        self.base = [tmux, '-f', '/dev/null', '-L', f'sp-test-{os.getpid()}-{uuid.uuid4().hex[:8]}']
        self.target = 'sp'

    def __call__(self, *args):
        p = subprocess.run(self.base + list(args), capture_output=True, text=True, timeout=TIMEOUT)
        assert p.returncode == 0, f'tmux {args}: {p.returncode}\n{p.stdout}\n{p.stderr}'
        return p.stdout

    def start(self, command):
        # remain-on-exit: the pane and the server outlive the command, for inspection.
        self('set-option', '-g', 'remain-on-exit', 'on', ';',
             'new-session', '-d', '-s', self.target, '-x', str(WIDTH), '-y', str(HEIGHT),
             *command)

    def kill(self):
        socket = subprocess.run(self.base + ['display-message', '-p', '#{socket_path}'],
                                capture_output=True, text=True, timeout=TIMEOUT).stdout.strip()
        subprocess.run(self.base + ['kill-server'], capture_output=True, timeout=TIMEOUT)
        if socket:  # tmux may leave its socket file behind
            try:
                os.unlink(socket)
            except FileNotFoundError:
                pass

    def keys(self, *keys):
        self('send-keys', '-t', self.target, *keys)

    def type(self, text):
        self('send-keys', '-t', self.target, '-l', text)

    def screen(self, escapes=False):
        """The pane's visible lines, trailing blanks stripped."""
        out = self('capture-pane', '-p', *(['-e'] if escapes else []), '-t', self.target)
        return [line.rstrip() for line in out.split('\n')[:HEIGHT]]

    def status(self):
        """(pane dead?, exit status) of the pane's command."""
        dead, status = self('display-message', '-p', '-t', self.target,
                            '#{pane_dead} #{pane_dead_status}').split('\n')[0].split(' ')
        return dead == '1', status

    def wait_for(self, predicate, what):
        """Poll the pane until predicate(lines) holds; return the lines."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            lines = self.screen()
            if predicate(lines):
                return lines
            if time.monotonic() > deadline:
                dead, status = self.status()
                raise AssertionError(
                    f'timed out after {TIMEOUT}s waiting for {what}\n'
                    f'pane dead: {dead} (status {status!r}); screen:\n' + '\n'.join(lines))
            time.sleep(0.1)


def prompts(lines):
    return [line for line in lines if line.startswith('>>>')]


def processes_in(path):
    """Host PIDs of the processes whose root directory is `path`."""
    pids = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            if os.readlink(f'/proc/{pid}/root') == path:
                pids.append(int(pid))
        except OSError:
            pass
    return pids


def last_line(lines):
    filled = [line for line in lines if line]
    return filled[-1] if filled else ''


@pytest.fixture
def terminal(python):
    """(root, tmux): the interpreter alone in a root, and a private tmux server."""
    with Root() as root:
        root.add(BIN, copy_of=python)
        for dirpath, dirnames, filenames in os.walk(root.path):
            assert 'terminfo' not in dirnames + filenames, dirpath
        tmux = Tmux()
        try:
            yield root, tmux
        finally:
            tmux.kill()
            # The interpreter may still be exiting (hangup): let it go before the root does.
            deadline = time.monotonic() + TIMEOUT
            while processes_in(root.path) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not processes_in(root.path), 'processes left in the root after the test'


# Where site does not turn readline's completion on, Tab inserts a tab: a start-up file
# turns it on, as the series' documentation says.
COMPLETION = 'import readline, rlcompleter\nreadline.parse_and_bind("tab: complete")\n'


def start_repl(root, tmux, basic):
    # Without _pyrepl the basic REPL is the only one, and the variable means nothing.
    env = ENV + (['PYTHON_BASIC_REPL=1'] if basic and has('pyrepl') else [])
    if not has('default_completion'):
        root.add('/startup.py', COMPLETION)
        env = env + ['PYTHONSTARTUP=/startup.py']
    tmux.start(['env', '-i', *env] + root.command([BIN]))
    return tmux.wait_for(lambda lines: last_line(lines) == '>>>', 'the first prompt')


def enter(tmux, text):
    """Type a line and Enter; wait for the next empty prompt."""
    before = len(prompts(tmux.screen()))
    tmux.type(text)
    tmux.keys('Enter')
    return tmux.wait_for(lambda lines: len(prompts(lines)) > before and last_line(lines) == '>>>',
                         f'a new prompt after {text!r}')


def completion_and_history(root, tmux, basic):
    lines = start_repl(root, tmux, basic)
    assert not any("can't use pyrepl" in line for line in lines), '\n'.join(lines)

    # Tab completes a keyword.
    tmux.type('impo')
    tmux.wait_for(lambda lines: last_line(lines) == '>>> impo', "'impo' echoed")
    tmux.keys('Tab')
    tmux.wait_for(lambda lines: last_line(lines) == '>>> import', "'impo' completed to 'import'")
    # The line is now 'import sys' (a space after the completed keyword, or typed).
    lines = enter(tmux, 'sys' if has('keyword_completion_space') else ' sys')
    assert '>>> import sys' in lines, '\n'.join(lines)

    enter(tmux, 'x = 6 * 7')
    lines = enter(tmux, 'x')
    assert lines[lines.index('>>> x') + 1] == '42', '\n'.join(lines)

    # History: Up recalls 'x', then 'x = 6 * 7'.
    tmux.keys('Up')
    tmux.wait_for(lambda lines: last_line(lines) == '>>> x', "'x' recalled by Up")
    tmux.keys('Up')
    lines = tmux.wait_for(lambda lines: last_line(lines) == '>>> x = 6 * 7',
                          "'x = 6 * 7' recalled by a second Up")
    assert prompts(lines)[-1] == '>>> x = 6 * 7', '\n'.join(lines)

    # Which REPL ran the lines: _pyrepl's frames are on the stack of code it executes.
    tmux.keys('C-u')
    tmux.wait_for(lambda lines: last_line(lines) == '>>>', 'the recalled line erased by C-u')
    line = "import traceback as t; print('PYREPL %s' % any('_pyrepl' in f[0] for f in t.extract_stack()))"
    assert len('>>> ' + line) < WIDTH  # one line on the screen
    lines = enter(tmux, line)
    assert lines[lines.index('>>> ' + line) + 1] == f'PYREPL {not basic}', '\n'.join(lines)
    assert not any("can't use pyrepl" in line for line in lines), '\n'.join(lines)


def test_basic_repl_readline(terminal):
    completion_and_history(*terminal, basic=True)


def test_default_repl(terminal):
    """_pyrepl where the series has it, else the basic REPL (versions.py)."""
    completion_and_history(*terminal, basic=not has('pyrepl'))


def test_curses_program(terminal):
    root, tmux = terminal
    root.add('/app.py', CURSES_APP)
    # A host shell around the chroot records the exit status in the root (tmux's own
    # #{pane_dead_status} is unreliable: tmux 3.3a sometimes never reaps the pane's process).
    status = root.inside('/status')
    run = ' '.join(shlex.quote(a) for a in ['env', '-i', *ENV] + root.command([BIN, '/app.py']))
    tmux.start(['env', '-i', 'PATH=/usr/bin:/bin', shutil.which('sh'), '-c',
                f'{run}; echo $? > {shlex.quote(status)}.new && mv {shlex.quote(status)}.new {shlex.quote(status)}'])
    lines = tmux.wait_for(lambda lines: 'drawn by curses' in '\n'.join(lines), 'the curses text')
    screen = '\n'.join(lines)
    assert lines[5][10:25] == 'drawn by curses', screen
    assert lines[5][:10] in ('x' + ' ' * 9, '│' + ' ' * 9), screen

    # The box along the edges: VT100 line drawing (tmux shows the ACS letters) or Unicode.
    acs = {'l': 'lqkxmj', 'u': '┌─┐│└┘'}
    styles = [s for s in acs.values() if lines[0][:1] == s[0]]
    assert styles, screen
    ul, hz, ur, vt, ll, lr = styles[0]
    assert lines[0] == ul + hz * (WIDTH - 2) + ur, screen
    assert lines[HEIGHT - 1] == ll + hz * (WIDTH - 2) + lr, screen
    for row in range(1, HEIGHT - 1):
        assert len(lines[row]) == WIDTH and lines[row][0] == vt and lines[row][-1] == vt, screen

    # The color pair: yellow (33) on blue (44).
    colored = tmux.screen(escapes=True)[5]
    m = re.search(r'((?:\x1b\[[0-9;]*m)+)drawn by curses', colored)
    assert m, repr(colored)
    params = set(re.findall(r'\d+', m.group(1)))
    assert {'33', '44'} <= params, repr(colored)

    assert not tmux.status()[0], 'the program exited before a key was pressed'
    assert not os.path.exists(status) and not os.path.exists(root.inside('/result'))

    tmux.keys('q')
    deadline = time.monotonic() + TIMEOUT
    while not os.path.exists(status):
        assert time.monotonic() < deadline, 'still running after a key:\n' + '\n'.join(tmux.screen())
        time.sleep(0.1)
    with open(status) as f:
        assert f.read() == '0\n', '\n'.join(tmux.screen())
    with open(root.inside('/result')) as f:
        assert f.read() == "'q'"
