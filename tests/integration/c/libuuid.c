/* Generate random and time-based UUIDs, parse one back, compare. */
#include <stdio.h>
#include <uuid/uuid.h>

int main(void) {
    uuid_t a, b, parsed;
    char text[37];
    uuid_generate_random(a);
    uuid_generate_time(b);
    uuid_unparse_lower(a, text);
    if (uuid_parse(text, parsed) != 0 || uuid_compare(a, parsed) != 0) return 1;
    printf("random version %d\ntime version %d\nlength %zu\n", uuid_type(a) == UUID_TYPE_DCE_RANDOM ? 4 : -1,
           uuid_type(b) == UUID_TYPE_DCE_TIME ? 1 : -1, sizeof text - 1);
    return uuid_compare(a, b) == 0;
}
