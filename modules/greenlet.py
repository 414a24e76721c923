"""greenlet: lightweight coroutines that switch C stacks, built into every flavor (as in the
original StaticPython). The newest release for each Python: 3.x from 3.10 on takes the
current one; 2.7 the last with 2.7 support (2.0.2, C++ as 3.x's); 3.2 the last with 3.2
support (0.4.17, C, one module called greenlet)."""
from staticpython.extmodules import Release
from staticpython.sources import Source

NAME = 'greenlet'
LICENSE = 'MIT AND PSF-2.0'
SUMMARY = 'lightweight in-process concurrent programming (coroutines switching C stacks)'
LIBRARIES = ()          # the C++ runtime comes with the toolchain

# The switching code of greenlet (from Stackless) keeps registers GCC wants for itself at
# -O3 on RISC-V ("s0 cannot be used in asm here"), and miscompiles on ppc64le with the
# dominator optimisations: the flags greenlet's own setup.py passes there.
_TARGET_FLAGS = {'linux-riscv64': ('-Os',), 'linux-ppc64le': ('-fno-tree-dominator-opts',)}

RELEASES = (
    Release(
        version='3.5.6', python='>=3.10',
        source=Source('greenlet-3.5.6.tar.gz', 207653,
                      '8e67c43bdfc88d5fee6db0d3e40175b362fc95fb85f0412d233b9b203c53a575',
                      pip='greenlet==3.5.6'),
        sources=('src/greenlet/greenlet.cpp',),      # includes the other .cpp files
        builtins={'greenlet._greenlet': '_greenlet'},
        python_parts=('src/greenlet',),
        target_flags=_TARGET_FLAGS,
    ),
    Release(
        version='2.0.2', python='==2.7',
        source=Source('greenlet-2.0.2.tar.gz', 164980,
                      'e7c8dc13af7db097bed64a051d2dd49e9f0af495c26995c00a9ee842690d34c0',
                      pip='greenlet==2.0.2'),
        sources=('src/greenlet/greenlet.cpp',),
        builtins={'greenlet._greenlet': '_greenlet'},
        python_parts=('src/greenlet',),
        cxxflags=('-std=gnu++11',),                  # its setup.py's
        target_flags=_TARGET_FLAGS,
    ),
    Release(
        version='0.4.17', python='==3.2',
        source=Source('greenlet-0.4.17.tar.gz', 61381,
                      '41d8835c69a78de718e466dd0e6bfd4b46125f21a67c3ff6d76d8d8059868d6b',
                      pip='greenlet==0.4.17'),
        sources=('greenlet.c',),
        builtins={'greenlet': 'greenlet'},
        target_flags=_TARGET_FLAGS,
    ),
)
