/* Coverage by signed area.  Each edge adds, to every pixel row it
 * crosses, the area of that row it has to its right, spread over the
 * pixels it passes so that a running sum along the row gives each
 * pixel's coverage: exact antialiasing, one pass per edge, no sorting.
 * (The technique of font-rs and stb_truetype's second rasterizer.) */
#include <math.h>
#include <stdlib.h>

#include "raster.h"

#define STRIDE(r) ((r)->w + 2)
#define FLATNESS 0.1            /* pixels a flattened curve may stray */
#define MAX_SEGMENTS 64

int tr_raster_init(tr_raster *r, int w, int h)
{
	*r = (tr_raster){ .w = w > 0 ? w : 0, .h = h > 0 ? h : 0 };
	r->acc = calloc((size_t)STRIDE(r) * (size_t)(r->h + 1),
	    sizeof *r->acc);
	return r->acc ? 0 : -1;
}

void tr_raster_free(tr_raster *r)
{
	free(r->acc);
	r->acc = NULL;
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Adds the signed area of one pixel row's piece of an edge: it runs
 * from x = xa to x = xb while covering d of the row's height (negative
 * for an edge going up). */
static void add_span(float *row, int w, double xa, double xb, double d)
{
	double x0 = clamp(xa < xb ? xa : xb, 0, w);
	double x1 = clamp(xa < xb ? xb : xa, 0, w);
	int i0 = (int)floor(x0), i1 = (int)ceil(x1);
	if (i1 <= i0 + 1) {             /* within one pixel */
		double mid = 0.5 * (x0 + x1) - i0;
		row[i0] += (float)(d * (1 - mid));
		row[i0 + 1] += (float)(d * mid);
		return;
	}
	/* Across several pixels: the first and last take the triangles,
	 * those between an equal share each. */
	double s = 1 / (x1 - x0);
	double f0 = x0 - i0, f1 = x1 - (i1 - 1);
	double first = 0.5 * s * (1 - f0) * (1 - f0);
	double last = 0.5 * s * f1 * f1;
	row[i0] += (float)(d * first);
	double before = first;          /* coverage reached so far */
	for (int i = i0 + 1; i < i1 - 1; i++) {
		double reached = s * (i - x0 + 0.5);
		row[i] += (float)(d * (reached - before));
		before = reached;
	}
	row[i1 - 1] += (float)(d * (1 - last - before));
	row[i1] += (float)(d * last);
}

static void edge(tr_raster *r, double x0, double y0, double x1, double y1)
{
	if (y0 == y1)
		return;
	double dir = 1;
	if (y0 > y1) {
		double t = x0;
		x0 = x1, x1 = t;
		t = y0, y0 = y1, y1 = t;
		dir = -1;
	}
	double dxdy = (x1 - x0) / (y1 - y0);
	double top = y0 < 0 ? 0 : y0, bottom = y1 > r->h ? r->h : y1;
	for (int y = (int)floor(top); y < bottom; y++) {
		double ya = y > top ? y : top;
		double yb = y + 1 < bottom ? y + 1 : bottom;
		add_span(r->acc + (size_t)y * STRIDE(r), r->w,
		    x0 + (ya - y0) * dxdy, x0 + (yb - y0) * dxdy, dir * (yb - ya));
	}
}

void tr_raster_move_to(tr_raster *r, double x, double y)
{
	tr_raster_close(r);
	r->x = r->start_x = x;
	r->y = r->start_y = y;
}

void tr_raster_line_to(tr_raster *r, double x, double y)
{
	edge(r, r->x, r->y, x, y);
	r->x = x;
	r->y = y;
}

/* Enough straight pieces that none strays FLATNESS from the curve, by
 * the bound on a curve's second differences. */
static int pieces(double ddx, double ddy, double k)
{
	double n = ceil(sqrt(k * sqrt(ddx * ddx + ddy * ddy) / FLATNESS));
	return n < 1 ? 1 : n > MAX_SEGMENTS ? MAX_SEGMENTS : (int)n;
}

void tr_raster_quad_to(tr_raster *r, double cx, double cy, double x,
    double y)
{
	double x0 = r->x, y0 = r->y;
	int n = pieces(x0 - 2 * cx + x, y0 - 2 * cy + y, 0.25);
	for (int i = 1; i <= n; i++) {
		double t = (double)i / n, u = 1 - t;
		tr_raster_line_to(r, u * u * x0 + 2 * u * t * cx + t * t * x,
		    u * u * y0 + 2 * u * t * cy + t * t * y);
	}
}

void tr_raster_cubic_to(tr_raster *r, double c1x, double c1y, double c2x,
    double c2y, double x, double y)
{
	double x0 = r->x, y0 = r->y;
	double ax = fabs(x0 - 2 * c1x + c2x), bx = fabs(c1x - 2 * c2x + x);
	double ay = fabs(y0 - 2 * c1y + c2y), by = fabs(c1y - 2 * c2y + y);
	int n = pieces(ax > bx ? ax : bx, ay > by ? ay : by, 0.75);
	for (int i = 1; i <= n; i++) {
		double t = (double)i / n, u = 1 - t;
		double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t,
		    d = t * t * t;
		tr_raster_line_to(r, a * x0 + b * c1x + c * c2x + d * x,
		    a * y0 + b * c1y + c * c2y + d * y);
	}
}

void tr_raster_close(tr_raster *r)
{
	if (r->x != r->start_x || r->y != r->start_y)
		tr_raster_line_to(r, r->start_x, r->start_y);
}

void tr_raster_row(const tr_raster *r, int y, unsigned char *out)
{
	const float *row = r->acc + (size_t)y * STRIDE(r);
	float sum = 0;
	for (int x = 0; x < r->w; x++) {
		sum += row[x];
		float a = fabsf(sum);
		out[x] = (unsigned char)(a >= 1 ? 255 : (int)(a * 255 + 0.5f));
	}
}
