/**
 * Test kit: in-memory reference implementations of both SPIs, directory content and a seeded
 * generator of it, loopback emulators of the cloud APIs (subpackages), and the contract tests every
 * provider extends (package {@code io.github.ssosync.testkit.contract}).
 */
@NullMarked
package io.github.ssosync.testkit;

import org.jspecify.annotations.NullMarked;
