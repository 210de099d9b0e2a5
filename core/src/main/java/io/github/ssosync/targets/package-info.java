/**
 * The target side: what an identity store (AWS IAM Identity Center) holds, what it can do, and the
 * {@link io.github.ssosync.targets.IdentityTarget} SPI it implements.
 */
@NullMarked
package io.github.ssosync.targets;

import org.jspecify.annotations.NullMarked;
