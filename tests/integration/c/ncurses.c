/* setupterm() for terminals given on the command line, with no terminfo on disk. */
#include <stdio.h>
#include <curses.h>
#include <term.h>

int main(int argc, char **argv) {
    printf("version %s\n", curses_version());
    for (int i = 1; i < argc; i++) {
        int err = 0;
        if (setupterm(argv[i], 1, &err) != OK) { printf("%s missing (%d)\n", argv[i], err); continue; }
        printf("%s colors=%d cup=%s\n", argv[i], tigetnum("colors"),
               tigetstr("cup") && tigetstr("cup") != (char *)-1 ? "yes" : "no");
        del_curterm(cur_term);
    }
    return 0;
}
