/**
 * A loopback emulator of the Google Admin SDK Directory API, and the search syntax it and the
 * in-memory source share.
 */
@NullMarked
package io.github.ssosync.emulators.google;

import org.jspecify.annotations.NullMarked;
