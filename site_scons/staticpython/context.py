"""BuildContext: what a recipe's build function sees, with autotools-style helpers.

A recipe builds in its own work directory, sees only the pkgs of its declared
dependencies (unpacked into `deps`), and installs into `destdir` with prefix /usr.
"""
import os
import shutil

from . import sources, steps
from .steps import Runner
from .toolchain import PREFIX as TOOLCHAIN_NAME, mapped_name

PREFIX = '/usr'
# Where a pkg puts pure-Python packages and data for the interpreter's ZIP (the CPython
# recipe copies what its dependencies have there into the standard library).
ZIP_FILES = 'usr/lib/staticpython/zip'


class BuildContext:
    def __init__(self, recipe, target, libc, workdir, jobs, env, log_path, verbose=False,
                 flavor=None, repo=None, toolchain=None, cache=None):
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
        self.toolchain = toolchain    # the toolchain directory (None: the build machine's)
        self.cache = cache
        self.runner = Runner(log_path, verbose)

    # -- sources -----------------------------------------------------------------------
    def prepare_sources(self):
        """Fetch, unpack and patch the recipe's source into srcdir (patches/<name>/<version>/)."""
        os.makedirs(self.srcdir)
        if self.recipe.SOURCES:
            archive = sources.fetch(self.recipe.SOURCES, self.cache)
            self.runner.note(f'source: {archive}')
            form = next(s for s in self.recipe.SOURCES if s.filename == os.path.basename(archive))
            steps.unpack(archive, self.srcdir, inner=form.inner,
                         only=getattr(self.recipe, 'UNPACK', None))
            # Timestamps embedded by builds (CPython's banner) are the sources' own date.
            self.env['SOURCE_DATE_EPOCH'] = str(steps.newest_mtime(self.srcdir))
        patch_dir = os.path.join(self.repo, 'patches', self.recipe.NAME, self.recipe.VERSION)
        steps.apply_patches(patch_dir, self.srcdir, self.runner, self.env)

    def part(self, recipe, destdir, env=None):
        """A context for `recipe`, one of this recipe's PARTS, built inside this build: its
        source prepared under workdir/<name>/src, its install tree `destdir`, the same log."""
        sub = BuildContext.__new__(BuildContext)
        sub.__dict__.update(self.__dict__)
        sub.recipe = recipe
        sub.workdir = os.path.join(self.workdir, recipe.NAME)
        sub.srcdir = os.path.join(sub.workdir, 'src')
        sub.destdir = destdir
        sub.env = dict(self.env, **(env or {}))
        sub.runner.note(f'\n=== {recipe.NAME} {recipe.VERSION}, part of {self.recipe.NAME}')
        sub.prepare_sources()
        return sub

    # -- paths -------------------------------------------------------------------------
    def dest(self, *parts):
        """A path inside the install tree, e.g. dest('usr/lib')."""
        return os.path.join(self.destdir, *parts)

    def src(self, *parts):
        return os.path.join(self.srcdir, *parts)

    def mkdir(self, *parts):
        """A new directory in the work directory (beside src/); returns its path."""
        path = os.path.join(self.workdir, *parts)
        os.makedirs(path, exist_ok=True)
        return path

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

    def install_prefix(self, prefix, target, *args, cwd=None):
        """`make DESTDIR=... target` for a build configured with --prefix=`prefix`, whose
        install tree is what lies under `prefix` (the toolchain's recipes)."""
        staging = os.path.join(self.workdir, 'staging')
        self.run('make', f'DESTDIR={staging}', *args, target, cwd=cwd)
        tree = staging + prefix
        for dirpath, dirnames, filenames in os.walk(tree):
            for name in dirnames + filenames:
                full = os.path.join(dirpath, name)
                dest = os.path.join(self.destdir, os.path.relpath(full, tree))
                if os.path.isdir(full) and not os.path.islink(full):
                    os.makedirs(dest, exist_ok=True)
                else:
                    os.makedirs(os.path.dirname(dest), exist_ok=True)
                    os.replace(full, dest)
        shutil.rmtree(staging)
        for docs in ('share/man', 'share/info', 'share/locale', 'share/doc'):
            self.remove(docs)

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
        compiler by its name alone; the work directory and the toolchain by the names
        -ffile-prefix-map gives them.
        For what a build embeds in its output, so the output is the same in any checkout."""
        if self.toolchain:
            root = self.toolchain.rstrip('/')
            text = text.replace(root + '/bin/', '')
            text = text.replace(root, TOOLCHAIN_NAME)
        return text.replace(self.workdir, mapped_name(self.recipe.NAME))

    def host_env(self):
        """Environment for tools that run on the build machine (code generators)."""
        env = {k: v for k, v in self.env.items()
               if k not in ('CC', 'CXX', 'AR', 'RANLIB', 'NM', 'STRIP', 'CPPFLAGS', 'LDFLAGS',
                            'CXXFLAGS', 'PKG_CONFIG', 'PKG_CONFIG_LIBDIR',
                            'PKG_CONFIG_SYSROOT_DIR')}
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
