/*
 * fuzz_csv.c - libFuzzer target for CSV records: framing, header mapping,
 * decoding, the encode/decode round trip and the file connector (the shared
 * body is fuzz_format.h).
 */
#define FUZZ_KIND FMT_CSV
#include "fuzz_format.h"
