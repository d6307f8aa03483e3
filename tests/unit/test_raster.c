/* The cover's rasterizer: exact coverage at edges, areas that add up,
 * outlines outside the mask clipped rather than written past it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "raster.h"

static void rect(tr_raster *r, double x0, double y0, double x1, double y1)
{
	tr_raster_move_to(r, x0, y0);
	tr_raster_line_to(r, x1, y0);
	tr_raster_line_to(r, x1, y1);
	tr_raster_line_to(r, x0, y1);
	tr_raster_close(r);
}

static double total(const tr_raster *r)
{
	unsigned char row[256];
	double sum = 0;
	for (int y = 0; y < r->h; y++) {
		tr_raster_row(r, y, row);
		for (int x = 0; x < r->w; x++)
			sum += row[x] / 255.0;
	}
	return sum;
}

static int at(const tr_raster *r, int x, int y)
{
	unsigned char row[256];
	tr_raster_row(r, y, row);
	return row[x];
}

/* A square on half pixels: half-covered edges, quarter corners. */
static void test_square_edges(void **state)
{
	(void)state;
	tr_raster r;
	assert_int_equal(tr_raster_init(&r, 6, 6), 0);
	rect(&r, 1.5, 1.5, 4.5, 4.5);
	assert_int_equal(at(&r, 0, 0), 0);
	assert_int_equal(at(&r, 1, 1), 64);
	assert_int_equal(at(&r, 2, 1), 128);
	assert_int_equal(at(&r, 1, 3), 128);
	assert_int_equal(at(&r, 2, 2), 255);
	assert_int_equal(at(&r, 3, 3), 255);
	assert_int_equal(at(&r, 4, 4), 64);
	assert_int_equal(at(&r, 5, 5), 0);
	tr_raster_free(&r);
}

/* A slanted edge across many pixels: a triangle's area comes out. */
static void test_triangle_area(void **state)
{
	(void)state;
	tr_raster r;
	assert_int_equal(tr_raster_init(&r, 64, 16), 0);
	tr_raster_move_to(&r, 2, 2);
	tr_raster_line_to(&r, 60.3, 13.7);
	tr_raster_line_to(&r, 2, 13.7);
	tr_raster_close(&r);
	double want = 0.5 * 58.3 * 11.7;
	assert_true(fabs(total(&r) - want) < 0.01 * want);
	tr_raster_free(&r);
}

/* A circle of four cubic quarters, drawn either way round. */
static void circle(tr_raster *r, double cx, double cy, double rad, int dir)
{
	const double k = 0.5522847498 * rad;
	tr_raster_move_to(r, cx + rad, cy);
	for (int q = 0; q < 4; q++) {
		double a0 = dir * q * M_PI / 2, a1 = dir * (q + 1) * M_PI / 2;
		double x0 = cx + rad * cos(a0), y0 = cy + rad * sin(a0);
		double x1 = cx + rad * cos(a1), y1 = cy + rad * sin(a1);
		tr_raster_cubic_to(r, x0 - dir * k * sin(a0), y0 + dir * k * cos(a0),
		    x1 + dir * k * sin(a1), y1 - dir * k * cos(a1), x1, y1);
	}
	tr_raster_close(r);
}

static void test_circle_area(void **state)
{
	(void)state;
	for (int dir = -1; dir <= 1; dir += 2) {
		tr_raster r;
		assert_int_equal(tr_raster_init(&r, 40, 40), 0);
		circle(&r, 20.3, 19.6, 12, dir);
		double want = M_PI * 12 * 12;
		/* flattened within 0.1 px: the polygon loses under 1% */
		assert_true(fabs(total(&r) - want) < 0.01 * want);
		assert_int_equal(at(&r, 20, 20), 255);
		assert_int_equal(at(&r, 2, 2), 0);
		tr_raster_free(&r);
	}
}

/* A quadratic curve: a parabola's segment, 2/3 of its box. */
static void test_quadratic_area(void **state)
{
	(void)state;
	tr_raster r;
	assert_int_equal(tr_raster_init(&r, 40, 40), 0);
	tr_raster_move_to(&r, 4, 34);
	tr_raster_quad_to(&r, 20, -26, 36, 34); /* apex at y = 4 */
	tr_raster_close(&r);
	double want = 2.0 / 3 * 32 * 30;
	assert_true(fabs(total(&r) - want) < 0.01 * want);
	tr_raster_free(&r);
}

/* Outlines beyond the mask: what lies inside is covered, nothing is
 * written outside (ASan watches). */
static void test_clipped(void **state)
{
	(void)state;
	tr_raster r;
	assert_int_equal(tr_raster_init(&r, 8, 8), 0);
	rect(&r, -5, -5, 4, 20);
	rect(&r, 6, 6, 30, 7);
	assert_int_equal(at(&r, 0, 0), 255);
	assert_int_equal(at(&r, 3, 7), 255);
	assert_int_equal(at(&r, 4, 0), 0);
	assert_int_equal(at(&r, 7, 6), 255);
	assert_int_equal(at(&r, 7, 7), 0);
	tr_raster_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_square_edges),
		cmocka_unit_test(test_triangle_area),
		cmocka_unit_test(test_circle_area),
		cmocka_unit_test(test_quadratic_area),
		cmocka_unit_test(test_clipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
