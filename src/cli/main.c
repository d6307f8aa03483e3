/* The command line: options, inputs, one conversion per input (in
 * worker processes with -j), exit status. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "diag.h"
#include "gfx.h"
#include "langtag.h"
#include "module.h"
#include "output.h"
#include "report.h"
#include "sha1.h"
#include "shard.h"
#include "state.h"
#include "utf8.h"
#include "tree.h"


enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* What one conversion's backends hand each other: the PDF's page map,
 * its result, which the EPUB's page-list reads. */
struct handoff {
	bool want_pages;        /* both the PDF and the EPUB are written */
	tr_page_map pages;
};

static int render_pdf(const tr_doc *doc, const tr_options *opt,
    struct handoff *h, FILE *out, char *err, size_t errlen)
{
	return tr_pdf_render_lazy(doc, opt, h->want_pages ? &h->pages : NULL,
	    out, err, errlen);
}

static int render_epub(const tr_doc *doc, const tr_options *opt,
    struct handoff *h, FILE *out, char *err, size_t errlen)
{
	return tr_epub_render_lazy(doc, opt, h->pages.npages ? &h->pages :
	    NULL, out, err, errlen);
}

static int render_txt(const tr_doc *doc, const tr_options *opt,
    struct handoff *h, FILE *out, char *err, size_t errlen)
{
	(void)h;
	return tr_text_render(doc, opt, out, err, errlen);
}

static int render_json(const tr_doc *doc, const tr_options *opt,
    struct handoff *h, FILE *out, char *err, size_t errlen)
{
	(void)h;
	return tr_json_render(doc, opt, out, err, errlen);
}

typedef struct backend {
	const char *name;       /* "txt", "json", ... */
	const char *suffix;     /* ".txt" */
	bool can_stream;        /* may write to stdout */
	/* Returns 0, or -1 after describing the failure in err. */
	int (*render)(const tr_doc *doc, const tr_options *opt,
	    struct handoff *h, FILE *out, char *err, size_t errlen);
} tr_backend;

/* In the order they run: the PDF makes the page map the EPUB reads. */
static const tr_backend backends[] = {
	{ "pdf", ".pdf", false, render_pdf },
	{ "epub", ".epub", false, render_epub },
	{ "txt", ".txt", true, render_txt },
	{ "json", ".json", true, render_json },
};
#define NBACKENDS (int)(sizeof backends / sizeof backends[0])

/* An input as a file: no output may be written onto it. */
struct input_id {
	dev_t dev;
	ino_t ino;
};

struct cli {
	bool formats[NBACKENDS];
	struct input_id *inputs;        /* every input of the run */
	int ninputs;
	const char *outdir;
	const char *output;
	const char *lang;
	const char *opencc;     /* --opencc CONFIG, or NULL */
	tr_parse_options popt;  /* -M, --labels, --rename-speaker */
	int jobs;
	bool strict, quiet, verbose;
	bool update;            /* --update: only what is out of date */
	const char *report;     /* --report FILE */
	bool report_json;       /* --report-format json */
	tr_options opt;
};

/* What one conversion came to; shared with worker processes. */
struct result {
	int status;     /* 0 converted, 1 failed, -1 not run */
	int warnings;
	bool input_failed;      /* the input itself: every format failed */
	unsigned failed;        /* the formats (bits by backend) that failed */
	float seconds[NBACKENDS];
};

/* --report: each input's diagnostics, in memory the workers share */
#define REPORT_LOG_BYTES 4096

static const char *progname = "transcribe";

static void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: error: ", progname);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
	exit(EXIT_USAGE);
}

static void help(void)
{
	printf("Usage: %s [--epub] [--pdf] [--txt] [--json] [options] "
	    "INPUT.md...\n"
	    "Turn transcripts (Markdown, WebVTT, SRT, WhisperX JSON) into EPUB, "
	    "PDF, plain "
	    "text and JSON.\n"
	    "With no format flag: every format this build writes.\n\n"
	    "  -d, --outdir DIR      write DIR/NAME.{epub,pdf,txt,json} "
	    "(default .)\n"
	    "  -o, --output FILE     one input, one format; '-' = stdout\n"
	    "      --paper a4|a5|letter  PDF page size (default a4)\n"
	    "      --width N         text wrap columns (default 72, 0 = none)\n"
	    "      --lang TAG        override the detected language\n"
	    "  -M, --metadata KEY=VALUE  set metadata (title, date, source, "
	    "speakers...)\n"
	    "      --labels auto|bold  guess plain labels (default) or take "
	    "only\n"
	    "                        bold, timed and heading ones\n"
	    "      --rename-speaker OLD=NEW  rename a speaker\n"
	    "      --label-pattern RE  the file's label as a PCRE2 pattern, "
	    "with\n"
	    "                        groups (?<name>...) and (?<time>...)\n"
	    "      --pause SECONDS   captions: a pause this long starts a "
	    "paragraph (3)\n"
	    "      --opencc CONFIG   convert Chinese with OpenCC (s2twp: "
	    "Taiwan, s2hk,\n"
	    "                        t2s ...); the language follows\n"
	    "      --vertical        Chinese in columns, right to left "
	    "(EPUB, PDF)\n"
	    "      --style FILE      stylesheet instead of the default\n"
	    "      --embed-fonts     embed subset fonts in the EPUB\n"
	    "      --cover IMAGE     EPUB cover image (PNG or JPEG)\n"
	    "      --no-cover        no cover image\n"
	    "  -j, --jobs N          convert N inputs at once\n"
	    "      --shard K/N       convert only every Nth input, from the Kth\n"
	    "      --shard auto      K and N from the CI (GitLab, CircleCI, "
	    "Buildkite,\n"
	    "                        TRANSCRIBE_SHARD; auto/N: Kubernetes)\n"
	    "      --update          convert only inputs whose outputs are "
	    "missing, older,\n"
	    "                        or made otherwise (.transcribe-state)\n"
	    "      --report FILE     a JUnit XML report: a test case an input "
	    "and format\n"
	    "      --report-format junit|json\n"
	    "      --strict          treat warnings as errors\n"
	    "  -q, --quiet           print errors only\n"
	    "  -v, --verbose         name each file written\n"
	    "      --version         print the version\n"
	    "      --help            print this help\n\n"
	    "Exit status: 0 all converted, 1 some input failed, 2 usage "
	    "error.\nSee transcribe(1) and transcribe(5).\n", progname);
	exit(EXIT_OK);
}

static long parse_number(const char *s, const char *what, long lo, long hi)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		usage_error(what, s);
	return v;
}

static int backend_index(const char *name)
{
	for (int i = 0; i < NBACKENDS; i++)
		if (strcmp(backends[i].name, name) == 0)
			return i;
	return 0;
}

static char *read_input(const char *path, size_t *len, int *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp) {
		*err = errno;
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fp != stdin)
			fclose(fp);
		*err = EISDIR;
		return NULL;
	}
	tr_buf buf = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		tr_buf_put(&buf, chunk, n);
		if (buf.len > TR_MAX_INPUT_BYTES)
			break;
	}
	*err = ferror(fp) ? errno : 0;
	if (fp != stdin)
		fclose(fp);
	if (*err) {
		tr_buf_free(&buf);
		return NULL;
	}
	*len = buf.len;
	return buf.data ? buf.data : tr_xcalloc(1, 1);
}

/* NAME for INPUT: its file name without the Markdown suffix. */
static char *stem_of(const char *input)
{
	if (strcmp(input, "-") == 0)
		return tr_xstrdup("stdin");
	const char *base = strrchr(input, '/');
	base = base ? base + 1 : input;
	char *stem = tr_xstrdup(base);
	size_t n = strlen(stem);
	const char *suffixes[] = { ".md", ".markdown", ".txt", ".vtt", ".srt",
		".json" };
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && strcmp(stem + n - k, suffixes[i]) == 0) {
			stem[n - k] = '\0';
			break;
		}
	}
	return stem;
}

static char *output_path(const struct cli *cli, const char *input,
    const tr_backend *be)
{
	if (cli->output)
		return tr_xstrdup(cli->output);
	char *stem = stem_of(input);
	tr_buf path = { 0 };
	tr_buf_printf(&path, "%s/%s%s", cli->outdir, stem, be->suffix);
	free(stem);
	return path.data;
}

static bool is_an_input(const struct cli *cli, const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return false;
	for (int i = 0; i < cli->ninputs; i++)
		if (cli->inputs[i].dev == st.st_dev &&
		    cli->inputs[i].ino == st.st_ino)
			return true;
	return false;
}

static int nformats(const struct cli *cli)
{
	int n = 0;
	for (int i = 0; i < NBACKENDS; i++)
		n += cli->formats[i];
	return n;
}

/* The PDF, or the EPUB's drawn cover: the conversions that set type. */
static bool draws(const struct cli *cli)
{
	return cli->formats[backend_index("pdf")] ||
	    (cli->formats[backend_index("epub")] && !cli->opt.no_cover &&
	    !cli->opt.cover);
}

struct glyph_report {
	tr_diag *diag;
	const char *name;
};

static void report_glyph(void *ctx, uint32_t cp, int line, int col)
{
	struct glyph_report *r = ctx;
	char arg[16];
	snprintf(arg, sizeof arg, "U+%04X", (unsigned)cp);
	tr_diag_emit(r->diag, TR_W_NO_GLYPH, r->name, line, col, arg);
}

static void check_glyphs(const tr_doc *doc, tr_diag *diag, const char *name)
{
	char err[256];
	const tr_gfx *gfx = tr_gfx_load(err, sizeof err);
	if (!gfx)
		return; /* the PDF will say why it cannot load */
	struct glyph_report r = { diag, name };
	gfx->missing_glyphs(doc, report_glyph, &r);
}

/* OpenCC's configurations (Debian's libopencc-data) and the language
 * each gives the text it converts. */
static const struct {
	const char *config, *lang;
} opencc_configs[] = {
	{ "s2t", "zh-Hant" }, { "s2tw", "zh-Hant-TW" },
	{ "s2twp", "zh-Hant-TW" }, { "s2hk", "zh-Hant-HK" },
	{ "t2s", "zh-Hans" }, { "tw2s", "zh-Hans" }, { "tw2sp", "zh-Hans" },
	{ "hk2s", "zh-Hans" }, { "t2tw", "zh-Hant-TW" },
	{ "t2hk", "zh-Hant-HK" },
};

static const char *opencc_lang(const char *config)
{
	for (size_t i = 0; i < sizeof opencc_configs / sizeof *opencc_configs;
	    i++)
		if (strcmp(opencc_configs[i].config, config) == 0)
			return opencc_configs[i].lang;
	return NULL;
}

/* The tree's text through OpenCC (transcribe-opencc.so, loaded on
 * first use); the language follows unless --lang says otherwise. */
static int apply_opencc(const struct cli *cli, tr_doc *doc, char *err,
    size_t errlen)
{
	typedef int convert_fn(tr_doc *, const char *, char *, size_t);
	convert_fn *fn = (convert_fn *)(uintptr_t)tr_module_symbol(
	    "transcribe-opencc.so", "tr_opencc_convert", err, errlen);
	if (!fn || fn(doc, cli->opencc, err, errlen) != 0)
		return -1;
	if (!cli->lang)
		doc->lang = opencc_lang(cli->opencc);
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The diagnostics of an input into its slot of the report's memory,
 * cut at a line's end when they do not fit. */
static void keep_log(char *slot, const tr_buf *log)
{
	if (!slot)
		return;
	size_t n = log->len < REPORT_LOG_BYTES - 1 ? log->len :
	    REPORT_LOG_BYTES - 1;
	while (n < log->len && n > 0 && log->data[n - 1] != '\n')
		n--;
	if (n)
		memcpy(slot, log->data, n);
	slot[n] = '\0';
}

static int convert_doc(const struct cli *cli, const char *input,
    struct result *res, tr_diag *diag, double t0);

static int convert(const struct cli *cli, const char *input,
    struct result *res, char *log_slot)
{
	tr_diag diag;
	tr_diag_init(&diag, stderr);
	diag.quiet = cli->quiet;
	diag.verbose = cli->verbose;
	tr_buf log = { 0 };
	if (log_slot)
		diag.log = &log;
	int rc = convert_doc(cli, input, res, &diag, now());
	keep_log(log_slot, &log);
	tr_buf_free(&log);
	return rc;
}

static int convert_doc(const struct cli *cli, const char *input,
    struct result *res, tr_diag *diag, double t0)
{
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	size_t len = 0;
	int err = 0;
	char *data = read_input(input, &len, &err);
	if (!data) {
		tr_diag_emit(diag, TR_E_READ, name, 0, 0, strerror(err));
		res->status = 1;
		res->input_failed = true;
		return 1;
	}
	tr_parse_options popt = cli->popt;
	popt.lang = cli->lang;
	tr_doc *doc = tr_parse(name, data, len, &popt, diag);
	free(data);
	if (doc && cli->opencc) {
		char msg[512];
		if (apply_opencc(cli, doc, msg, sizeof msg) != 0) {
			tr_diag_emit(diag, TR_E_FORMAT, name, 0, 0, msg);
			tr_doc_free(doc);
			doc = NULL;
		}
	}
	if (doc && cli->opt.vertical && !tr_doc_vertical(doc, &cli->opt))
		tr_diag_emit(diag, TR_W_VERTICAL, name, 0, 0, doc->lang);
	/* what would print as a box, before anything is written: with
	 * --strict it is a failure */
	if (doc && draws(cli))
		check_glyphs(doc, diag, name);
	res->warnings = diag->warnings;
	if (doc && cli->strict && diag->warnings) {
		char arg[32];
		snprintf(arg, sizeof arg, "%d warning%s", diag->warnings,
		    diag->warnings == 1 ? "" : "s");
		tr_diag_emit(diag, TR_E_STRICT, name, 0, 0, arg);
		tr_doc_free(doc);
		doc = NULL;
	}
	if (!doc) {
		res->status = 1;
		res->input_failed = true;
		return 1;
	}
	/* the reading is shared by the formats' times */
	double per_format = (now() - t0) / (nformats(cli) ? nformats(cli) : 1);
	struct handoff handoff = { 0 };
	char *pdf_name = NULL;
	if (cli->formats[backend_index("pdf")] &&
	    cli->formats[backend_index("epub")]) {
		char *path = output_path(cli, input, &backends[backend_index("pdf")]);
		const char *base = strrchr(path, '/');
		static const char *papers[] = { "A4", "A5", "Letter" };
		tr_buf src = { 0 };
		/* the PDF's name as text (the EPUB cites it) */
		base = base ? base + 1 : path;
		tr_utf8_clean(base, strlen(base), &src);
		tr_buf_printf(&src, " (%s PDF handout)", papers[cli->opt.paper]);
		pdf_name = src.data;
		free(path);
		handoff.pages.source = pdf_name;
		handoff.want_pages = true;
	}
	for (int i = 0; i < NBACKENDS; i++) {
		if (!cli->formats[i])
			continue;
		const tr_backend *be = &backends[i];
		char *path = output_path(cli, input, be);
		tr_output out;
		char msg[512] = "";
		double started = now();
		bool failed = true;
		if (is_an_input(cli, path)) {
			/* compared as files, not as names: notes.txt, ./notes.txt
			 * and a link to it are one file */
			tr_diag_emit(diag, TR_E_OVERWRITE, name, 0, 0, "");
		} else if (tr_output_open(&out, path) != 0) {
			snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
			tr_diag_emit(diag, TR_E_WRITE, name, 0, 0, msg);
		} else if (be->render(doc, &cli->opt, &handoff, out.fp, msg,
		    sizeof msg) != 0) {
			tr_output_abort(&out);
			char full[600];
			snprintf(full, sizeof full, "%s: %s", path, msg);
			tr_diag_emit(diag, TR_E_FORMAT, name, 0, 0, full);
		} else if (tr_output_commit(&out) != 0) {
			snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
			tr_diag_emit(diag, TR_E_WRITE, name, 0, 0, msg);
		} else {
			failed = false;
			if (cli->verbose && strcmp(path, "-") != 0)
				fprintf(stderr, "%s: wrote %s\n", progname, path);
		}
		if (failed)
			res->failed |= 1u << i;
		res->seconds[i] = (float)(per_format + now() - started);
		free(path);
	}
	tr_page_map_free(&handoff.pages);
	free(pdf_name);
	tr_doc_free(doc);
	res->status = res->failed != 0;
	return res->status;
}

/* Progress on stderr: a bar at a terminal, plain lines elsewhere (CI
 * logs), nothing with -q. */
static void progress(const struct cli *cli, int done, int total,
    const char *name, const struct result *r)
{
	if (cli->quiet || total < 2)
		return;
	if (isatty(STDERR_FILENO)) {
		const int width = 30;
		int fill = done * width / total;
		fprintf(stderr, "\r\033[K[%.*s%*s] %d/%d %s", fill,
		    "==============================", width - fill, "", done,
		    total, name);
		if (done == total)
			fputc('\n', stderr);
	} else {
		fprintf(stderr, "%s: [%d/%d] %s %s\n", progname, done, total,
		    r->status == 0 ? "converted" : "FAILED", name);
	}
	fflush(stderr);
}

/* Interrupted (Ctrl-C, a CI timeout's SIGTERM, a closed terminal): the
 * temporary file being written goes, the parent's workers are told, and
 * the process ends by the same signal, as the caller expects. */
static pid_t *signal_workers;
static int nsignal_workers;
/* --report: the parent of a batch stops its workers and returns, to
 * report what finished before it ends by the signal */
static bool defer_signals;
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	for (int k = 0; k < nsignal_workers; k++)
		if (signal_workers[k] > 0)
			kill(signal_workers[k], sig);
	if (defer_signals) {
		interrupted = sig;
		return;
	}
	tr_temp_remove_all(NULL);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* After the report: the end the signal asked for. */
static void end_interrupted(void)
{
	if (!interrupted)
		return;
	tr_temp_remove_all(NULL);
	signal(interrupted, SIG_DFL);
	raise(interrupted);
}

static void catch_signals(void)
{
	/* a file over ulimit -f: the write fails (EFBIG) and is reported,
	 * the rest of a batch goes on */
	signal(SIGXFSZ, SIG_IGN);
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction sa = { 0 };
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

/* What the workers of a batch share, in memory mapped by all of them. */
struct pool {
	int next;               /* the next input to take, taken atomically */
	tr_temp_list *temps;    /* per worker: its temporary files, by name */
	int current[];          /* per worker: the input it converts, or -1 */
};

/* A worker takes inputs until none is left, converting each in this
 * process, so modules and fonts load once per worker, not per input.
 * It tells the parent of each finished input through done_fd. */
static char *log_slot(char *logs, int i)
{
	return logs ? logs + (size_t)i * REPORT_LOG_BYTES : NULL;
}

static void worker(const struct cli *cli, char **inputs, int n,
    struct result *results, char *logs, struct pool *pool, int slot,
    int done_fd)
{
	for (;;) {
		int i = __atomic_fetch_add(&pool->next, 1, __ATOMIC_SEQ_CST);
		if (i >= n)
			break;
		pool->current[slot] = i;
		convert(cli, inputs[i], &results[i], log_slot(logs, i));
		fflush(NULL);
		pool->current[slot] = -1;
		if (write(done_fd, &i, sizeof i) != sizeof i)
			break;
	}
	_exit(0);
}

/* Runs conversions in jobs worker processes: fontconfig and Pango keep
 * per-process state, so processes are the safe unit.  Results land in
 * shared memory; outputs are the same bytes as converting each input
 * alone.  A worker that dies loses only the input it was converting:
 * that input fails, and a new round of workers takes the rest. */
static void run_parallel(const struct cli *cli, char **inputs, int n,
    struct result *results, char *logs)
{
	size_t size = sizeof(struct pool) + sizeof(int) * (size_t)cli->jobs;
	size_t temps_size = sizeof(tr_temp_list) * (size_t)cli->jobs;
	struct pool *pool = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	tr_temp_list *temps = mmap(NULL, temps_size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	/* both, or neither: then the inputs are converted here */
	if (temps == MAP_FAILED || pool == MAP_FAILED) {
		if (pool != MAP_FAILED)
			munmap(pool, size);
		if (temps != MAP_FAILED)
			munmap(temps, temps_size);
		pool = MAP_FAILED;
	}
	pid_t *pids = tr_xcalloc((size_t)cli->jobs, sizeof(pid_t));
	signal_workers = pids;
	nsignal_workers = cli->jobs;
	int done = 0;
	if (pool == MAP_FAILED)
		pool = NULL;
	else
		pool->next = 0;
	while (pool && pool->next < n && !interrupted) {
		int fds[2];
		if (pipe(fds) != 0)
			break;
		int started = 0;
		fflush(NULL);
		for (int k = 0; k < cli->jobs && k < n - pool->next; k++) {
			pool->current[k] = -1;
			pids[k] = fork();
			if (pids[k] == 0) {
				nsignal_workers = 0; /* a worker has none */
				defer_signals = false;
				tr_temp_use(&temps[k]);
				close(fds[0]);
				worker(cli, inputs, n, results, logs, pool, k,
				    fds[1]);
			}
			started += pids[k] > 0;
		}
		close(fds[1]);
		int i;
		ssize_t got;
		while ((got = read(fds[0], &i, sizeof i)) == sizeof i ||
		    (got < 0 && errno == EINTR && !interrupted))
			if (got == sizeof i && i >= 0 && i < n)
				progress(cli, ++done, n, inputs[i], &results[i]);
		close(fds[0]);
		for (int k = 0; k < cli->jobs; k++) {
			if (pids[k] <= 0)
				continue;
			while (waitpid(pids[k], NULL, 0) < 0 && errno == EINTR)
				;
			pids[k] = 0;
			int lost = pool->current[k];
			/* interrupted: what was under way is not done, and is
			 * not reported */
			if (lost < 0 || interrupted)
				continue;
			tr_diag died;
			tr_diag_init(&died, stderr);
			tr_buf log = { 0 };
			died.log = &log;        /* the report says it too */
			tr_diag_emit(&died, TR_E_ABNORMAL, inputs[lost], 0, 0, "");
			keep_log(log_slot(logs, lost), &log);
			tr_buf_free(&log);
			results[lost].status = 1;
			results[lost].input_failed = true;
			/* what it was writing, by exact name */
			tr_temp_remove_all(&temps[k]);
			progress(cli, ++done, n, inputs[lost], &results[lost]);
		}
		if (!started)
			break;
	}
	/* no processes to be had: convert the rest here */
	for (int i = 0; i < n && !interrupted; i++) {
		if (results[i].status != -1)
			continue;
		convert(cli, inputs[i], &results[i], log_slot(logs, i));
		progress(cli, ++done, n, inputs[i], &results[i]);
	}
	nsignal_workers = 0;
	free(pids);
	if (pool) {
		munmap(pool, size);
		munmap(temps, temps_size);
	}
}

/* -d DIR as mkdir -p makes it: parents too, and a folder that another
 * process (a parallel shard) made meanwhile is no failure. */
static void make_outdir(const char *dir)
{
	char *path = tr_xstrdup(dir);
	for (char *p = path + 1;; p++) {
		if (*p && *p != '/')
			continue;
		char c = *p;
		*p = '\0';
		struct stat st;
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			char why[600];
			snprintf(why, sizeof why, "cannot create output folder "
			    "'%s': %s", path, strerror(errno));
			usage_error("%s", why);
		}
		if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			usage_error("'%s' is not a folder", path);
		*p = c;
		if (!c)
			break;
	}
	free(path);
}

static int compare_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Two inputs named alike would overwrite each other's outputs. */
static void check_unique_names(char **inputs, int n)
{
	char **stems = tr_xcalloc((size_t)n, sizeof(char *));
	for (int i = 0; i < n; i++)
		stems[i] = stem_of(inputs[i]);
	qsort(stems, (size_t)n, sizeof(char *), compare_str);
	for (int i = 1; i < n; i++)
		if (strcmp(stems[i - 1], stems[i]) == 0)
			usage_error("two inputs are named '%s'; their outputs "
			    "would collide", stems[i]);
	for (int i = 0; i < n; i++)
		free(stems[i]);
	free(stems);
}


/* ---- --update and --report -------------------------------------------- */

/* The folder the outputs go to (and the state file lives in). */
static char *folder_of(const struct cli *cli)
{
	if (!cli->output)
		return tr_xstrdup(cli->outdir);
	const char *slash = strrchr(cli->output, '/');
	if (!slash)
		return tr_xstrdup(".");
	tr_buf dir = { 0 };
	tr_buf_put(&dir, cli->output, slash == cli->output ? 1 :
	    (size_t)(slash - cli->output));
	return dir.data;
}

/* The version and every option that changes what is written in format
 * f, as a key: an output made with another key is out of date.  An
 * EPUB written beside its PDF differs (its page-list). */
static void options_key(const struct cli *cli, int f, char *key,
    size_t len)
{
	tr_buf o = { 0 };
	tr_buf_printf(&o, "format=%s\n", backends[f].name);
	if (f == backend_index("epub") && cli->formats[backend_index("pdf")])
		tr_buf_puts(&o, "page-list\n");
	const tr_options *t = &cli->opt;
	tr_buf_printf(&o, "paper=%d\nwidth=%d\nembed=%d\nnocover=%d\n"
	    "vertical=%d\nepoch=%lld\nlabels_bold=%d\npause=%.17g\n",
	    (int)t->paper, t->width, t->embed_fonts, t->no_cover, t->vertical,
	    t->epoch, cli->popt.labels_bold, cli->popt.pause);
	tr_buf_printf(&o, "label_pattern=%s\n", cli->popt.label_pattern ?
	    cli->popt.label_pattern : "");
	tr_buf_printf(&o, "lang=%s\nopencc=%s\nstyle=%s\ncover=%s\n",
	    cli->lang ? cli->lang : "", cli->opencc ? cli->opencc : "",
	    t->style ? t->style : "", t->cover ? t->cover : "");
	for (int i = 0; i < cli->popt.nmeta; i++)
		tr_buf_printf(&o, "M=%s=%s\n", cli->popt.meta[i].key,
		    cli->popt.meta[i].value);
	for (int i = 0; i < cli->popt.nrenames; i++)
		tr_buf_printf(&o, "rename=%s=%s\n", cli->popt.renames[i].key,
		    cli->popt.renames[i].value);
	uint8_t d[20];
	tr_sha1(o.data, o.len, d);
	tr_buf_free(&o);
	int n = snprintf(key, len, "%s:", TR_VERSION);
	for (int i = 0; i < 20 && n + 2 < (int)len; i++, n += 2)
		snprintf(key + n, len - (size_t)n, "%02x", d[i]);
}

static bool newer(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
	    (a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec > b->st_mtim.tv_nsec);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* make's rule, and the state's: every requested output there, none
 * older than the input (or the stylesheet and cover it was made
 * with), each written with these options by this version. */
static bool up_to_date(const struct cli *cli, const tr_state *state,
    char keys[][80], const char *input)
{
	struct stat in, extra[2];
	const char *extras[2] = { cli->opt.style, cli->opt.cover };
	if (strcmp(input, "-") == 0 || stat(input, &in) != 0)
		return false;
	for (int e = 0; e < 2; e++)
		if (extras[e] && stat(extras[e], &extra[e]) != 0)
			return false;
	for (int i = 0; i < NBACKENDS; i++) {
		if (!cli->formats[i])
			continue;
		char *path = output_path(cli, input, &backends[i]);
		struct stat out;
		bool ok = stat(path, &out) == 0 && !newer(&in, &out) &&
		    tr_state_matches(state, base_name(path), keys[i]);
		for (int e = 0; e < 2 && ok; e++)
			ok = !extras[e] || !newer(&extra[e], &out);
		free(path);
		if (!ok)
			return false;
	}
	return true;
}

/* Every output this run wrote, with the key it was written with. */
static void record_state(const struct cli *cli, tr_state *state,
    char keys[][80], char **inputs, int n, const struct result *results)
{
	for (int j = 0; j < n; j++) {
		if (results[j].status < 0 || results[j].input_failed)
			continue;
		for (int i = 0; i < NBACKENDS; i++) {
			if (!cli->formats[i] || (results[j].failed & (1u << i)))
				continue;
			char *path = output_path(cli, inputs[j], &backends[i]);
			tr_state_set(state, base_name(path), keys[i]);
			free(path);
		}
	}
}

/* tr_report_write, from transcribe-report.so (libxml2's writer): only a
 * run with --report maps it. */
static int report_write(const char *path, bool json,
    const tr_report_case *cases, int n, double seconds, char *err,
    size_t errlen)
{
	typedef int write_fn(const char *, bool, const tr_report_case *, int,
	    double, char *, size_t);
	write_fn *fn = (write_fn *)(uintptr_t)tr_module_symbol(
	    "transcribe-report.so", "tr_report_write", err, errlen);
	return fn ? fn(path, json, cases, n, seconds, err, errlen) : -1;
}

/* A test case for each input and format: what was converted, what was
 * up to date, what failed; inputs an interruption left are not in it. */
static int write_report(const struct cli *cli, char **inputs, int n,
    const bool *fresh, const int *todo_of, int ntodo,
    const struct result *results, const char *logs, double seconds)
{
	int *job = tr_xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++)
		job[i] = -1;
	for (int j = 0; j < ntodo; j++)
		job[todo_of[j]] = j;
	tr_report_case *cases = tr_xcalloc((size_t)n * NBACKENDS + 1,
	    sizeof(*cases));
	int ncases = 0;
	for (int i = 0; i < n; i++) {
		int j = job[i];
		if (!fresh[i] && (j < 0 || results[j].status < 0))
			continue;
		for (int f = 0; f < NBACKENDS; f++) {
			if (!cli->formats[f])
				continue;
			tr_report_case *c = &cases[ncases++];
			c->input = inputs[i];
			c->format = backends[f].name;
			c->up_to_date = fresh[i];
			c->log = fresh[i] ? "" : logs + (size_t)j * REPORT_LOG_BYTES;
			if (!fresh[i]) {
				c->seconds = results[j].seconds[f];
				c->failed = results[j].input_failed ||
				    (results[j].failed & (1u << f));
			}
		}
	}
	char err[600];
	int rc = report_write(cli->report, cli->report_json, cases, ncases,
	    seconds, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "%s: error: cannot write the report: %s\n",
		    progname, err);
	free(cases);
	free(job);
	return rc;
}

/* Fresh memory costs a page fault every 4 KB, and on a virtual machine
 * a fault costs about 10 us: an EPUB with its cover touched a thousand
 * pages, a third of its time.  zlib's streams (one per zip entry, per
 * PDF object) are a few hundred KB each, taken and given back many
 * times a conversion, so the heap grows 16 MB at a time (address space,
 * not memory) and big blocks come from it rather than from mmap; then
 * the heap asks for transparent huge pages, 2 MB a fault.  (glibc's own
 * glibc.malloc.hugetlb tunable does the same, but only from the
 * environment.) */
static void prepare_heap(void)
{
#ifdef __GLIBC__
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2 << 20;
	void *first = malloc(1); /* grows the heap by the pad */
	uintptr_t lo = ((uintptr_t)first + huge - 1) & ~(huge - 1);
	uintptr_t hi = (uintptr_t)sbrk(0) & ~(huge - 1);
	if (first && hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice only */
	free(first);
#endif
#endif
}

int main(int argc, char **argv)
{
	prepare_heap();
	enum { O_EPUB = 256, O_PDF, O_TXT, O_JSON, O_PAPER, O_WIDTH, O_LANG,
		O_STYLE, O_EMBED, O_COVER, O_NOCOVER, O_STRICT, O_SHARD, O_VERSION,
		O_HELP, O_LABELS, O_RENAME, O_PAUSE, O_OPENCC, O_VERTICAL,
		O_UPDATE, O_REPORT, O_REPORT_FORMAT, O_LABEL_PATTERN };
	static const struct option longopts[] = {
		{ "epub", no_argument, NULL, O_EPUB },
		{ "pdf", no_argument, NULL, O_PDF },
		{ "txt", no_argument, NULL, O_TXT },
		{ "json", no_argument, NULL, O_JSON },
		{ "outdir", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "paper", required_argument, NULL, O_PAPER },
		{ "width", required_argument, NULL, O_WIDTH },
		{ "lang", required_argument, NULL, O_LANG },
		{ "metadata", required_argument, NULL, 'M' },
		{ "labels", required_argument, NULL, O_LABELS },
		{ "rename-speaker", required_argument, NULL, O_RENAME },
		{ "label-pattern", required_argument, NULL, O_LABEL_PATTERN },
		{ "pause", required_argument, NULL, O_PAUSE },
		{ "opencc", required_argument, NULL, O_OPENCC },
		{ "vertical", no_argument, NULL, O_VERTICAL },
		{ "style", required_argument, NULL, O_STYLE },
		{ "embed-fonts", no_argument, NULL, O_EMBED },
		{ "cover", required_argument, NULL, O_COVER },
		{ "no-cover", no_argument, NULL, O_NOCOVER },
		{ "jobs", required_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "shard", required_argument, NULL, O_SHARD },
		{ "update", no_argument, NULL, O_UPDATE },
		{ "report", required_argument, NULL, O_REPORT },
		{ "report-format", required_argument, NULL, O_REPORT_FORMAT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, O_VERSION },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { .outdir = ".", .jobs = 1 };
	cli.opt.width = 72;
	cli.opt.paper = TR_PAPER_A4;
	cli.opt.epoch = -1;
	bool any_format = false;
	const char *shard_arg = NULL;
	int c;
	opterr = 0;
	/* -M and --rename-speaker: as many as there are arguments */
	tr_pair *meta = tr_xcalloc((size_t)argc, sizeof(tr_pair));
	tr_pair *renames = tr_xcalloc((size_t)argc, sizeof(tr_pair));
	cli.popt.meta = meta;
	cli.popt.renames = renames;
	while ((c = getopt_long(argc, argv, ":d:o:j:qvM:", longopts, NULL)) != -1) {
		switch (c) {
		case O_EPUB:
		case O_PDF:
		case O_TXT:
		case O_JSON: {
			static const char *names[] = { "epub", "pdf", "txt", "json" };
			cli.formats[backend_index(names[c - O_EPUB])] = true;
			any_format = true;
			break;
		}
		case 'd':
			cli.outdir = optarg;
			break;
		case 'o':
			cli.output = optarg;
			break;
		case O_PAPER:
			if (strcmp(optarg, "a4") == 0)
				cli.opt.paper = TR_PAPER_A4;
			else if (strcmp(optarg, "a5") == 0)
				cli.opt.paper = TR_PAPER_A5;
			else if (strcmp(optarg, "letter") == 0)
				cli.opt.paper = TR_PAPER_LETTER;
			else
				usage_error("unknown paper size '%s' (a4, a5 or "
				    "letter)", optarg);
			break;
		case O_WIDTH:
			cli.opt.width = (int)parse_number(optarg,
			    "--width takes a whole number from 0 to 10000, not "
			    "'%s'", 0, 10000);
			break;
		case O_LANG:
			if (!tr_lang_tag_valid(optarg))
				usage_error("'%s' is not a language tag", optarg);
			cli.lang = optarg;
			break;
		case O_STYLE:
			cli.opt.style = optarg;
			break;
		case 'M':
		case O_RENAME: {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				usage_error(c == 'M' ? "-M takes KEY=VALUE, not '%s'" :
				    "--rename-speaker takes OLD=NEW, not '%s'", optarg);
			*eq = '\0';
			tr_pair pair = { optarg, eq + 1 };
			if (c == 'M')
				meta[cli.popt.nmeta++] = pair;
			else
				renames[cli.popt.nrenames++] = pair;
			break;
		}
		case O_VERTICAL:
			cli.opt.vertical = true;
			break;
		case O_OPENCC:
			if (!opencc_lang(optarg))
				usage_error("--opencc takes one of s2t, s2tw, s2twp, "
				    "s2hk, t2s, tw2s, tw2sp, hk2s, t2tw, t2hk; not "
				    "'%s'", optarg);
			cli.opencc = optarg;
			break;
		case O_PAUSE: {
			char *end;
			double v = strtod(optarg, &end);
			if (end == optarg || *end || !(v > 0 && v <= 86400))
				usage_error("--pause takes seconds (over 0, at "
				    "most 86400), not '%s'", optarg);
			cli.popt.pause = v;
			break;
		}
		case O_LABELS:
			if (strcmp(optarg, "bold") == 0)
				cli.popt.labels_bold = true;
			else if (strcmp(optarg, "auto") != 0)
				usage_error("--labels takes auto or bold, not '%s'",
				    optarg);
			break;
		case O_LABEL_PATTERN: {
			char why[200], msg[320];
			int col;
			if (!tr_label_pattern_check(optarg, why, sizeof why, &col)) {
				snprintf(msg, sizeof msg, "--label-pattern, column %d: %s",
				    col, why);
				usage_error("%s", msg);
			}
			cli.popt.label_pattern = optarg;
			break;
		}
		case O_EMBED:
			cli.opt.embed_fonts = true;
			break;
		case O_COVER:
			cli.opt.cover = optarg;
			break;
		case O_NOCOVER:
			cli.opt.no_cover = true;
			break;
		case 'j':
			cli.jobs = (int)parse_number(optarg,
			    "--jobs takes a whole number from 1 to 256, not '%s'",
			    1, 256);
			break;
		case O_SHARD:
			shard_arg = optarg;
			break;
		case O_UPDATE:
			cli.update = true;
			break;
		case O_REPORT:
			cli.report = optarg;
			break;
		case O_REPORT_FORMAT:
			if (strcmp(optarg, "json") == 0)
				cli.report_json = true;
			else if (strcmp(optarg, "junit") != 0 &&
			    strcmp(optarg, "xml") != 0)
				usage_error("--report-format takes junit or json, "
				    "not '%s'", optarg);
			break;
		case O_STRICT:
			cli.strict = true;
			break;
		case 'q':
			cli.quiet = true;
			break;
		case 'v':
			cli.verbose = true;
			break;
		case O_VERSION:
			printf("transcribe %s\n", TR_VERSION);
			free(meta);
			free(renames);
			return EXIT_OK;
		case O_HELP:
			help();
			break;
		case ':':
			usage_error("option '%s' needs an argument",
			    argv[optind - 1]);
			break;
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	int ninputs = argc - optind;
	char **inputs = argv + optind;
	if (ninputs == 0)
		usage_error("no input file%s", "");
	check_unique_names(inputs, ninputs);
	/* --shard K/N: every Nth input from the Kth, so that N machines
	 * share a folder with no coordination.  Counted in byte order of
	 * the names, not the order given: shells sort globs by locale, and
	 * two machines must agree on who converts what. */
	tr_shard shard = { 1, 1, "" };
	if (shard_arg) {
		char why[300];
		if (tr_shard_parse(shard_arg, &shard, why, sizeof why) != 0)
			usage_error("%s", why);
		if (cli.verbose)
			fprintf(stderr, "%s: shard %d of %d (%s): %s\n", progname,
			    shard.k, shard.n, shard.from, shard.n == 1 ?
			    "converting every input" : "every input in turn");
	}
	if (shard.n > 1) {
		qsort(inputs, (size_t)ninputs, sizeof *inputs, compare_str);
		int kept = 0;
		for (int i = 0; i < ninputs; i++)
			if (i % shard.n == shard.k - 1)
				inputs[kept++] = inputs[i];
		ninputs = kept;
		if (ninputs == 0) {
			/* nothing for this shard: a CI that collects the
			 * report still finds one */
			char err[600];
			int rc = cli.report ? report_write(cli.report,
			    cli.report_json, NULL, 0, 0, err, sizeof err) : 0;
			if (rc != 0)
				fprintf(stderr, "%s: error: cannot write the "
				    "report: %s\n", progname, err);
			free(meta);
			free(renames);
			return rc ? EXIT_FAILED : EXIT_OK;
		}
	}
	if (!any_format)
		for (int i = 0; i < NBACKENDS; i++)
			cli.formats[i] = backends[i].render &&
			    strcmp(backends[i].name, "json") != 0;
	int nformats = 0;
	for (int i = 0; i < NBACKENDS; i++) {
		if (!cli.formats[i])
			continue;
		nformats++;
		if (!backends[i].render)
			usage_error("the %s output is not available in this "
			    "build yet", backends[i].name);
		if (cli.output && strcmp(cli.output, "-") == 0 &&
		    !backends[i].can_stream)
			usage_error("%s output cannot go to standard output",
			    backends[i].name);
	}
	if (cli.output && (ninputs != 1 || nformats != 1))
		usage_error("--output takes exactly one input and one format%s",
		    "");
	if (!cli.output)
		make_outdir(cli.outdir);
	/* the inputs as files, so that no output lands on one */
	cli.inputs = tr_xcalloc((size_t)ninputs, sizeof(struct input_id));
	for (int i = 0; i < ninputs; i++) {
		struct stat st;
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0)
			cli.inputs[cli.ninputs++] = (struct input_id){ st.st_dev,
				st.st_ino };
	}
	/* year 9999 at most: every output can write the date */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch)
		cli.opt.epoch = parse_number(epoch,
		    "SOURCE_DATE_EPOCH must be a number of seconds from 0 to "
		    "253402300799 (the end of 9999), not '%s'", 0,
		    253402300799L);

	/* --update: what is up to date is left alone */
	tr_state *state = NULL;
	char keys[NBACKENDS][80];
	char *state_dir = NULL;
	bool *fresh = tr_xcalloc((size_t)ninputs, sizeof(bool));
	int nfresh = 0;
	if (cli.update) {
		if (cli.output && strcmp(cli.output, "-") == 0)
			usage_error("--update needs outputs in files, not standard "
			    "output%s", "");
		state_dir = folder_of(&cli);
		state = tr_state_load(state_dir);
		for (int f = 0; f < NBACKENDS; f++)
			options_key(&cli, f, keys[f], sizeof keys[f]);
		for (int i = 0; i < ninputs; i++)
			nfresh += fresh[i] = up_to_date(&cli, state, keys, inputs[i]);
	}
	int ntodo = 0;
	char **todo = tr_xcalloc((size_t)ninputs + 1, sizeof(char *));
	int *todo_of = tr_xcalloc((size_t)ninputs + 1, sizeof(int));
	for (int i = 0; i < ninputs; i++)
		if (!fresh[i]) {
			todo_of[ntodo] = i;
			todo[ntodo++] = inputs[i];
		}

	catch_signals();
	double t0 = now();
	size_t results_size = sizeof(struct result) * (size_t)(ntodo ? ntodo : 1);
	size_t logs_size = cli.report ? (size_t)(ntodo ? ntodo : 1) *
	    REPORT_LOG_BYTES : 0;
	struct result *results = mmap(NULL, results_size, PROT_READ |
	    PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *logs = logs_size ? mmap(NULL, logs_size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0) : NULL;
	if (results == MAP_FAILED || logs == MAP_FAILED) {
		perror(progname);
		return EXIT_FAILED;
	}
	for (int i = 0; i < ntodo; i++)
		results[i] = (struct result){ .status = -1 };
	/* with a report, workers convert even one input, so that this
	 * process can report what finished when a signal comes */
	defer_signals = cli.report != NULL;
	if (ntodo > 0 && ((cli.jobs > 1 && ntodo > 1) || cli.report))
		run_parallel(&cli, todo, ntodo, results, logs);
	else
		for (int i = 0; i < ntodo; i++) {
			convert(&cli, todo[i], &results[i], NULL);
			progress(&cli, i + 1, ntodo, todo[i], &results[i]);
		}

	int converted = 0, failed = 0, warnings = 0;
	for (int i = 0; i < ntodo; i++) {
		if (results[i].status == 0)
			converted++;
		else if (results[i].status > 0)
			failed++;
		warnings += results[i].warnings;
	}
	if (state) {
		record_state(&cli, state, keys, todo, ntodo, results);
		char why[600];
		if (tr_state_save(state, state_dir, why, sizeof why) != 0)
			fprintf(stderr, "%s: warning: %s; the next --update "
			    "converts everything again\n", progname, why);
	}
	if (cli.report && write_report(&cli, inputs, ninputs, fresh, todo_of,
	    ntodo, results, logs, now() - t0) != 0)
		failed++;
	if ((ninputs > 1 || cli.update) && !cli.quiet) {
		tr_buf line = { 0 };
		tr_buf_printf(&line, "%s: %d converted, ", progname, converted);
		if (cli.update)
			tr_buf_printf(&line, "%d up to date, ", nfresh);
		tr_buf_printf(&line, "%d failed, %d warning%s, %.2f s%s\n", failed,
		    warnings, warnings == 1 ? "" : "s", now() - t0,
		    interrupted ? " (interrupted)" : "");
		fputs(line.data, stderr);
		tr_buf_free(&line);
	}
	end_interrupted();
	munmap(results, results_size);
	if (logs)
		munmap(logs, logs_size);
	tr_state_free(state);
	free(state_dir);
	free(fresh);
	free(todo);
	free(todo_of);
	free(cli.inputs);
	free(meta);
	free(renames);
	return failed ? EXIT_FAILED : EXIT_OK;
}
