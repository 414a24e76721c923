/* Run an event loop with two timers; print the order they fire in. */
#include <stdio.h>
#include <event2/event.h>

static void fired(evutil_socket_t fd, short what, void *name) {
    (void)fd; (void)what;
    printf("timer %s\n", (const char *)name);
}

int main(void) {
    struct event_base *base = event_base_new();
    if (!base) return 1;
    struct timeval t1 = {0, 20000}, t2 = {0, 5000};
    struct event *a = evtimer_new(base, fired, "late"), *b = evtimer_new(base, fired, "early");
    evtimer_add(a, &t1);
    evtimer_add(b, &t2);
    if (event_base_dispatch(base) != 1) return 2;   /* 1: no more events */
    printf("version %s\nbackend %s\n", event_get_version(), event_base_get_method(base));
    event_free(a); event_free(b); event_base_free(base);
    return 0;
}
