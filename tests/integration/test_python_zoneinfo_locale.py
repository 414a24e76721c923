"""Time zones and locales in a root holding only the interpreter.

zoneinfo reads the system's database when there is one and else the IANA data embedded in
the executable (the tzdata package). musl accepts every locale name but formats and
collates as the C locale does: README.md documents it, these tests pin it down."""
import zipfile

import pytest

from isolation import Root, last_json
from versions import BIN, requires, source

ENV = {'PATH': '/bin', 'LANG': 'C.UTF-8'}

ZONES = '''
import json, sys, zoneinfo
from datetime import datetime
berlin = zoneinfo.ZoneInfo("Europe/Berlin")
print(json.dumps({
    "summer": datetime(2026, 7, 1, 12, tzinfo=berlin).utcoffset().total_seconds() / 3600,
    "winter": datetime(2026, 1, 1, 12, tzinfo=berlin).tzname(),
    "new_york": datetime(2026, 1, 1, 12, tzinfo=zoneinfo.ZoneInfo("America/New_York")).tzname(),
    "available": len(zoneinfo.available_timezones()),
    "has_berlin": "Europe/Berlin" in zoneinfo.available_timezones(),
    "tzpath": zoneinfo.TZPATH}))
'''


@requires('zoneinfo')
def test_zoneinfo_from_the_embedded_database(python):
    with Root() as root:
        root.add(BIN, copy_of=python)
        facts = last_json(root.run([BIN, '-c', ZONES], env=ENV))
    assert facts['summer'] == 2 and facts['winter'] == 'CET', facts
    assert facts['new_york'] == 'EST', facts
    assert facts['available'] > 400 and facts['has_berlin'], facts
    assert '/usr/share/zoneinfo' in facts['tzpath'], facts


@requires('zoneinfo')
def test_zoneinfo_prefers_the_system_database(python):
    """A system zone file wins over the embedded one: here 'Europe/Berlin' holds Tokyo's rules."""
    with zipfile.ZipFile(python) as z:
        tokyo = z.read('tzdata/zoneinfo/Asia/Tokyo')
    with Root() as root:
        root.add(BIN, copy_of=python)
        root.add('/usr/share/zoneinfo/Europe/Berlin', tokyo)
        facts = last_json(root.run([BIN, '-c', ZONES], env=ENV))
    assert facts['summer'] == 9 and facts['winter'] == 'JST', facts
    assert facts['new_york'] == 'EST', facts   # not on the system: embedded


# Valid 2.7 and 3.x code (source() spells it): "ä" is text in 3.x, its UTF-8 bytes in 2.7,
# whose strxfrm() takes bytes; both sort by code point here.
LOCALE = source('''
import json, locale, time
try:
    name = locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
except locale.Error as e:
    name = "locale.Error: %s" % e
conv = locale.localeconv()
print(json.dumps({
    "setlocale": name,
    "getlocale": locale.getlocale(),
    "decimal_point": conv["decimal_point"], "thousands_sep": conv["thousands_sep"],
    "formatted": locale.format_string("%.2f", 1234567.5, grouping=True),
    "currency": locale.localeconv()["currency_symbol"],
    "sorted": sorted(["b", "A", "ä", "a", "B"], key=locale.strxfrm),
    "month": time.strftime("%B", time.gmtime(0)),
    "encoding": locale.getencoding()}))
''')


@pytest.mark.parametrize('proc', [True, False], ids=['proc', 'noproc'])
def test_locales_keep_c_formatting_and_collation(python, proc, libc_data):
    """musl accepts the name; a C library with the C locale only (libcs.py) refuses it."""
    with Root() as root:
        root.add(BIN, copy_of=python)
        facts = last_json(root.run([BIN, '-c', LOCALE], proc=proc, env=ENV))
    if libc_data.only_c_locale:
        assert facts['setlocale'] == 'locale.Error: unsupported locale setting', facts
        assert facts['getlocale'] == [None, None], facts
    else:
        assert facts['setlocale'] == 'de_DE.UTF-8', facts
        assert facts['getlocale'] == ['de_DE', 'UTF-8'], facts
    assert (facts['decimal_point'], facts['thousands_sep']) == ('.', ''), facts
    assert facts['formatted'] == '1234567.50', facts           # glibc de_DE: 1.234.567,50
    assert facts['currency'] == '', facts
    assert facts['sorted'] == ['A', 'B', 'a', 'b', '\u00e4'], facts   # code point order
    assert facts['month'] == 'January', facts                  # glibc de_DE: Januar
    # the C locale's own: uClibc-ng's is ASCII (text I/O is UTF-8 all the same: UTF-8 mode)
    assert facts['encoding'] == ('ASCII' if libc_data.only_c_locale else 'UTF-8'), facts
