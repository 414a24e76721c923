"""zope.event: a simple event system, which gevent requires (pure Python)."""
from staticpython.extmodules import Release
from staticpython.sources import Source

NAME = 'zope.event'
LICENSE = 'ZPL-2.1'
SUMMARY = 'a simple event system (gevent requires it)'
LIBRARIES = ()

RELEASES = (
    Release(
        version='6.2', python='>=3.10',
        source=Source('zope_event-6.2.tar.gz', 18958,
                      'b97d5d6327067ee6b9dfcbdf606ade9ade70991e19c162e808ea39e5fcf0f8d3',
                      pip='zope.event==6.2'),
        sources=(), builtins={},
        python_parts=('src/zope',),                  # the namespace package zope
    ),
    # The last release for 2.7; its zope/__init__.py is patched (pkg_resources is not ours).
    Release(
        version='4.6', python='==2.7',
        source=Source('zope.event-4.6.tar.gz', 17430,
                      '81d98813046fc86cc4136e3698fee628a3282f9c320db18658c21749235fce80',
                      pip='zope.event==4.6'),
        sources=(), builtins={},
        python_parts=('src/zope',),
    ),
)
