"""Running a built program as (nearly) the only file of an empty root directory: the tests
do it, and so does `scons release` before it publishes a binary.

`run_alone(program)` copies one executable into a fresh directory and runs it there with
chroot. `Root` is the general form: put files in, choose whether /proc is mounted and
which directories get a tmpfs, then run commands inside. Every run happens in new mount
and PID namespaces (unshare), so mounts vanish with the process; an unprivileged user
gets a user namespace as well.

Programs of a CPU this machine does not run run under its qemu: the run gets a user
namespace with a binfmt_misc instance of its own (Linux 6.7 and later), in which the
target's ELF files are registered with the static qemu, opened before the chroot. So the
programs in the root run as they are, and the ones they start (subprocess,
multiprocessing) too, while the machine's own binfmt_misc is untouched.
"""
import os
import shlex
import shutil
import subprocess
import tempfile

BINFMT = '/proc/sys/fs/binfmt_misc'


def binfmt_rule(target):
    """The binfmt_misc registration that runs `target`'s executables (static or static-pie)
    under its qemu, or None where this machine runs them itself. Debian's qemu-user-static
    also installs each emulator as <cpu>-binfmt-P, the name under which it takes the
    program's own argv[0] from the kernel (flag P); the plain emulator otherwise. Flag F:
    qemu is opened at once. Not flag O (Debian's rules have it): the kernel would open the
    program for qemu in the lowest free descriptor, so a program started with stdin closed
    would find it open. Without O an exec by descriptor (os.execve(fd)) hands qemu a
    /dev/fd/N path and fails; see tests/regrtest/cpython3.13-under-qemu.txt."""
    if target.runs_natively():
        return None
    from elftools.elf.enums import ENUM_E_MACHINE
    (qemu,) = target.runner()
    order = 'big' if target.big_endian else 'little'
    ident = bytes([0x7f]) + b'ELF' + bytes([2 if target.elf_class == 64 else 1,
                                            2 if target.big_endian else 1, 1]) + bytes(9)
    magic = ident + (2).to_bytes(2, order) + ENUM_E_MACHINE[target.elf_machine].to_bytes(2, order)
    # Any OS ABI byte (ours is GNU/Linux); e_type 2 or 3 (ET_EXEC, ET_DYN).
    mask = b'\xff' * 7 + b'\x00' + b'\xff' * 8 + (b'\xff\xfe' if target.big_endian else b'\xfe\xff')
    mask += b'\xff\xff'
    cpu = os.path.basename(qemu).removeprefix('qemu-').removesuffix('-static')
    preserving = f'/usr/libexec/qemu-binfmt/{cpu}-binfmt-P'
    interpreter, flags = (preserving, 'PF') if os.path.exists(preserving) else (qemu, 'F')
    hexed = ''.join(f'\\x{b:02x}' for b in magic), ''.join(f'\\x{b:02x}' for b in mask)
    return f':staticpython-{cpu}:M::{hexed[0]}:{hexed[1]}:{interpreter}:{flags}'


def _tool(name):
    path = shutil.which(name, path=os.environ.get('PATH', '') + ':/usr/sbin:/sbin:/usr/bin')
    if not path:
        raise RuntimeError(f'{name} not found: install util-linux and coreutils (./bootstrap)')
    return path


def binfmt_setup(rule):
    """Shell commands, run in a new user and mount namespace, that register `rule` in a
    binfmt_misc instance of that namespace."""
    return [f'mount -t binfmt_misc binfmt_misc {BINFMT}',
            f"printf '%s' {shlex.quote(rule)} > {BINFMT}/register"]


def on_host(argv, target=None):
    """The command line that runs `argv` on this machine, outside any root, such that a
    program of `target` runs (under its qemu, see binfmt_rule) as it is."""
    rule = binfmt_rule(target) if target else None
    if rule is None:
        return list(argv)
    script = ' && '.join(binfmt_setup(rule) + ['exec "$@"'])
    return [_tool('unshare'), '--user', '--map-root-user', '--mount', _tool('sh'), '-c', script,
            'sh', *argv]


class Root:
    """An empty directory to chroot into. Use as a context manager; it is deleted after."""

    def __init__(self, target=None):
        """`target`: the Target whose programs run inside (None: this machine's own)."""
        self.path = tempfile.mkdtemp(prefix='sp-root-')
        self.binfmt = binfmt_rule(target) if target else None

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
        setup = []
        if os.geteuid() != 0 or self.binfmt:
            ns += ['--user', '--map-root-user']
        if self.binfmt:
            setup += binfmt_setup(self.binfmt)
        # --kill-child: a run that is killed (a timeout) takes its namespace with it.
        ns += ['--mount', '--pid', '--fork', '--kill-child']
        if proc:
            os.makedirs(self.inside('/proc'), exist_ok=True)
            ns += [f'--mount-proc={self.inside("/proc")}']
        for d in tmpfs:
            os.makedirs(self.inside(d), exist_ok=True)
            setup.append(f'mount -t tmpfs tmpfs {shlex.quote(self.inside(d))}')
        chroot = [_tool('chroot'), self.path, *argv]
        if not setup:
            return ns + chroot
        # Under qemu the program must not be the namespace's PID 1: qemu dies of a guest's
        # fatal signal (a hangup, a crash) by sending it to itself, which the kernel drops
        # for a namespace's init, so qemu would wait forever. The shell stays PID 1 and
        # reports a death by signal N as exit status 128+N.
        run = ' '.join(shlex.quote(a) for a in chroot)
        if self.binfmt:   # not the last command, or the shell would exec it
            script = ' && '.join(setup + [run]) + '; exit $?'
        else:
            script = ' && '.join(setup + ['exec ' + run])
        return ns + [_tool('sh'), '-c', script]

    def run(self, argv, proc=True, tmpfs=(), env=None, stdin=None, timeout=60, text=True):
        """Run `argv` (paths inside the root) and return the CompletedProcess."""
        env = {'PATH': '/bin:/usr/bin', 'LANG': 'C.UTF-8'} if env is None else env
        if isinstance(stdin, str) and not text:
            stdin = stdin.encode()
        return subprocess.run(self.command(argv, proc, tmpfs), input=stdin,
                              capture_output=True, env=env, timeout=timeout, text=text)


def run_alone(program, args=(), stdin=None, env=None, timeout=60, files=None, runner=(),
              proc=False, target=None):
    """Run `program` (of `target`) as the only file of an empty directory (plus `files`,
    path -> bytes, and the target's runner: a static qemu for a foreign CPU, see
    Root.runner)."""
    with Root(target) as root:
        root.add('/prog', copy_of=program)
        for path, data in (files or {}).items():
            root.add(path, data)
        return root.run([*root.runner(runner), '/prog', *args], proc=proc, env=env or {},
                        stdin=stdin, timeout=timeout, text=False)
