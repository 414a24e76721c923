"""Running a built program as (nearly) the only file of an empty root directory.

`run_alone(program)` copies one executable into a fresh directory and runs it there with
chroot. `Root` is the general form: put files in, choose whether /proc is mounted and
which directories get a tmpfs, then run commands inside. Every run happens in new mount
and PID namespaces (unshare), so mounts vanish with the process; an unprivileged user
gets a user namespace as well.
"""
import os
import shlex
import shutil
import subprocess
import tempfile


def _tool(name):
    path = shutil.which(name, path=os.environ.get('PATH', '') + ':/usr/sbin:/sbin:/usr/bin')
    assert path, f'{name} not found: install util-linux/coreutils (the README\'s first command)'
    return path


class Root:
    """An empty directory to chroot into. Use as a context manager; it is deleted after."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix='sp-root-')

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.path and os.path.isdir(self.path):
            shutil.rmtree(self.path)
        self.path = None

    def inside(self, path):
        return os.path.join(self.path, path.lstrip('/'))

    def add(self, path, data=None, copy_of=None, mode=None):
        """Create `path` (inside the root) from bytes/str `data` or a copy of a host file."""
        full = self.inside(path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if copy_of is not None:
            shutil.copy2(copy_of, full)
        else:
            with open(full, 'wb') as f:
                f.write(data.encode() if isinstance(data, str) else (data or b''))
        if mode is not None:
            os.chmod(full, mode)
        return full

    def runner(self, runner):
        """The command prefix, inside the root, that runs a program of the target: nothing
        for the build machine's own CPU, else its static qemu (`runner`, the host path from
        Target.runner()), copied in as /.runner/<name>."""
        if not runner:
            return []
        (host_path,) = runner
        inside = f'/.runner/{os.path.basename(host_path)}'
        if not os.path.exists(self.inside(inside)):
            self.add(inside, copy_of=host_path, mode=0o755)
        return [inside]

    def symlink(self, path, points_to):
        full = self.inside(path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        os.symlink(points_to, full)

    def command(self, argv, proc=True, tmpfs=()):
        """The host command line that runs `argv` inside the root."""
        ns = [_tool('unshare')]
        if os.geteuid() != 0:
            ns += ['--user', '--map-root-user']
        ns += ['--mount', '--pid', '--fork']
        setup = []
        if proc:
            os.makedirs(self.inside('/proc'), exist_ok=True)
            ns += [f'--mount-proc={self.inside("/proc")}']
        for d in tmpfs:
            os.makedirs(self.inside(d), exist_ok=True)
            setup.append(f'mount -t tmpfs tmpfs {shlex.quote(self.inside(d))}')
        chroot = [_tool('chroot'), self.path, *argv]
        if not setup:
            return ns + chroot
        script = ' && '.join(setup + ['exec ' + ' '.join(shlex.quote(a) for a in chroot)])
        return ns + [_tool('sh'), '-c', script]

    def run(self, argv, proc=True, tmpfs=(), env=None, stdin=None, timeout=60, text=True):
        """Run `argv` (paths inside the root) and return the CompletedProcess."""
        env = {'PATH': '/bin:/usr/bin', 'LANG': 'C.UTF-8'} if env is None else env
        if isinstance(stdin, str) and not text:
            stdin = stdin.encode()
        return subprocess.run(self.command(argv, proc, tmpfs), input=stdin,
                              capture_output=True, env=env, timeout=timeout, text=text)


def run_alone(program, args=(), stdin=None, env=None, timeout=60, files=None, runner=(),
              proc=False):
    """Run `program` as the only file of an empty directory (plus `files`, path -> bytes,
    and the target's runner: a static qemu for a foreign CPU, see Root.runner)."""
    with Root() as root:
        root.add('/prog', copy_of=program)
        for path, data in (files or {}).items():
            root.add(path, data)
        return root.run([*root.runner(runner), '/prog', *args], proc=proc, env=env or {},
                        stdin=stdin, timeout=timeout, text=False)


def describe(p):
    """A finished process, for assertion messages."""
    return (f'command: {p.args}\nexit status: {p.returncode}\n'
            f'stdout:\n{p.stdout}\nstderr:\n{p.stderr}')


def last_json(p):
    """The JSON value printed on the last line of a successful process's stdout."""
    import json
    assert p.returncode == 0, describe(p)
    lines = p.stdout.strip().splitlines()
    assert lines, describe(p)
    return json.loads(lines[-1])
