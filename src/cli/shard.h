/* Which share of a batch this run converts (--shard). */
#ifndef TR_SHARD_H
#define TR_SHARD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tr_shard {
	int k, n;               /* shard k of n, 1-based; 1 of 1: all */
	char from[128];         /* what said so, for -v */
} tr_shard;

/* "K/N"; "auto": TRANSCRIBE_SHARD=K/N, GitLab's CI_NODE_INDEX and
 * CI_NODE_TOTAL (1-based), CircleCI's CIRCLE_NODE_INDEX and
 * CIRCLE_NODE_TOTAL, Buildkite's BUILDKITE_PARALLEL_JOB and
 * BUILDKITE_PARALLEL_JOB_COUNT (0-based), none of them: 1 of 1;
 * "auto/N": also Kubernetes' JOB_COMPLETION_INDEX (0-based) of N.
 * Returns -1 with a message naming the variable when a value is
 * malformed or two disagree. */
int tr_shard_parse(const char *arg, tr_shard *out, char *why, size_t len);

#endif
