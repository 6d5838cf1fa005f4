/*
 * failopen: a steady load of failed opens for bench/host-cost. It calls open() on a path that does not exist
 * (under a folder named after its own pid, so no other process makes the same event) RATE times a second for
 * SECONDS seconds, then prints how many it made. Paced by clock_nanosleep on absolute times, one batch per
 * millisecond, so the rate holds whatever one open costs and however late one wake-up is.
 *   failopen RATE SECONDS
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define TICKS_PER_SECOND 1000

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: failopen RATE SECONDS\n");
		return 2;
	}
	long rate = atol(argv[1]);
	double seconds = atof(argv[2]);
	char path[96];
	snprintf(path, sizeof path, "/tmp/bpftools-failopen-%d-none/x", (int)getpid());

	struct timespec start, next;
	clock_gettime(CLOCK_MONOTONIC, &start);
	next = start;
	long ticks = (long)(seconds * TICKS_PER_SECOND);
	long made = 0;
	for (long tick = 1; tick <= ticks; tick++) {
		/* The opens due by the end of this tick, counted from the start: no drift from rounding. */
		long due = rate * tick / TICKS_PER_SECOND;
		for (; made < due; made++) {
			if (open(path, O_RDONLY) >= 0 || errno != ENOENT) {
				fprintf(stderr, "failopen: %s did not fail with ENOENT\n", path);
				return 1;
			}
		}
		next.tv_nsec += 1000000000L / TICKS_PER_SECOND;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
	}
	printf("%ld\n", made);
	return 0;
}
