/**
 * How directory values become target values: the {@link io.github.ssosync.mapping.UserAttribute}s a
 * target keeps, the {@link io.github.ssosync.mapping.ValueTemplate}s that compute them from a
 * directory user or group, and the {@link io.github.ssosync.mapping.AttributeMapping} that ties one
 * to the other, part of the sync policy.
 */
@NullMarked
package io.github.ssosync.mapping;

import org.jspecify.annotations.NullMarked;
