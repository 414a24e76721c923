"""BuildContext: what a recipe's build function sees, with autotools-style helpers.

A recipe builds in its own work directory, sees only the pkgs of its declared
dependencies (unpacked into `deps`), and installs into `destdir` with prefix /usr.
"""
import os
import shutil

from .steps import Runner
from .wrapper import SYSROOT_NAME, mapped_name, sysroot_beside

PREFIX = '/usr'
# Where a pkg puts pure-Python packages and data for the interpreter's ZIP (the CPython
# recipe copies what its dependencies have there into the standard library).
ZIP_FILES = 'usr/lib/staticpython/zip'


class BuildContext:
    def __init__(self, recipe, target, libc, workdir, jobs, env, log_path, verbose=False,
                 flavor=None, repo=None, toolchain_bin=None):
        self.recipe = recipe
        self.flavor = flavor
        self.repo = repo
        self.target = target
        self.libc = libc
        self.triple = target.triple(libc)
        self.workdir = workdir
        self.srcdir = os.path.join(workdir, 'src')
        self.destdir = os.path.join(workdir, 'dest')
        self.deps = os.path.join(workdir, 'deps')
        self.jobs = jobs
        self.env = dict(env)
        self.toolchain_bin = toolchain_bin
        self.pkg_config = toolchain_bin and os.path.join(toolchain_bin, f'{self.triple}-pkg-config')
        self.runner = Runner(log_path, verbose)

    # -- paths -------------------------------------------------------------------------
    def dest(self, *parts):
        """A path inside the install tree, e.g. dest('usr/lib')."""
        return os.path.join(self.destdir, *parts)

    def src(self, *parts):
        return os.path.join(self.srcdir, *parts)

    # -- commands ----------------------------------------------------------------------
    def run(self, *cmd, cwd=None, env=None):
        full_env = dict(self.env, **(env or {}))
        self.runner.run([str(c) for c in cmd], cwd or self.srcdir, full_env)

    def output(self, *cmd, cwd=None, env=None):
        """Run a command and return what it prints on standard output."""
        return self.runner.output([str(c) for c in cmd], cwd or self.srcdir,
                                  dict(self.env, **(env or {})))

    def configure(self, *args, script='./configure', cwd=None, env=None):
        """Run an autoconf configure script for a static library cross-build."""
        self.run(script, f'--host={self.triple}', f'--build={build_triple()}',
                 f'--prefix={PREFIX}', '--disable-shared', '--enable-static', *args,
                 cwd=cwd, env=env)

    def make(self, *args, cwd=None, env=None, jobs=True):
        jobs_arg = [f'-j{self.jobs}'] if jobs else []
        self.run('make', *jobs_arg, *args, cwd=cwd, env=env)

    def make_install(self, *args, target='install', cwd=None, env=None):
        self.run('make', f'DESTDIR={self.destdir}', *args, target, cwd=cwd, env=env)

    def install_files(self, dest_subdir, *names, cwd=None):
        """Copy files (relative to cwd, default srcdir) into destdir/dest_subdir."""
        out = self.dest(dest_subdir)
        os.makedirs(out, exist_ok=True)
        for name in names:
            shutil.copy2(os.path.join(cwd or self.srcdir, name), out)

    def remove(self, relpath):
        """Delete a file or directory from the install tree."""
        path = self.dest(relpath)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)

    def edit(self, relpath, old, new):
        """Replace `old` by `new` in an installed text file; `old` must be there."""
        path = self.dest(relpath)
        with open(path) as f:
            text = f.read()
        if old not in text:
            raise RuntimeError(f'{relpath}: expected text {old!r} not found')
        with open(path, 'w') as f:
            f.write(text.replace(old, new))

    def without_build_paths(self, text):
        """`text` (a recorded command line, say) with this checkout's paths taken out: the
        compiler by its name alone; the work directory and the sysroot by the names
        -ffile-prefix-map gives them.
        For what a build embeds in its output, so the output is the same in any checkout."""
        if self.toolchain_bin:
            bindir = self.toolchain_bin.rstrip('/')
            text = text.replace(bindir + '/', '')
            text = text.replace(sysroot_beside(bindir), SYSROOT_NAME)
        return text.replace(self.workdir, mapped_name(self.recipe.NAME))

    def host_env(self):
        """Environment for tools that run on the build machine (code generators)."""
        env = {k: v for k, v in self.env.items()
               if k not in ('CC', 'AR', 'RANLIB', 'NM', 'STRIP', 'CPPFLAGS', 'LDFLAGS',
                            'PKG_CONFIG_LIBDIR', 'PKG_CONFIG_SYSROOT_DIR')}
        env.update(CC='gcc', CFLAGS='-O2')
        return env

    def write(self, relpath, text):
        path = self.dest(relpath)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(text)


def build_triple():
    """The build machine's own triple, as autoconf wants it for --build."""
    import platform
    return f'{platform.machine()}-pc-linux-gnu'
