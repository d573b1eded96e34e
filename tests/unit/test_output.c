/*
 * test_output.c - unit tests of the weir command's value printing
 * (cli/output.c, compiled into this test by including it): CSV quoting,
 * JSON string escapes, table cells and widths.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../cli/output.c"

/* Captures what fn(f, s) writes. */
#define CAPTURE(buf, call)                                   \
    do {                                                     \
        size_t len_ = 0;                                     \
        FILE *f = open_memstream(&(buf), &len_);             \
        cr_assert_not_null(f);                               \
        call;                                                \
        fclose(f);                                           \
    } while (0)

static void csv_is(const char *in, const char *want)
{
    char *got = NULL;
    CAPTURE(got, out_csv_field(f, in));
    cr_assert_str_eq(got, want, "csv(%s)", in);
    free(got);
}

static void json_is(const char *in, const char *want)
{
    char *got = NULL;
    CAPTURE(got, out_json_string(f, in));
    cr_assert_str_eq(got, want);
    free(got);
}

static void cell_is(const char *in, int width, bool right, const char *want)
{
    char *got = NULL;
    CAPTURE(got, out_table_cell(f, in, width, right));
    cr_assert_str_eq(got, want, "cell(%s, %d)", in, width);
    free(got);
}

Test(output, csv_quoting)
{
    csv_is("", "");
    csv_is("plain", "plain");
    csv_is("a,b", "\"a,b\"");
    csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
    csv_is("two\nlines", "\"two\nlines\"");
    csv_is("cr\r", "\"cr\r\"");
    csv_is("sp ace", "sp ace");
}

Test(output, json_escapes)
{
    json_is("", "\"\"");
    json_is("a\"b\\c", "\"a\\\"b\\\\c\"");
    json_is("l1\nl2\r\t", "\"l1\\nl2\\r\\t\"");
    json_is("\x01\x1f", "\"\\u0001\\u001f\"");
    json_is("h\xc3\xa9llo", "\"h\xc3\xa9llo\"");   /* UTF-8 passes through */
}

Test(output, table_cells)
{
    cell_is("ab", 5, false, "ab   ");
    cell_is("42", 5, true, "   42");
    cell_is("abcdef", 5, false, "ab...");
    cell_is("abcde", 5, false, "abcde");
    /* widths count code points: "é" is one column, and cutting keeps it whole */
    cell_is("\xc3\xa9t\xc3\xa9", 4, false, "\xc3\xa9t\xc3\xa9 ");
    cell_is("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 4, false, "\xc3\xa9...");
    /* a newline inside a value does not break the row */
    cell_is("a\nb", 3, false, "a b");
}

Test(output, table_widths)
{
    cr_assert_eq(out_table_width("b", WEIR_BOOLEAN), 6);
    cr_assert_eq(out_table_width("n", WEIR_BIGINT), 20);
    cr_assert_eq(out_table_width("d", WEIR_DOUBLE), 24);
    cr_assert_eq(out_table_width("ts", WEIR_TIMESTAMP), 23);
    cr_assert_eq(out_table_width("s", WEIR_VARCHAR), 20);
    cr_assert_eq(out_table_width("a_rather_long_column_name", WEIR_VARCHAR), 25);
}

Test(output, parse_format)
{
    OutFormat f;
    cr_assert_eq(out_parse_format("csv", &f), 0);
    cr_assert_eq(f, OUT_CSV);
    cr_assert_eq(out_parse_format("json", &f), 0);
    cr_assert_eq(f, OUT_JSON);
    cr_assert_eq(out_parse_format("table", &f), 0);
    cr_assert_eq(f, OUT_TABLE);
    cr_assert_eq(out_parse_format("xml", &f), -1);
}
