/**
 * Contract tests (a TCK): abstract JUnit 5 classes that every {@link
 * io.github.ssosync.directory.DirectorySource} and {@link io.github.ssosync.targets.IdentityTarget}
 * implementation extends with a few lines. Tests that need a capability the implementation lacks
 * are skipped by assumption, visibly.
 */
@NullMarked
package io.github.ssosync.testkit.contract;

import org.jspecify.annotations.NullMarked;
