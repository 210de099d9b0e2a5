/**
 * The changes a plan is made of: a sealed family of records, each with the reason it exists, which
 * an {@link io.github.ssosync.targets.IdentityTarget} applies.
 */
@NullMarked
package io.github.ssosync.change;

import org.jspecify.annotations.NullMarked;
