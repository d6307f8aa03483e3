/* --shard K/N, and --shard auto: the index and count a CI system gives
 * each of its parallel jobs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shard.h"

/* The CI systems' variables: index (0- or 1-based) and count. */
static const struct ci_vars {
	const char *system, *index, *total;
	int base;
} systems[] = {
	{ "GitLab", "CI_NODE_INDEX", "CI_NODE_TOTAL", 1 },
	{ "CircleCI", "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0 },
	{ "Buildkite", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0 },
};

#define MAX_SHARDS 100000

static bool whole_number(const char *s, long *v)
{
	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return false;
	errno = 0;
	*v = strtol(s, NULL, 10);
	return errno == 0;
}

/* "K/N" into k and n (1 <= k <= n); false if it is not that. */
static bool k_of_n(const char *s, int *k, int *n)
{
	const char *slash = strchr(s, '/');
	if (!slash)
		return false;
	char kpart[16];
	size_t len = (size_t)(slash - s);
	if (len == 0 || len >= sizeof kpart)
		return false;
	memcpy(kpart, s, len);
	kpart[len] = '\0';
	long kv, nv;
	if (!whole_number(kpart, &kv) || !whole_number(slash + 1, &nv) ||
	    nv < 1 || nv > MAX_SHARDS || kv < 1 || kv > nv)
		return false;
	*k = (int)kv;
	*n = (int)nv;
	return true;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* A shard some variables name, with where it came from. */
struct found {
	int k, n;
	char from[96];
};

/* Adds what one source says to *have, or fails on a conflict. */
static int agree(struct found *have, int *nhave, int k, int n,
    const char *from, char *why, size_t len)
{
	if (*nhave && (have->k != k || have->n != n)) {
		snprintf(why, len, "--shard auto: %s says shard %d of %d, but %s "
		    "says %d of %d", from, k, n, have->from, have->k, have->n);
		return -1;
	}
	if (!*nhave)
		*have = (struct found){ k, n, "" };
	snprintf(have->from, sizeof have->from, "%s", from);
	(*nhave)++;
	return 0;
}

int tr_shard_parse(const char *arg, tr_shard *out, char *why, size_t len)
{
	*out = (tr_shard){ 1, 1, "" };
	if (strncmp(arg, "auto", 4) != 0) {
		if (!k_of_n(arg, &out->k, &out->n)) {
			snprintf(why, len, "--shard takes K/N (1 <= K <= N <= %d), "
			    "auto or auto/N, not '%s'", MAX_SHARDS, arg);
			return -1;
		}
		snprintf(out->from, sizeof out->from, "--shard %s", arg);
		return 0;
	}
	/* auto/N: the count is given (Kubernetes' indexed Jobs set only
	 * JOB_COMPLETION_INDEX) */
	long given = 0;
	if (arg[4] == '/') {
		if (!whole_number(arg + 5, &given) || given < 1 ||
		    given > MAX_SHARDS) {
			snprintf(why, len, "--shard auto/N takes a count from 1 to "
			    "%d, not '%s'", MAX_SHARDS, arg + 5);
			return -1;
		}
	} else if (arg[4]) {
		snprintf(why, len, "--shard takes K/N, auto or auto/N, not "
		    "'%s'", arg);
		return -1;
	}
	struct found have = { 0 };
	int nhave = 0;
	const char *own = env("TRANSCRIBE_SHARD");
	if (own) {
		int k, n;
		if (!k_of_n(own, &k, &n)) {
			snprintf(why, len, "TRANSCRIBE_SHARD must be K/N (1 <= K <= "
			    "N), not '%s'", own);
			return -1;
		}
		if (agree(&have, &nhave, k, n, "TRANSCRIBE_SHARD", why, len))
			return -1;
	}
	for (size_t i = 0; i < sizeof systems / sizeof *systems; i++) {
		const struct ci_vars *s = &systems[i];
		const char *iv = env(s->index), *tv = env(s->total);
		if (!iv && !tv)
			continue;
		long index, total;
		/* GitLab sets CI_NODE_TOTAL=1 in every job, the index only
		 * in parallel ones */
		if (!iv && whole_number(tv, &total) && total == 1)
			continue;
		if (!iv || !tv) {
			snprintf(why, len, "--shard auto: %s is set but %s is not",
			    iv ? s->index : s->total, iv ? s->total : s->index);
			return -1;
		}
		if (!whole_number(tv, &total) || total < 1 || total > MAX_SHARDS) {
			snprintf(why, len, "--shard auto: %s must be a count from 1 "
			    "to %d, not '%s'", s->total, MAX_SHARDS, tv);
			return -1;
		}
		if (!whole_number(iv, &index) || index < s->base ||
		    index >= total + s->base) {
			snprintf(why, len, "--shard auto: %s must be from %d to %ld "
			    "(%s counts from %d), not '%s'", s->index, s->base,
			    total - 1 + s->base, s->system, s->base, iv);
			return -1;
		}
		char from[96];
		snprintf(from, sizeof from, "%s=%s and %s=%s", s->index, iv,
		    s->total, tv);
		if (agree(&have, &nhave, (int)(index - s->base + 1), (int)total,
		    from, why, len))
			return -1;
	}
	const char *job = env("JOB_COMPLETION_INDEX");
	if (job) {
		long index;
		if (!given) {
			snprintf(why, len, "--shard auto: JOB_COMPLETION_INDEX is set "
			    "but not the count; use --shard auto/N with the Job's "
			    "completions");
			return -1;
		}
		if (!whole_number(job, &index) || index >= given) {
			snprintf(why, len, "--shard auto/%ld: JOB_COMPLETION_INDEX "
			    "must be from 0 to %ld, not '%s'", given, given - 1, job);
			return -1;
		}
		char from[96];
		snprintf(from, sizeof from, "JOB_COMPLETION_INDEX=%s", job);
		if (agree(&have, &nhave, (int)index + 1, (int)given, from, why,
		    len))
			return -1;
	}
	if (given && nhave && have.n != given) {
		snprintf(why, len, "--shard auto/%ld: %s says %d shards", given,
		    have.from, have.n);
		return -1;
	}
	if (!nhave) {
		/* not in a parallel job: everything, here */
		snprintf(out->from, sizeof out->from, "no CI shard variables");
		return 0;
	}
	out->k = have.k;
	out->n = have.n;
	snprintf(out->from, sizeof out->from, "%s", have.from);
	return 0;
}
