#ifndef WEFT_CSHA256_H
#define WEFT_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants K (FIPS 180-4, 4.2.2), shared with the portable rounds.
const uint32_t *weft_sha256_round_constants(void);

/// Whether this processor has the SHA extensions (x86-64 SHA-NI), so that
/// `weft_sha256_compress_blocks` may be called.
int weft_sha256_hardware_available(void);

/// Runs SHA-256's compression function (FIPS 180-4, 6.2.2) over `count` consecutive 64-byte
/// blocks at `blocks`, updating the eight state words in place, with the SHA-NI instructions.
/// Call only when `weft_sha256_hardware_available()` returned non-zero.
void weft_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
