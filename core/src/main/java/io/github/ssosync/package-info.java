/**
 * ssosync-java: keeps an identity store (AWS IAM Identity Center) in step with a directory (Google
 * Workspace), one way.
 *
 * <p>This package holds what every other package shares: the exception hierarchy and {@link
 * io.github.ssosync.Secret}. Start with {@link io.github.ssosync.engine.SyncEngine}.
 */
@NullMarked
package io.github.ssosync;

import org.jspecify.annotations.NullMarked;
