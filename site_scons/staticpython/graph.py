"""The build graph, target by target: each (target, libc) has its toolchain, its libraries and
the single-file interpreters of the flavors asked for, each declared once, when first needed.

The interpreter of a target whose programs this machine cannot run is cross-built, and
CPython's cross build runs a Python of the same version on the build machine: our own
interpreter of the same flavor for the build machine's CPU, which the graph declares from
the native target. So `scons target=linux-aarch64` builds linux-x86_64's python3.13 first.
"""
import os

from . import extmodules, options, packages, toolchain
from .targets import TARGETS, native_target

# Every library recipe is built by `libs`; a flavor's own list feeds its interpreter.
LIBRARIES = tuple(n for n, r in packages.RECIPES.items() if r.KIND == 'library')


class GraphError(Exception):
    """What the command line asks for cannot be built on this machine (one line)."""


class Graph:
    """The targets of one scons run, for one libc and one `pie` option value."""

    def __init__(self, env, libc, pie):
        self.env = env
        self.libc = libc
        self.pie = pie
        self._targets = {}

    def target(self, name):
        if name not in self._targets:
            self._targets[name] = TargetBuild(self, TARGETS[name])
        return self._targets[name]

    def native(self):
        """The build machine's own target: where build Pythons come from."""
        name = native_target()
        if name is None:
            raise GraphError('this machine runs none of the targets, so it has no build Python '
                             'for a cross build')
        return self.target(name)


class TargetBuild:
    """The toolchain, libraries and interpreters of one target."""

    def __init__(self, graph, target):
        self.graph = graph        # the Graph this target belongs to
        self.target = target
        self.root = os.path.join('build', target.name, graph.libc)
        self.env = graph.env.Clone(
            SP_TARGET=target.name, SP_LIBC=graph.libc, SP_BUILD_ROOT=os.path.abspath(self.root),
            SP_TRIPLE=target.triple(graph.libc), SP_PIE=options.pie(graph.pie, target))
        self.nodes = packages.declare(self.env, LIBRARIES)
        self.libs = [self.nodes['toolchain'], self.nodes['stage']]
        self._files = {}

    @property
    def cross(self):
        """Whether CPython is cross-built: this machine does not run the target's programs."""
        return not self.target.runs_natively()

    def flavor_dir(self, name):
        """Where the interpreter of flavor (or variant) `name` is built: build/<target>/<name>/
        with the default libc, build/<target>/<libc>/<name>/ with another."""
        if self.graph.libc == options.defaults()['libc']:
            return os.path.join('build', self.target.name, name)
        return os.path.join(self.root, name)

    def interpreter(self, flavor):
        """<flavor_dir>/<flavor>-static: (its pkg, the single file)."""
        return self._single(flavor, flavor,
                            os.path.join(self.flavor_dir(flavor.name), flavor.output))

    def test_suite(self, flavor):
        """The flavor's variant for CPython's own test suite, laid out as an installation:
        <flavor_dir of <flavor>-regrtest>/{bin/<flavor>-static, lib/python3.X/test/}.
        Returns (the single file, the stamp of the unpacked tests)."""
        suite = flavor.for_test_suite()
        top = self.flavor_dir(suite.name)
        pkg, exe = self._single(suite, flavor, os.path.join(top, 'bin', flavor.output))
        return exe, packages.unpacked_subtree(self.nodes['env'], pkg, 'test-suite', top)

    def _single(self, flavor, base, path):
        if flavor.name in self._files:
            return self._files[flavor.name]
        recipe = packages.RECIPES[flavor.interpreter]
        build_python = None
        if self.cross:
            build_python = self.graph.native().interpreter(base)[1]
        pkg = packages.interpreter(self.nodes, flavor, self.flavor_dir(flavor.name),
                                   build_python)
        extra = {}
        if build_python is not None:
            # The build machine's interpreter compiles the ZIP's bytecode (the same bytes for
            # every target); the new one only starts once, under the target's runner, at the end.
            extra['ZIPAPPEND_COMPILER'] = build_python[0].abspath
        single = self.env.ZipAppend(
            path, pkg, ZIPAPPEND_LIBDIR=recipe.LIBDIR, ZIPAPPEND_TARGET=self.target.name,
            ZIPAPPEND_WRITER=recipe.ZIP_WRITER, ZIPAPPEND_ISOLATED=' '.join(recipe.ISOLATED),
            ZIPAPPEND_IMPORTS=' '.join(flavor.first_start_imports +
                                       extmodules.top_level_imports(flavor.extra_modules,
                                                                    recipe.VERSION)),
            # relative to the top directory: the same signature in any checkout
            ZIPAPPEND_STRIP=toolchain.tool(os.path.join(self.root, 'toolchain'),
                                           self.env['SP_TRIPLE'], 'strip'), **extra)
        self.env.Depends(single, [self.nodes['toolchain'], '#site_scons/site_tools/zipappend.py',
                                  '#site_scons/staticpython/stdlib_zip.py', f'#{recipe.ZIP_WRITER}'])
        if build_python is not None:
            self.env.Depends(single, build_python)
        self._files[flavor.name] = (pkg, single)
        return pkg, single
