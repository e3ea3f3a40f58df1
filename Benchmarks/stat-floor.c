/* The floor under `pacta index` on an unchanged corpus: list a folder with readdir and stat every entry on N
 * threads, and nothing else. What Pacta's freshness check cannot go below on this machine.
 *
 *   cc -O2 -o /tmp/stat-floor Benchmarks/stat-floor.c -lpthread && /tmp/stat-floor CORPUS 2
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static char **names;
static int count;
static int folder;
static int threads;

static void *look(void *argument) {
    long first = (long)argument;
    struct stat info;
    long bytes = 0;
    for (int position = first; position < count; position += threads) {
        if (fstatat(folder, names[position], &info, 0) == 0) bytes += info.st_size;
    }
    return (void *)bytes;
}

static double seconds(struct timespec from, struct timespec to) {
    return (to.tv_sec - from.tv_sec) + (to.tv_nsec - from.tv_nsec) / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: stat-floor FOLDER THREADS\n");
        return 2;
    }
    threads = atoi(argv[2]);
    if (threads < 1 || threads > 64) threads = 1;
    struct timespec start, listed, done;
    clock_gettime(CLOCK_MONOTONIC, &start);
    DIR *directory = opendir(argv[1]);
    if (!directory) {
        perror(argv[1]);
        return 1;
    }
    folder = dirfd(directory);
    int capacity = 1024;
    names = malloc(sizeof(char *) * capacity);
    struct dirent *entry;
    while ((entry = readdir(directory))) {
        if (entry->d_name[0] == '.') continue;
        if (count == capacity) {
            capacity *= 2;
            names = realloc(names, sizeof(char *) * capacity);
        }
        names[count++] = strdup(entry->d_name);
    }
    clock_gettime(CLOCK_MONOTONIC, &listed);
    pthread_t workers[64];
    for (long worker = 0; worker < threads; worker++) pthread_create(&workers[worker], 0, look, (void *)worker);
    for (int worker = 0; worker < threads; worker++) pthread_join(workers[worker], 0);
    clock_gettime(CLOCK_MONOTONIC, &done);
    printf("%d entries: readdir %.3f s, stat %.3f s on %d threads\n", count, seconds(start, listed),
           seconds(listed, done), threads);
    return 0;
}
