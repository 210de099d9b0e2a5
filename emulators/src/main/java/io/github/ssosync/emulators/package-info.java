/**
 * Emulators and in-memory stand-ins that need no test library at run time: in-memory reference
 * implementations of both SPIs, directory content and a seeded generator of it, and loopback
 * emulators of the cloud APIs (subpackages). The CLI's {@code demo} runs on them; the JUnit
 * contract tests every provider extends live in the separate {@code ssosync-testkit} artifact.
 */
@NullMarked
package io.github.ssosync.emulators;

import org.jspecify.annotations.NullMarked;
