/**
 * Publishes each sync's measures to a Micrometer {@code MeterRegistry}: {@link
 * io.github.ssosync.micrometer.SyncMetrics}, a progress listener for the engine.
 */
@NullMarked
package io.github.ssosync.micrometer;

import org.jspecify.annotations.NullMarked;
