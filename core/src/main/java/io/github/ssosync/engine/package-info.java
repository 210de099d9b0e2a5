/**
 * The {@link io.github.ssosync.engine.SyncEngine}, which reads both sides, plans and applies, and
 * the {@link io.github.ssosync.engine.SyncReport} it returns.
 */
@NullMarked
package io.github.ssosync.engine;

import org.jspecify.annotations.NullMarked;
