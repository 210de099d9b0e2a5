/**
 * What every loopback emulator shares: a server on 127.0.0.1 with a free port, call counters,
 * injectable faults and latency, and an optional quota the emulator enforces like the real service.
 */
@NullMarked
package io.github.ssosync.emulators.loopback;

import org.jspecify.annotations.NullMarked;
