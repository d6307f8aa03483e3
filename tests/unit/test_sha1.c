/* SHA-1 known answers (FIPS 180-2 appendix A and the empty string):
 * the EPUB's identifier is derived from it, so it must be the real one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sha1.h"

static void hex_of(const void *data, size_t len, char out[41])
{
	uint8_t d[20];
	tr_sha1(data, len, d);
	for (int i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void known_answers(void **state)
{
	(void)state;
	char h[41];
	hex_of("", 0, h);
	assert_string_equal(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	hex_of("abc", 3, h);
	assert_string_equal(h, "a9993e364706816aba3e25717850c26c9cd0d89d");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
	    "nopq";
	hex_of(two, strlen(two), h);
	assert_string_equal(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

static void a_million_a(void **state)
{
	(void)state;
	char *a = malloc(1000000);
	memset(a, 'a', 1000000);
	char h[41];
	hex_of(a, 1000000, h);
	free(a);
	assert_string_equal(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

/* lengths around the 56- and 64-byte padding boundaries */
static void padding_boundaries(void **state)
{
	(void)state;
	char buf[130];
	memset(buf, 'x', sizeof buf);
	char h[41];
	/* sha1sum of 55, 56 and 64 'x' */
	hex_of(buf, 55, h);
	assert_string_equal(h, "cef734ba81a024479e09eb5a75b6ddae62e6abf1");
	hex_of(buf, 56, h);
	assert_string_equal(h, "901305367c259952f4e7af8323f480d59f81335b");
	hex_of(buf, 64, h);
	assert_string_equal(h, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_answers),
		cmocka_unit_test(a_million_a),
		cmocka_unit_test(padding_boundaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
