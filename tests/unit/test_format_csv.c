/*
 * test_format_csv.c - CSV decoding, header mapping, framing and encoding
 * (runtime/format_csv.c), including every error reason with its text.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "format.h"

static WeirError err;
static Arena text;
static FmtDecoder dec;
static Value row[8];

static void setup(void)
{
    err_clear(&err);
    arena_init(&text);
    memset(&dec, 0, sizeof dec);
    memset(row, 0, sizeof row);
}

static void teardown(void)
{
    fmt_decoder_free(&dec);
    arena_free(&text);
}

TestSuite(csv, .init = setup, .fini = teardown);

static const SourceColumn tx_cols[] = {
    {"id", TYPE_BIGINT}, {"name", TYPE_VARCHAR}, {"amount", TYPE_DOUBLE}};

static void open_dec(const SourceColumn *cols, int n, char delim, bool header, const char *tsf)
{
    FmtOptions o;
    fmt_options_default(&o);
    o.delim = delim;
    o.header = header;
    o.ts_format = tsf;
    cr_assert_eq(fmt_decoder_init(&dec, &o, n, cols, &err), WEIR_OK);
}

static int dec_str(const char *s)
{
    return fmt_csv_decode(&dec, s, strlen(s), row, &text, &err);
}

static void assert_str(const Value *v, const char *want)
{
    cr_assert_eq(v->null, 0, "NULL, want \"%s\"", want);
    cr_assert_eq(v->len, strlen(want), "len %u, want \"%s\" (got \"%.*s\")", v->len, want,
                 (int)v->len, v->u.s);
    cr_assert(memcmp(v->u.s, want, v->len) == 0, "got \"%.*s\", want \"%s\"", (int)v->len,
              v->u.s, want);
}

static void assert_err(const char *rec, const char *msg)
{
    cr_assert_eq(dec_str(rec), WEIR_DATA, "record %s decoded", rec);
    cr_assert_str_eq(err.msg, msg);
}

Test(csv, positional)
{
    open_dec(tx_cols, 3, ',', false, NULL);
    cr_assert_eq(dec_str("7,alice,12.5"), WEIR_OK);
    cr_assert_eq(row[0].u.i, 7);
    assert_str(&row[1], "alice");
    cr_assert_eq(row[2].u.d, 12.5);
}

Test(csv, header_reordered_case_insensitive)
{
    open_dec(tx_cols, 3, ',', true, NULL);
    const char *h = "Amount,extra,NAME,Id";
    cr_assert_eq(fmt_csv_header(&dec, h, strlen(h), &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(dec_str("1.5,zzz,bob,42"), WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[0].u.i, 42);
    assert_str(&row[1], "bob");
    cr_assert_eq(row[2].u.d, 1.5);
    assert_err("1.5,bob,42", "expected 4 fields, found 3");
}

Test(csv, header_missing_column)
{
    open_dec(tx_cols, 3, ',', true, NULL);
    const char *h = "id,amount";
    cr_assert_eq(fmt_csv_header(&dec, h, strlen(h), &err), WEIR_DATA);
    cr_assert_str_eq(err.msg, "header has no column \"name\"");
}

Test(csv, header_quoted)
{
    open_dec(tx_cols, 3, ',', true, NULL);
    const char *h = "\"id\",\"na\"\"me\",name, amount ";
    cr_assert_eq(fmt_csv_header(&dec, h, strlen(h), &err), WEIR_OK, "%s", err.msg);
    cr_assert_eq(dec_str("1,x,y,2"), WEIR_OK, "%s", err.msg);
    assert_str(&row[1], "y");
    cr_assert_eq(row[2].u.d, 2.0);
}

Test(csv, header_malformed)
{
    open_dec(tx_cols, 3, ',', true, NULL);
    const char *h = "id,\"name,amount";
    cr_assert_eq(fmt_csv_header(&dec, h, strlen(h), &err), WEIR_DATA);
    cr_assert_str_eq(err.msg, "unterminated quoted field");
    /* a duplicate name fills the column once; the other copy is ignored */
    h = "id,name,amount,ID";
    cr_assert_eq(fmt_csv_header(&dec, h, strlen(h), &err), WEIR_OK);
    cr_assert_eq(dec_str("1,a,2,99"), WEIR_OK);
    cr_assert_eq(row[0].u.i, 1);
}

Test(csv, quotes)
{
    open_dec(tx_cols, 3, ',', false, NULL);
    cr_assert_eq(dec_str("1,\"a,b\",2"), WEIR_OK);
    assert_str(&row[1], "a,b");
    cr_assert_eq(dec_str("1,\"say \"\"hi\"\"\",2"), WEIR_OK);
    assert_str(&row[1], "say \"hi\"");
    cr_assert_eq(dec_str("1,\"two\nlines\",2"), WEIR_OK);
    assert_str(&row[1], "two\nlines");
    cr_assert_eq(dec_str("\"1\",\"\",\"2.5\""), WEIR_OK);
    cr_assert_eq(row[0].u.i, 1);
    assert_str(&row[1], "");
    cr_assert_eq(row[2].u.d, 2.5);
    /* a quote inside an unquoted field is an ordinary byte */
    cr_assert_eq(dec_str("1,5\" disk,2"), WEIR_OK);
    assert_str(&row[1], "5\" disk");
}

Test(csv, nulls_and_empty)
{
    open_dec(tx_cols, 3, ',', false, NULL);
    cr_assert_eq(dec_str(",,"), WEIR_OK);
    cr_assert(row[0].null && row[1].null && row[2].null);
    cr_assert_eq(dec_str("1,\"\","), WEIR_OK);
    cr_assert_eq(row[1].null, 0);
    cr_assert_eq(row[1].len, 0);
    cr_assert(row[2].null);
}

Test(csv, custom_delimiter)
{
    open_dec(tx_cols, 3, ';', false, NULL);
    cr_assert_eq(dec_str("1;a,b;3.25"), WEIR_OK);
    assert_str(&row[1], "a,b");
    cr_assert_eq(row[2].u.d, 3.25);
    fmt_decoder_free(&dec);
    open_dec(tx_cols, 3, '\t', false, NULL);
    cr_assert_eq(dec_str("1\t\"x\ty\"\t3"), WEIR_OK);
    assert_str(&row[1], "x\ty");
}

static const SourceColumn all_cols[] = {{"b", TYPE_BOOLEAN}, {"i", TYPE_INT},
                                        {"l", TYPE_BIGINT},  {"d", TYPE_DOUBLE},
                                        {"s", TYPE_VARCHAR}, {"t", TYPE_TIMESTAMP}};

Test(csv, every_type)
{
    open_dec(all_cols, 6, ',', false, NULL);
    cr_assert_eq(dec_str("true,-2147483648,9223372036854775807,-0.125,x,2024-01-02 03:04:05.678"),
                 WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[0].u.i, 1);
    cr_assert_eq(row[1].u.i, INT32_MIN);
    cr_assert_eq(row[2].u.i, INT64_MAX);
    cr_assert_eq(row[3].u.d, -0.125);
    assert_str(&row[4], "x");
    int64_t ts;
    time_parse_iso("2024-01-02 03:04:05.678", 23, &ts);
    cr_assert_eq(row[5].u.i, ts);
    cr_assert_eq(row[5].u.i, 1704164645678LL);

    cr_assert_eq(dec_str("FALSE,0,-9223372036854775808,1e3,,2024-01-02T03:04:05"), WEIR_OK);
    cr_assert_eq(row[0].u.i, 0);
    cr_assert_eq(row[2].u.i, INT64_MIN);
    cr_assert_eq(row[3].u.d, 1000.0);
    cr_assert(row[4].null);
    cr_assert_eq(row[5].u.i, 1704164645000LL);

    cr_assert_eq(dec_str("1,12.0,1e3,NaN,y,1704164645678"), WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[0].u.i, 1);
    cr_assert_eq(row[1].u.i, 12);
    cr_assert_eq(row[2].u.i, 1000);
    cr_assert(isnan(row[3].u.d));
    cr_assert_eq(row[5].u.i, 1704164645678LL, "epoch ms");

    cr_assert_eq(dec_str(",,,,,"), WEIR_OK);
    for (int c = 0; c < 6; c++) cr_assert(row[c].null, "column %d not NULL", c);

    cr_assert_eq(dec_str(" true , 5 ,7 , 2.5 , s ,0"), WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[1].u.i, 5);
    assert_str(&row[4], " s ");
    cr_assert_eq(row[5].u.i, 0);
}

Test(csv, doubles_exact)
{
    static const char *cases[] = {"0.1", "3.14159", "-2.5e-3", "123456789012345678",
                                  "1.7976931348623157e308", "4.9e-324", "0.30000000000000004",
                                  "12345678901234567890123", "9007199254740993", ".5", "-0",
                                  "1E22", "1e23", "0.000001", "Infinity", "-Infinity"};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double d;
        cr_assert(fmt_parse_double(cases[k], strlen(cases[k]), &d), "%s", cases[k]);
        double want = strtod(cases[k], NULL);
        cr_assert(memcmp(&d, &want, sizeof d) == 0, "%s: %.17g != %.17g", cases[k], d, want);
    }
    /* the same through the decoder, whose fast path parses while scanning */
    static const SourceColumn dc[] = {{"d", TYPE_DOUBLE}, {"l", TYPE_BIGINT}};
    open_dec(dc, 2, ',', false, NULL);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char rec[64];
        snprintf(rec, sizeof rec, "%s,1", cases[k]);
        cr_assert_eq(dec_str(rec), WEIR_OK, "%s", rec);
        double want = strtod(cases[k], NULL);
        cr_assert(memcmp(&row[0].u.d, &want, sizeof want) == 0, "%s", cases[k]);
    }
    cr_assert_eq(dec_str("-1.5,-123456789012345678"), WEIR_OK);
    cr_assert_eq(row[1].u.i, -123456789012345678LL);
    assert_err("-,1", "column \"d\": cannot read \"-\" as DOUBLE");
    assert_err("1,-", "column \"l\": cannot read \"-\" as BIGINT");
    assert_err("1,12a", "column \"l\": cannot read \"12a\" as BIGINT");
    assert_err("1.5x,1", "column \"d\": cannot read \"1.5x\" as DOUBLE");
    double d;
    cr_assert_not(fmt_parse_double("1.2.3", 5, &d));
    cr_assert_not(fmt_parse_double("1e", 2, &d));
    cr_assert_not(fmt_parse_double("", 0, &d));
    cr_assert_not(fmt_parse_double("abc", 3, &d));
    int64_t v;
    cr_assert_not(fmt_parse_i64("9223372036854775808", 19, &v));
    cr_assert_not(fmt_parse_i64("-9223372036854775809", 20, &v));
    cr_assert_not(fmt_parse_i64("-", 1, &v));
    cr_assert(fmt_parse_i64("+17", 3, &v));
    cr_assert_eq(v, 17);
}

Test(csv, timestamp_format)
{
    static const SourceColumn c[] = {{"t", TYPE_TIMESTAMP}};
    open_dec(c, 1, ',', false, "%d/%m/%Y %H:%M");
    cr_assert_eq(dec_str("02/01/2024 03:04"), WEIR_OK, "%s", err.msg);
    cr_assert_eq(row[0].u.i, 1704164640000LL);
    cr_assert_eq(dec_str("1704164640000"), WEIR_OK);
    cr_assert_eq(row[0].u.i, 1704164640000LL);
    assert_err("2024-01-02 03:04:00", "column \"t\": cannot read \"2024-01-02 03:04:00\" as TIMESTAMP(3)");
}

Test(csv, error_reasons)
{
    open_dec(all_cols, 6, ',', false, NULL);
    assert_err("true,1,2,12x,s,0", "column \"d\": cannot read \"12x\" as DOUBLE");
    assert_err("maybe,1,2,3,s,0", "column \"b\": cannot read \"maybe\" as BOOLEAN");
    assert_err("true,2147483648,2,3,s,0", "column \"i\": cannot read \"2147483648\" as INT");
    assert_err("true,1,9223372036854775808,3,s,0",
               "column \"l\": cannot read \"9223372036854775808\" as BIGINT");
    assert_err("true,1,1.5,3,s,0", "column \"l\": cannot read \"1.5\" as BIGINT");
    assert_err("true,1,2,3,s,2024-13-01", "column \"t\": cannot read \"2024-13-01\" as TIMESTAMP(3)");
    assert_err("true,1,2,3,s", "expected 6 fields, found 5");
    assert_err("true,1,2,3,s,0,7", "expected 6 fields, found 7");
    /* a short record whose values shift still reports the count */
    assert_err("1,2,x,s,0", "expected 6 fields, found 5");
    assert_err("true,1,2,3,\"s,0", "unterminated quoted field");
    assert_err("true,1,2,3,\"s\"x,0", "column \"s\": unexpected text after a closing quote");
    /* long values are shortened in messages */
    char big[300];
    memset(big, '9', sizeof big);
    memcpy(big, "true,1,2,", 9);
    memcpy(big + 200, "x,s,0", 6);
    cr_assert_eq(dec_str(big), WEIR_DATA);
    cr_assert(strstr(err.msg, "...\" as DOUBLE"), "%s", err.msg);
}

Test(csv, bad_delimiter)
{
    FmtOptions o;
    fmt_options_default(&o);
    o.delim = '"';
    cr_assert_eq(fmt_decoder_init(&dec, &o, 3, tx_cols, &err), WEIR_ERROR);
}

/* Frames buf (at eof) into records, checking each length and line count. */
Test(csv, framing)
{
    open_dec(tx_cols, 3, ',', false, NULL);
    const char *buf = "1,a,2\r\n2,\"x\r\ny\",3\n\n3,\"q\"\"\",4";
    size_t n = strlen(buf), off = 0;
    FmtFrame fr;
    cr_assert_eq(fmt_frame(&dec, buf, n, false, &fr), 1);
    cr_assert_eq(fr.len, 5);
    cr_assert_eq(fr.used, 7);
    cr_assert_eq(fr.nlines, 1);
    off += fr.used;
    cr_assert_eq(fmt_frame(&dec, buf + off, n - off, false, &fr), 1);
    cr_assert_eq(fr.len, strlen("2,\"x\r\ny\",3"));
    cr_assert_eq(fr.nlines, 2);
    cr_assert_eq(dec_str("2,\"x\r\ny\",3"), WEIR_OK);
    assert_str(&row[1], "x\r\ny");
    off += fr.used;
    cr_assert_eq(fmt_frame(&dec, buf + off, n - off, false, &fr), 1);
    cr_assert_eq(fr.len, 0, "empty line");
    off += fr.used;
    /* the last record has no newline: incomplete until eof */
    cr_assert_eq(fmt_frame(&dec, buf + off, n - off, false, &fr), 0);
    cr_assert_eq(fmt_frame(&dec, buf + off, n - off, true, &fr), 1);
    cr_assert_eq(fr.len, n - off);
    /* a record cut inside quotes needs more, even past a newline */
    const char *cut = "1,\"a\nb";
    cr_assert_eq(fmt_frame(&dec, cut, strlen(cut), false, &fr), 0);
    /* a quote as the last byte: "" or closing?  needs more */
    const char *q = "1,\"a\"";
    cr_assert_eq(fmt_frame(&dec, q, strlen(q), false, &fr), 0);
    cr_assert_eq(fmt_frame(&dec, q, strlen(q), true, &fr), 1);
    cr_assert_eq(fmt_frame(&dec, "", 0, true, &fr), 0);
}

/* Encodes rows, decodes them back, compares. */
Test(csv, encode_roundtrip)
{
    open_dec(all_cols, 6, ',', true, NULL);
    FmtBuf out = {0};
    cr_assert_eq(fmt_csv_encode_header(&out, all_cols, 6, ','), WEIR_OK);
    Value in[6];
    memset(in, 0, sizeof in);
    in[0].u.i = 1;
    in[1].u.i = -5;
    in[2].u.i = INT64_MIN;
    in[3].u.d = 0.1;
    const char *s = "he said \"hi, there\"\nbye\r";
    in[4].u.s = s;
    in[4].len = (uint32_t)strlen(s);
    in[5].u.i = 1704164645678LL;
    cr_assert_eq(fmt_csv_encode(&out, all_cols, in, 6, ','), WEIR_OK);
    Value in2[6];
    memset(in2, 0, sizeof in2);
    for (int c = 0; c < 6; c++) in2[c].null = 1;
    in2[4].null = 0;
    in2[4].u.s = "";
    in2[4].len = 0;
    cr_assert_eq(fmt_csv_encode(&out, all_cols, in2, 6, ','), WEIR_OK);

    const char *want_line2 = "true,-5,-9223372036854775808,0.1,\"he said \"\"hi, there\"\"\nbye\r\","
                             "2024-01-02 03:04:05.678\n";
    cr_assert(strstr(out.data, want_line2) != NULL);

    size_t off = 0;
    FmtFrame fr;
    cr_assert_eq(fmt_frame(&dec, out.data, out.len, true, &fr), 1);
    cr_assert_eq(fmt_csv_header(&dec, out.data, fr.len, &err), WEIR_OK);
    off += fr.used;
    cr_assert_eq(fmt_frame(&dec, out.data + off, out.len - off, true, &fr), 1);
    cr_assert_eq(fr.nlines, 2);
    cr_assert_eq(fmt_csv_decode(&dec, out.data + off, fr.len, row, &text, &err), WEIR_OK, "%s",
                 err.msg);
    cr_assert_eq(row[0].u.i, 1);
    cr_assert_eq(row[1].u.i, -5);
    cr_assert_eq(row[2].u.i, INT64_MIN);
    cr_assert_eq(row[3].u.d, 0.1);
    assert_str(&row[4], s);
    cr_assert_eq(row[5].u.i, 1704164645678LL);
    off += fr.used;
    cr_assert_eq(fmt_frame(&dec, out.data + off, out.len - off, true, &fr), 1);
    cr_assert_eq(fmt_csv_decode(&dec, out.data + off, fr.len, row, &text, &err), WEIR_OK);
    for (int c = 0; c < 6; c++)
        if (c != 4) cr_assert(row[c].null);
    assert_str(&row[4], "");
    off += fr.used;
    cr_assert_eq(off, out.len);
    fmt_buf_free(&out);
}
