/**
 * The target side: what an identity store (AWS IAM Identity Center) holds, what it can do, and the
 * {@link io.github.ssosync.target.IdentityTarget} SPI it implements.
 */
@NullMarked
package io.github.ssosync.target;

import org.jspecify.annotations.NullMarked;
