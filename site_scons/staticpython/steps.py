"""Shell steps for recipe builds: run a command quietly into a log, unpack, patch, pack.

Output stays in the log unless `verbose` is set; when a command fails the error shows the
command, its exit status, the last lines of the log and the log's path.
"""
import glob
import os
import shlex
import shutil
import subprocess
import tarfile

FIXED_MTIME = 946684800   # 2000-01-01: packed files carry no build time


class StepError(Exception):
    """A build step failed; the message is meant for the user as is."""


class Runner:
    def __init__(self, log_path, verbose=False):
        self.log_path = log_path
        self.verbose = verbose
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        open(log_path, 'w').close()

    def note(self, text):
        with open(self.log_path, 'a') as log:
            log.write(text + '\n')

    def run(self, cmd, cwd, env):
        line = ' '.join(shlex.quote(c) for c in cmd)
        self.note(f'\n$ cd {cwd} && {line}')
        if self.verbose:
            print(f'$ {line}', flush=True)
        with open(self.log_path, 'a') as log:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for raw in proc.stdout:
                log.write(raw.decode('utf-8', 'replace'))
                if self.verbose:
                    print(raw.decode('utf-8', 'replace'), end='', flush=True)
            status = proc.wait()
        if status != 0:
            with open(self.log_path, errors='replace') as log:
                tail = log.readlines()[-30:]
            raise StepError(
                f'command failed with exit status {status} in {cwd}:\n  {line}\n'
                f'--- last lines of {self.log_path} ---\n' + ''.join(tail) +
                f'--- full log: {self.log_path}')

    def output(self, cmd, cwd, env):
        """Run `cmd` and return its standard output (which the log does not keep)."""
        line = ' '.join(shlex.quote(c) for c in cmd)
        self.note(f'\n$ cd {cwd} && {line} (output captured)')
        proc = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, errors='replace')
        if proc.returncode != 0:
            self.note(proc.stderr)
            raise StepError(f'command failed with exit status {proc.returncode} in {cwd}:\n'
                            f'  {line}\n{proc.stderr[-3000:]}')
        return proc.stdout


def _extract(tar, dest, members=None):
    kw = {'filter': 'tar'} if hasattr(tarfile, 'data_filter') else {}
    tar.extractall(dest, members=members, **kw)


def unpack(archive, dest, inner='', only=None):
    """Extract `archive` into `dest`, stripping the single top-level directory.

    `inner`: the tree is the archive of that name inside `archive` (found at any depth).
    `only`: extract just these paths (relative to the top directory; a name ending in /
    is a directory and everything below it)."""
    os.makedirs(dest, exist_ok=True)
    if inner:
        with tarfile.open(archive) as outer:
            found = [m for m in outer.getmembers()
                     if m.isfile() and (m.name == inner or m.name.endswith('/' + inner))]
            if len(found) != 1:
                raise StepError(f'{archive} holds {len(found)} files named {inner}, not one')
            with outer.extractfile(found[0]) as f, tarfile.open(fileobj=f, mode='r|*') as tar:
                _extract_stream(tar, dest, only)
        return
    if only is not None:
        # One pass over the compressed stream (a random-access read decompresses it twice).
        with tarfile.open(archive, mode='r|*') as tar:
            _extract_stream(tar, dest, only)
        return
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        tops = {m.name.split('/', 1)[0] for m in members}
        if len(tops) == 1:
            members = [m for m in members if '/' in m.name]
            for m in members:
                _strip_top(m)
        _extract(tar, dest, [m for m in members if _wanted(m.name, only)])


def _strip_top(member):
    member.name = member.name.split('/', 1)[1]
    if member.islnk():
        member.linkname = member.linkname.split('/', 1)[-1]


def _wanted(name, only):
    return only is None or any(name == p.rstrip('/') or (p.endswith('/') and name.startswith(p))
                               for p in only)


def _extract_stream(tar, dest, only):
    """Extract a streamed tar with one top-level directory, member by member."""
    kw = {'filter': 'tar'} if hasattr(tarfile, 'data_filter') else {}
    for m in tar:
        if '/' not in m.name.rstrip('/'):
            continue
        _strip_top(m)
        if _wanted(m.name, only):
            tar.extract(m, dest, **kw)


def newest_mtime(root):
    """The newest modification time of the files under `root`, as an integer."""
    newest = FIXED_MTIME
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            st = os.lstat(os.path.join(dirpath, name))
            newest = max(newest, int(st.st_mtime))
    return newest


def apply_patches(patch_dir, srcdir, runner, env):
    """Apply patches/<lib>/<version>/*.patch in sorted order with -p1."""
    patches = sorted(glob.glob(os.path.join(patch_dir, '*.patch')))
    for p in patches:
        runner.run(['patch', '-p1', '--forward', '--batch', '-i', os.path.abspath(p)], srcdir, env)
    return [os.path.basename(p) for p in patches]


def pack(root, out_path):
    """Pack the tree under `root` into a deterministic tar: sorted, fixed owner and time."""
    tmp = out_path + '.tmp'
    with tarfile.open(tmp, 'w', format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(dirnames + filenames):
                full = os.path.join(dirpath, name)
                arc = os.path.relpath(full, root)
                info = tar.gettarinfo(full, arc)
                info.mtime = FIXED_MTIME
                info.uid = info.gid = 0
                info.uname = info.gname = ''
                if info.isfile():
                    with open(full, 'rb') as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    os.replace(tmp, out_path)


AR_MAGIC = b'!<arch>\n'


def normalize_ar(path):
    """Zero the member dates of a static library (some builds run `ar` with U), so that
    the same objects give the same bytes whenever and wherever they are built.
    Returns False when `path` is not a plain ar archive (thin archives are left alone)."""
    with open(path, 'r+b') as f:
        if f.read(8) != AR_MAGIC:
            return False
        end = os.fstat(f.fileno()).st_size
        pos = 8
        while pos + 60 <= end:
            f.seek(pos)
            header = f.read(60)
            if header[58:60] != b'`\n':
                raise StepError(f'{path}: damaged ar member header at offset {pos}')
            f.seek(pos + 16)
            f.write(b'0'.ljust(12))
            size = int(header[48:58].decode('ascii').strip())
            pos += 60 + size + (size & 1)
    return True


def normalize_archives(root):
    """normalize_ar() every .a under `root`."""
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            full = os.path.join(dirpath, name)
            if name.endswith('.a') and os.path.isfile(full) and not os.path.islink(full):
                normalize_ar(full)


def scrub_build_paths(root, rewrite, needle):
    """Rewrite every text file under `root` with `rewrite` (config scripts and sysconfig data
    record the compiler and flags they were built with); return the files, text or binary,
    that still contain `needle` (the checkout's path) afterwards."""
    needle = needle.encode()
    left = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            with open(full, 'rb') as f:
                data = f.read()
            if needle not in data:
                continue
            if b'\0' not in data:
                try:
                    text = data.decode('utf-8')
                except UnicodeDecodeError:
                    text = None
                if text is not None:
                    data = rewrite(text).encode('utf-8')
                    with open(full, 'wb') as f:
                        f.write(data)
            if needle in data:
                left.append(os.path.relpath(full, root))
    return left


def unpack_pkgs(pkgs, dest):
    """Make `dest` hold exactly the union of the pkg tars (later ones win)."""
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    for pkg in pkgs:
        with tarfile.open(pkg) as tar:
            _extract(tar, dest)


def unpack_subtree(pkg, subtree, dest):
    """Extract what the pkg tar holds under `subtree`/ into `dest`, replacing the
    directories of `dest` that it fills."""
    with tarfile.open(pkg) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(subtree + '/')]
        for m in members:
            m.name = m.name[len(subtree) + 1:]
        for top in sorted({m.name.split('/', 1)[0] for m in members}):
            path = os.path.join(dest, top)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.unlink(path)
        _extract(tar, dest, members)
    return len(members)


def remove_unwanted(destdir):
    """Drop what a static build does not ship: libtool archives, docs, man pages."""
    for pattern in ('**/*.la', 'usr/share/man', 'usr/share/doc', 'usr/share/info',
                    'usr/share/gtk-doc', 'usr/share/locale'):
        for path in glob.glob(os.path.join(destdir, pattern), recursive=True):
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
