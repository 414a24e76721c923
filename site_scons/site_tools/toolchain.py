"""SCons tool: the per-target compiler wrapper around gcc and a musl sysroot.

env.ToolchainWrapper(bindir, sysroot_stamp) writes <bindir>/<triple>-gcc (and -cc), the specs
file beside it, <triple>-pkg-config (static, staged .pc files only), and links <triple>-ar
etc. to the binutils of the host or of the Debian cross toolchain. The sysroot must be
<bindir>/../sysroot. Requires env['SP_TRIPLE'], env['SP_HOST_GCC'], env['SP_HOST_GCC_VERSION'],
env['SP_HOST_GCC_INCLUDE'] and env['SP_CROSS_PREFIX'].
"""
import os
import stat
import shutil

import SCons.Action
import SCons.Builder

from staticpython import wrapper


def _write_wrapper(target, source, env):
    gcc_path, specs_path = str(target[0]), str(target[1])
    bindir = os.path.dirname(gcc_path)
    # The wrapper finds the sysroot as ../sysroot from its own directory.
    expected = wrapper.sysroot_beside(bindir)
    if os.path.dirname(os.path.abspath(str(source[0]))) != expected:
        print(f'staticpython: the sysroot must be {expected} for the wrapper in {bindir}')
        return 1
    os.makedirs(bindir, exist_ok=True)
    with open(specs_path, 'w') as f:
        f.write(wrapper.specs_text())
    with open(gcc_path, 'w') as f:
        f.write(wrapper.wrapper_text(env['SP_TRIPLE'], env['SP_HOST_GCC'],
                                     env['SP_HOST_GCC_VERSION'], env['SP_HOST_GCC_INCLUDE']))
    os.chmod(gcc_path, 0o755)
    pkg_config = str(target[2])
    with open(pkg_config, 'w') as f:
        f.write(wrapper.pkg_config_text(env['SP_TRIPLE']))
    os.chmod(pkg_config, 0o755)
    for alias in target[3:]:
        path = str(alias)
        tool = path.rsplit('-', 1)[1]
        real = gcc_path if tool == 'cc' else shutil.which(env['SP_CROSS_PREFIX'] + tool)
        if real is None:
            print(f'staticpython: {env["SP_CROSS_PREFIX"]}{tool} not found; install binutils '
                  'for this target (see the README\'s first command)')
            return 1
        if os.path.lexists(path):
            os.unlink(path)
        os.symlink(os.path.basename(real) if tool == 'cc' else real, path)
    return 0


def _emitter(target, source, env):
    bindir = str(target[0])
    triple = env['SP_TRIPLE']
    gcc = os.path.join(bindir, f'{triple}-gcc')
    specs = os.path.join(bindir, f'{triple}.specs')
    aliases = [os.path.join(bindir, f'{triple}-{t}') for t in ('cc',) + wrapper.BINUTILS]
    pkg_config = os.path.join(bindir, f'{triple}-pkg-config')
    return [gcc, specs, pkg_config] + aliases, source


def generate(env):
    action = SCons.Action.Action(
        _write_wrapper, '$TOOLCHAINCOMSTR',
        varlist=['SP_TRIPLE', 'SP_HOST_GCC', 'SP_HOST_GCC_VERSION', 'SP_HOST_GCC_INCLUDE',
                 'SP_CROSS_PREFIX'])
    env['BUILDERS']['ToolchainWrapper'] = SCons.Builder.Builder(
        action=action, emitter=_emitter, target_factory=env.fs.Entry)
    env.SetDefault(TOOLCHAINCOMSTR='  WRAP     $SP_TRIPLE-gcc')


def exists(env):
    return shutil.which('gcc') is not None
