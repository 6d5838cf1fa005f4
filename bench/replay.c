/*
 * replay: a stand-in tracing tool for the benchmarks. It writes the header line of a captured output file
 * once, then cycles through the file's other lines until it has written BPFTOOLS_BENCH_LINES of them,
 * as fast as C stdio allows, then exits 0. Like the real tools it writes with stdio, so under
 * `stdbuf -oL` (as BpfTools runs libbpf-tools) each line is one write(2).
 * It takes the file and the count from the environment, because BpfTools passes the tool's own flags.
 * If BPFTOOLS_BENCH_LOG is set, it appends "<lines written> <seconds taken>" there when done.
 * If BPFTOOLS_BENCH_BUFFERED=1, it writes in 64 KiB blocks whatever stdbuf says: a tool with no reason to flush.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	const char *path = getenv("BPFTOOLS_BENCH_FILE");
	const char *count_text = getenv("BPFTOOLS_BENCH_LINES");
	const char *log_path = getenv("BPFTOOLS_BENCH_LOG");
	if (!path || !count_text) {
		fprintf(stderr, "replay: set BPFTOOLS_BENCH_FILE and BPFTOOLS_BENCH_LINES\n");
		return 2;
	}
	long count = atol(count_text);
	const char *buffered = getenv("BPFTOOLS_BENCH_BUFFERED");
	if (buffered && strcmp(buffered, "1") == 0)
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);

	FILE *in = fopen(path, "r");
	if (!in) {
		perror(path);
		return 2;
	}
	char **lines = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *line = NULL;
	while (getline(&line, &len, in) >= 0) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = realloc(lines, cap * sizeof *lines);
		}
		lines[n++] = strdup(line);
	}
	fclose(in);
	if (n < 2) {
		fprintf(stderr, "replay: %s needs a header line and at least one record line\n", path);
		return 2;
	}

	double start = now();
	fputs(lines[0], stdout);
	for (long i = 0; i < count; i++)
		fputs(lines[1 + i % (n - 1)], stdout);
	fflush(stdout);
	double taken = now() - start;

	if (log_path) {
		FILE *log = fopen(log_path, "a");
		if (log) {
			fprintf(log, "%ld %.6f\n", count, taken);
			fclose(log);
		}
	}
	return 0;
}
