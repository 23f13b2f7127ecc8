#ifndef WEFT_CPREFETCH_H
#define WEFT_CPREFETCH_H

/// Asks the processor to bring the cache line holding `address` towards its caches, without
/// waiting for it and without faulting (a hint: `address` may be any value). Swift has no
/// prefetch of its own; ingest uses this to start the hash-table loads of a record a few records
/// before it looks its ids up, so that those cache misses overlap instead of stalling in turn.
static inline void weft_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
