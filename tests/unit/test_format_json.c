/*
 * test_format_json.c - JSON lines decoding and encoding (runtime/format_json.c):
 * types, nulls, missing fields, nested values, escapes, and every error reason.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "format.h"

static WeirError err;
static Arena text;
static FmtDecoder dec;
static Value row[8];

static const SourceColumn cols[] = {{"b", TYPE_BOOLEAN}, {"i", TYPE_INT},
                                    {"l", TYPE_BIGINT},  {"d", TYPE_DOUBLE},
                                    {"s", TYPE_VARCHAR}, {"t", TYPE_TIMESTAMP}};
enum { NC = 6 };

static void setup(void)
{
    err_clear(&err);
    arena_init(&text);
    memset(row, 0, sizeof row);
    FmtOptions o;
    fmt_options_default(&o);
    o.kind = FMT_JSON;
    cr_assert_eq(fmt_decoder_init(&dec, &o, NC, cols, &err), WEIR_OK);
}

static void teardown(void)
{
    fmt_decoder_free(&dec);
    arena_free(&text);
}

TestSuite(json, .init = setup, .fini = teardown);

static int dec_str(const char *s)
{
    return fmt_json_decode(&dec, s, strlen(s), row, &text, &err);
}

static void assert_str(const Value *v, const char *want)
{
    cr_assert_eq(v->null, 0, "NULL, want \"%s\"", want);
    cr_assert_eq(v->len, strlen(want), "got \"%.*s\", want \"%s\"", (int)v->len, v->u.s, want);
    cr_assert(memcmp(v->u.s, want, v->len) == 0, "got \"%.*s\", want \"%s\"", (int)v->len,
              v->u.s, want);
}

static void assert_err(const char *rec, const char *msg)
{
    cr_assert_eq(dec_str(rec), WEIR_DATA, "record %s decoded", rec);
    cr_assert_str_eq(err.msg, msg, "record %s", rec);
}

Test(json, types)
{
    cr_assert_eq(dec_str("{\"b\":true,\"i\":-7,\"l\":9007199254740993,\"d\":2.5e-1,\"s\":\"hi\","
                         "\"t\":\"2024-01-02 03:04:05.678\"}"),
                 WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[0].u.i, 1);
    cr_assert_eq(row[1].u.i, -7);
    cr_assert_eq(row[2].u.i, 9007199254740993LL);
    cr_assert_eq(row[3].u.d, 0.25);
    assert_str(&row[4], "hi");
    cr_assert_eq(row[5].u.i, 1704164645678LL);
    for (int c = 0; c < NC; c++) cr_assert_eq(row[c].null, 0);

    /* keys in another order, spaces, epoch ms, integral numbers, numbers in strings */
    cr_assert_eq(dec_str("  { \"t\" : 1704164645678 , \"d\" : 3 , \"l\" : 1e3, \"i\": \"42\","
                         " \"b\": \"FALSE\", \"s\": \"\" }  "),
                 WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[5].u.i, 1704164645678LL);
    cr_assert_eq(row[3].u.d, 3.0);
    cr_assert_eq(row[2].u.i, 1000);
    cr_assert_eq(row[1].u.i, 42);
    cr_assert_eq(row[0].u.i, 0);
    assert_str(&row[4], "");

    cr_assert_eq(dec_str("{\"d\":\"NaN\",\"t\":\"2024-01-02T03:04:05\"}"), WEIR_OK);
    cr_assert(isnan(row[3].u.d));
    cr_assert_eq(row[5].u.i, 1704164645000LL);
}

Test(json, numbers)
{
    cr_assert_eq(dec_str("{\"l\":-0,\"d\":-0.5,\"i\":0}"), WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[2].u.i, 0);
    cr_assert_eq(row[3].u.d, -0.5);
    cr_assert_eq(row[1].u.i, 0);
    cr_assert_eq(dec_str("{\"d\":12345678901234567890,\"l\":-9223372036854775808}"), WEIR_OK);
    cr_assert_eq(row[3].u.d, 12345678901234567890.0);
    cr_assert_eq(row[2].u.i, INT64_MIN);
    cr_assert_eq(dec_str("{\"d\":0.1,\"l\":123456789012345678}"), WEIR_OK);
    cr_assert_eq(row[3].u.d, 0.1);
    cr_assert_eq(row[2].u.i, 123456789012345678LL);
    cr_assert_eq(dec_str("{\"d\":2.5E+2,\"l\":-5}"), WEIR_OK);
    cr_assert_eq(row[3].u.d, 250.0);
    cr_assert_eq(row[2].u.i, -5);
}

Test(json, nulls_and_missing)
{
    cr_assert_eq(dec_str("{\"b\":null,\"i\":null,\"s\":null}"), WEIR_OK);
    for (int c = 0; c < NC; c++) cr_assert(row[c].null, "column %d", c);
    cr_assert_eq(dec_str("{}"), WEIR_OK);
    for (int c = 0; c < NC; c++) cr_assert(row[c].null, "column %d", c);
    /* a row decoded before does not leak into a record that lacks the key */
    cr_assert_eq(dec_str("{\"i\":1}"), WEIR_OK);
    cr_assert_eq(dec_str("{\"l\":2}"), WEIR_OK);
    cr_assert(row[1].null);
    cr_assert_eq(row[2].u.i, 2);
}

Test(json, nested_into_varchar_and_skipped)
{
    const char *rec = "{\"x\":{\"a\":[1,{\"b\":\"}]\"}],\"c\":null},\"s\":{\"k\": [1, 2.5, \"x\"] },"
                      "\"y\":[[],[{}]],\"i\":5}";
    cr_assert_eq(dec_str(rec), WEIR_OK, "%s", err.msg);
    assert_str(&row[4], "{\"k\": [1, 2.5, \"x\"] }");
    cr_assert_eq(row[1].u.i, 5);
    cr_assert_eq(dec_str("{\"s\":[1,2]}"), WEIR_OK);
    assert_str(&row[4], "[1,2]");
    cr_assert_eq(dec_str("{\"s\":-12.50}"), WEIR_OK);
    assert_str(&row[4], "-12.50");
    cr_assert_eq(dec_str("{\"s\":true}"), WEIR_OK);
    assert_str(&row[4], "true");
}

Test(json, escapes)
{
    cr_assert_eq(dec_str("{\"s\":\"a\\nb\\\"c\\\\d\\/e\\tf\\u00e9\\u20ac\\ud83d\\ude00\"}"), WEIR_OK,
                 "%s", err.msg);
    assert_str(&row[4], "a\nb\"c\\d/e\tf\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    /* a lone surrogate becomes U+FFFD */
    cr_assert_eq(dec_str("{\"s\":\"\\ud83dx\"}"), WEIR_OK);
    assert_str(&row[4], "\xef\xbf\xbdx");
    /* escaped keys match */
    cr_assert_eq(dec_str("{\"\\u0073\":\"k\"}"), WEIR_OK);
    assert_str(&row[4], "k");
    /* case-insensitive keys; duplicate keys: last wins */
    cr_assert_eq(dec_str("{\"S\":\"one\",\"s\":\"two\"}"), WEIR_OK);
    assert_str(&row[4], "two");
    cr_assert_eq(dec_str("{\"s\":\"one\",\"S\":\"two\"}"), WEIR_OK);
    assert_str(&row[4], "two");
}

Test(json, errors)
{
    assert_err("[1,2]", "not a JSON object");
    assert_err("\"x\"", "not a JSON object");
    assert_err("42", "not a JSON object");
    assert_err("hello", "invalid JSON at byte 1");
    assert_err("{\"i\":1,}", "invalid JSON at byte 8");
    assert_err("{\"i\":1", "invalid JSON at byte 7");
    assert_err("{\"i\" 1}", "invalid JSON at byte 6");
    assert_err("{\"i\":1} x", "invalid JSON at byte 9");
    assert_err("{\"x\":[1,2}", "invalid JSON at byte 10");
    assert_err("{\"x\":tru}", "invalid JSON at byte 6");
    assert_err("{\"x\":01}", "invalid JSON at byte 7");
    assert_err("{\"x\":\"a\\qb\"}", "invalid JSON at byte 9");
    assert_err("{\"s\":\"\\u12g4\"}", "invalid JSON at byte 9");
    assert_err("{\"s\":\"abc}", "invalid JSON at byte 11");
    assert_err("{\"d\":\"12x\"}", "column \"d\": cannot read \"12x\" as DOUBLE");
    assert_err("{\"i\":1.5}", "column \"i\": cannot read \"1.5\" as INT");
    assert_err("{\"i\":2147483648}", "column \"i\": cannot read \"2147483648\" as INT");
    assert_err("{\"l\":9223372036854775808}",
               "column \"l\": cannot read \"9223372036854775808\" as BIGINT");
    assert_err("{\"b\":1}", "column \"b\": cannot read \"1\" as BOOLEAN");
    assert_err("{\"l\":true}", "column \"l\": cannot read \"true\" as BIGINT");
    assert_err("{\"d\":{\"a\":1}}", "column \"d\": cannot read \"{\"a\":1}\" as DOUBLE");
    assert_err("{\"t\":\"yesterday\"}", "column \"t\": cannot read \"yesterday\" as TIMESTAMP(3)");
    assert_err("{\"d\":-.5}", "invalid JSON at byte 7");
    assert_err("{\"d\":1.}", "invalid JSON at byte 8");
    assert_err("{\"l\":01}", "invalid JSON at byte 7");
    assert_err("{\"l\":-}", "invalid JSON at byte 7");
    assert_err("{\"l\":1-2}", "invalid JSON at byte 7");
    char deep[1200];
    memset(deep, '[', sizeof deep);
    memcpy(deep, "{\"x\":", 5);
    deep[sizeof deep - 1] = 0;
    cr_assert_eq(dec_str(deep), WEIR_DATA, "deep nesting must fail cleanly");
}

Test(json, encode_roundtrip)
{
    FmtBuf out = {0};
    Value in[NC];
    memset(in, 0, sizeof in);
    in[0].u.i = 1;
    in[1].u.i = -3;
    in[2].u.i = INT64_MAX;
    in[3].u.d = 1e300;
    const char *s = "q\"b\\s\n\t\x01\xc3\xa9";
    in[4].u.s = s;
    in[4].len = (uint32_t)strlen(s);
    in[5].u.i = 1704164645678LL;
    cr_assert_eq(fmt_json_encode(&out, cols, in, NC), WEIR_OK);
    const char *want = "{\"b\":true,\"i\":-3,\"l\":9223372036854775807,\"d\":1.0E300,"
                       "\"s\":\"q\\\"b\\\\s\\n\\t\\u0001\xc3\xa9\",\"t\":\"2024-01-02 03:04:05.678\"}\n";
    cr_assert_eq(out.len, strlen(want));
    cr_assert(memcmp(out.data, want, out.len) == 0, "%.*s", (int)out.len, out.data);
    cr_assert_eq(fmt_json_decode(&dec, out.data, out.len - 1, row, &text, &err), WEIR_OK, "%s",
                 err.msg);
    cr_assert_eq(row[0].u.i, 1);
    cr_assert_eq(row[1].u.i, -3);
    cr_assert_eq(row[2].u.i, INT64_MAX);
    cr_assert_eq(row[3].u.d, 1e300);
    assert_str(&row[4], s);
    cr_assert_eq(row[5].u.i, 1704164645678LL);

    /* NULLs, false, infinity */
    out.len = 0;
    for (int c = 0; c < NC; c++) in[c].null = 1;
    in[0].null = 0;
    in[0].u.i = 0;
    in[3].null = 0;
    in[3].u.d = -INFINITY;
    cr_assert_eq(fmt_json_encode(&out, cols, in, NC), WEIR_OK);
    const char *want2 = "{\"b\":false,\"i\":null,\"l\":null,\"d\":\"-Infinity\",\"s\":null,\"t\":null}\n";
    cr_assert_eq(out.len, strlen(want2));
    cr_assert(memcmp(out.data, want2, out.len) == 0, "%.*s", (int)out.len, out.data);
    cr_assert_eq(fmt_json_decode(&dec, out.data, out.len - 1, row, &text, &err), WEIR_OK);
    cr_assert_eq(row[0].u.i, 0);
    cr_assert(row[1].null && row[2].null && row[4].null && row[5].null);
    cr_assert(isinf(row[3].u.d) && row[3].u.d < 0);
    fmt_buf_free(&out);
}

Test(json, framing_one_record_per_line)
{
    const char *buf = "{\"i\":1}\r\n{\"i\":2}\n{\"i\":3}";
    FmtFrame fr;
    cr_assert_eq(fmt_frame(&dec, buf, strlen(buf), false, &fr), 1);
    cr_assert_eq(fr.len, 7);
    cr_assert_eq(fr.used, 9);
    size_t off = fr.used;
    cr_assert_eq(fmt_frame(&dec, buf + off, strlen(buf) - off, false, &fr), 1);
    off += fr.used;
    cr_assert_eq(fmt_frame(&dec, buf + off, strlen(buf) - off, false, &fr), 0);
    cr_assert_eq(fmt_frame(&dec, buf + off, strlen(buf) - off, true, &fr), 1);
    cr_assert_eq(fr.len, 7);
}
