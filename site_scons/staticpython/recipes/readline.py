from staticpython.sources import Source

NAME = 'readline'
VERSION = '8.2'
LICENSE = 'GPL-3.0-or-later'
SUMMARY = 'line editing and history for the interactive prompt (readline)'
KIND = 'library'
DEPENDS = ('ncurses',)
SOURCES = (
    Source('readline-8.2.tar.gz', 3043952,
           '3feb7171f16a84ee82ca18a36d7b9be109a52c04f492a053331d7d1095007c35',
           urls=('https://ftp.gnu.org/gnu/readline/readline-8.2.tar.gz',),
           pool='pool/main/r/readline/readline_8.2.orig.tar.gz'),
)
PRODUCTS = ('usr/lib/libreadline.a', 'usr/lib/libhistory.a', 'usr/include/readline/readline.h')


def build(b):
    # configure cannot run test programs for a foreign host: state what musl provides.
    answers = {'bash_cv_func_sigsetjmp': 'present', 'bash_cv_wcwidth_broken': 'no',
               'bash_cv_termcap_lib': 'libncursesw', 'bash_cv_func_ctype_nonascii': 'yes',
               'bash_cv_must_reinstall_sighandlers': 'no', 'bash_cv_func_strcoll_broken': 'no'}
    b.configure('--with-curses', '--disable-install-examples', env=answers)
    b.make('SHLIB_LIBS=')
    b.make_install()
    # readline.pc names the narrow-character 'ncurses'; ours is the wide one.
    b.edit('usr/lib/pkgconfig/readline.pc', 'Requires.private: ncurses\n',
           'Requires.private: ncursesw\n')
