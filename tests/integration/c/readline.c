/* Read lines through readline from a pipe and keep them in the history. */
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

int main(void) {
    char *line;
    rl_outstream = stderr;
    while ((line = readline("> ")) != NULL) {
        add_history(line);
        free(line);
    }
    printf("version %s\n", rl_library_version);
    for (int i = history_base; i < history_base + history_length; i++)
        printf("history %s\n", history_get(i)->line);
    return 0;
}
