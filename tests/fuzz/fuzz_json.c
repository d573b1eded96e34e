/*
 * fuzz_json.c - libFuzzer target for JSON-lines records: framing, decoding, the
 * encode/decode round trip and the file connector (the shared body is
 * fuzz_format.h).
 */
#define FUZZ_KIND FMT_JSON
#include "fuzz_format.h"
