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
	tr_options opt;
};

/* What one conversion came to; shared with worker processes. */
struct result {
	int status;     /* 0 converted, 1 failed, -1 not run */
	int warnings;
};

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

static int convert(const struct cli *cli, const char *input,
    struct result *res)
{
	tr_diag diag;
	tr_diag_init(&diag, stderr);
	diag.quiet = cli->quiet;
	diag.verbose = cli->verbose;
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	size_t len = 0;
	int err = 0;
	char *data = read_input(input, &len, &err);
	if (!data) {
		tr_diag_emit(&diag, TR_E_READ, name, 0, 0, strerror(err));
		res->status = 1;
		return 1;
	}
	tr_parse_options popt = cli->popt;
	popt.lang = cli->lang;
	tr_doc *doc = tr_parse(name, data, len, &popt, &diag);
	free(data);
	if (doc && cli->opencc) {
		char msg[512];
		if (apply_opencc(cli, doc, msg, sizeof msg) != 0) {
			tr_diag_emit(&diag, TR_E_FORMAT, name, 0, 0, msg);
			tr_doc_free(doc);
			doc = NULL;
		}
	}
	if (doc && cli->opt.vertical && !tr_doc_vertical(doc, &cli->opt))
		tr_diag_emit(&diag, TR_W_VERTICAL, name, 0, 0, doc->lang);
	/* what would print as a box, before anything is written: with
	 * --strict it is a failure */
	if (doc && draws(cli))
		check_glyphs(doc, &diag, name);
	res->warnings = diag.warnings;
	if (doc && cli->strict && diag.warnings) {
		char arg[32];
		snprintf(arg, sizeof arg, "%d warning%s", diag.warnings,
		    diag.warnings == 1 ? "" : "s");
		tr_diag_emit(&diag, TR_E_STRICT, name, 0, 0, arg);
		tr_doc_free(doc);
		doc = NULL;
	}
	if (!doc) {
		res->status = 1;
		return 1;
	}
	int failed = 0;
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
		if (is_an_input(cli, path)) {
			/* compared as files, not as names: notes.txt, ./notes.txt
			 * and a link to it are one file */
			tr_diag_emit(&diag, TR_E_OVERWRITE, name, 0, 0, "");
			failed = 1;
		} else if (tr_output_open(&out, path) != 0) {
			snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
			tr_diag_emit(&diag, TR_E_WRITE, name, 0, 0, msg);
			failed = 1;
		} else if (be->render(doc, &cli->opt, &handoff, out.fp, msg,
		    sizeof msg) != 0) {
			tr_output_abort(&out);
			char full[600];
			snprintf(full, sizeof full, "%s: %s", path, msg);
			tr_diag_emit(&diag, TR_E_FORMAT, name, 0, 0, full);
			failed = 1;
		} else if (tr_output_commit(&out) != 0) {
			snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
			tr_diag_emit(&diag, TR_E_WRITE, name, 0, 0, msg);
			failed = 1;
		} else if (cli->verbose && strcmp(path, "-") != 0) {
			fprintf(stderr, "%s: wrote %s\n", progname, path);
		}
		free(path);
	}
	tr_page_map_free(&handoff.pages);
	free(pdf_name);
	tr_doc_free(doc);
	res->status = failed;
	return failed;
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

static void on_signal(int sig)
{
	for (int k = 0; k < nsignal_workers; k++)
		if (signal_workers[k] > 0)
			kill(signal_workers[k], sig);
	tr_temp_remove_all(NULL);
	signal(sig, SIG_DFL);
	raise(sig);
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
static void worker(const struct cli *cli, char **inputs, int n,
    struct result *results, struct pool *pool, int slot, int done_fd)
{
	for (;;) {
		int i = __atomic_fetch_add(&pool->next, 1, __ATOMIC_SEQ_CST);
		if (i >= n)
			break;
		pool->current[slot] = i;
		convert(cli, inputs[i], &results[i]);
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
    struct result *results)
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
	while (pool && pool->next < n) {
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
				tr_temp_use(&temps[k]);
				close(fds[0]);
				worker(cli, inputs, n, results, pool, k, fds[1]);
			}
			started += pids[k] > 0;
		}
		close(fds[1]);
		int i;
		while (read(fds[0], &i, sizeof i) == sizeof i)
			if (i >= 0 && i < n)
				progress(cli, ++done, n, inputs[i], &results[i]);
		close(fds[0]);
		for (int k = 0; k < cli->jobs; k++) {
			if (pids[k] <= 0)
				continue;
			waitpid(pids[k], NULL, 0);
			pids[k] = 0;
			int lost = pool->current[k];
			if (lost < 0)
				continue;
			tr_diag died;
			tr_diag_init(&died, stderr);
			tr_diag_emit(&died, TR_E_ABNORMAL, inputs[lost], 0, 0, "");
			results[lost].status = 1;
			/* what it was writing, by exact name */
			tr_temp_remove_all(&temps[k]);
			progress(cli, ++done, n, inputs[lost], &results[lost]);
		}
		if (!started)
			break;
	}
	/* no processes to be had: convert the rest here */
	for (int i = 0; i < n; i++) {
		if (results[i].status != -1)
			continue;
		convert(cli, inputs[i], &results[i]);
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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
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
		O_HELP, O_LABELS, O_RENAME, O_PAUSE, O_OPENCC, O_VERTICAL };
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
	int shard_k = 1, shard_n = 1;
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
		case O_SHARD: {
			char *slash = strchr(optarg, '/');
			if (!slash)
				usage_error("--shard takes K/N, not '%s'", optarg);
			*slash = '\0';
			shard_n = (int)parse_number(slash + 1,
			    "--shard takes K/N with N from 1 to 100000, not '%s'", 1,
			    100000);
			shard_k = (int)parse_number(optarg,
			    "--shard takes K/N with K from 1 to N, not '%s'", 1,
			    shard_n);
			break;
		}
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
	if (shard_n > 1) {
		qsort(inputs, (size_t)ninputs, sizeof *inputs, compare_str);
		int kept = 0;
		for (int i = 0; i < ninputs; i++)
			if (i % shard_n == shard_k - 1)
				inputs[kept++] = inputs[i];
		ninputs = kept;
		if (ninputs == 0) {
			free(meta);
			free(renames);
			return EXIT_OK;
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

	catch_signals();
	double t0 = now();
	struct result *results = mmap(NULL, sizeof(struct result) *
	    (size_t)ninputs, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANONYMOUS, -1, 0);
	if (results == MAP_FAILED) {
		perror(progname);
		free(cli.inputs);
		free(meta);
		free(renames);
		return EXIT_FAILED;
	}
	for (int i = 0; i < ninputs; i++)
		results[i] = (struct result){ -1, 0 };
	if (cli.jobs > 1 && ninputs > 1)
		run_parallel(&cli, inputs, ninputs, results);
	else
		for (int i = 0; i < ninputs; i++) {
			convert(&cli, inputs[i], &results[i]);
			progress(&cli, i + 1, ninputs, inputs[i], &results[i]);
		}

	int converted = 0, failed = 0, warnings = 0;
	for (int i = 0; i < ninputs; i++) {
		if (results[i].status == 0)
			converted++;
		else
			failed++;
		warnings += results[i].warnings;
	}
	if (ninputs > 1 && !cli.quiet)
		fprintf(stderr, "%s: %d converted, %d failed, %d warning%s, "
		    "%.2f s\n", progname, converted, failed, warnings,
		    warnings == 1 ? "" : "s", now() - t0);
	munmap(results, sizeof(struct result) * (size_t)ninputs);
	free(cli.inputs);
	free(meta);
	free(renames);
	return failed ? EXIT_FAILED : EXIT_OK;
}
