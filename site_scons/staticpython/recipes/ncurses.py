from staticpython.sources import Source

NAME = 'ncurses'
VERSION = '6.5-20250216'
LICENSE = 'X11 (MIT-style)'
SUMMARY = 'terminal handling (curses, readline), wide characters, built-in terminal fallbacks'
KIND = 'library'
DEPENDS = ()
SOURCES = (
    Source('ncurses-6.5-20250216.tgz', 3774714,
           'b37baafa436e7133bb12a185cb8f60e1599b1947e9f0181c76f3190acf28b6eb',
           urls=('https://invisible-island.net/archives/ncurses/current/ncurses-6.5-20250216.tgz',
                 'https://invisible-mirror.net/archives/ncurses/current/ncurses-6.5-20250216.tgz'),
           pool='pool/main/n/ncurses/ncurses_6.5+20250216.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libncursesw.a', 'usr/lib/libpanelw.a', 'usr/include/ncursesw/curses.h',
            'usr/lib/pkgconfig/ncursesw.pc')

# Compiled into the library: used when no terminfo database is found on disk.
FALLBACK_TERMINALS = ('xterm', 'xterm-256color', 'xterm-color', 'screen', 'screen-256color',
                      'tmux', 'tmux-256color', 'vt100', 'vt220', 'linux', 'ansi', 'dumb',
                      'rxvt', 'rxvt-unicode', 'putty')
# Where a terminfo database is looked for first (Debian, Fedora, Alpine, BSDs' Linux ports).
TERMINFO_DIRS = ('/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo', '/usr/lib/terminfo')


def build(b):
    b.configure('--without-shared', '--without-cxx', '--without-cxx-binding', '--without-ada',
                '--without-progs', '--without-tests', '--without-manpages', '--without-debug',
                '--enable-widec', '--disable-overwrite', '--enable-pc-files', '--with-pkg-config-libdir=/usr/lib/pkgconfig',
                '--disable-db-install', '--disable-home-terminfo',
                '--with-terminfo-dirs=' + ':'.join(TERMINFO_DIRS),
                '--with-default-terminfo-dir=/usr/share/terminfo',
                '--with-fallbacks=' + ','.join(FALLBACK_TERMINALS),
                '--with-tic-path=/usr/bin/tic', '--with-infocmp-path=/usr/bin/infocmp')
    b.make()
    b.make_install()
