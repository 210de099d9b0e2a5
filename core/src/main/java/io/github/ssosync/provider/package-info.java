/**
 * The toolkit for writing a provider (a {@link io.github.ssosync.directory.DirectorySource} or an
 * {@link io.github.ssosync.targets.IdentityTarget}): everything a client of a remote API needs
 * besides the API itself.
 *
 * <ul>
 *   <li>{@link io.github.ssosync.provider.ApiFamily}: one value per API family (all the calls that
 *       share one quota), bundling its quota in requests per second, its {@link
 *       io.github.ssosync.provider.RetryPolicy} and the counting of its calls. Every provider
 *       builder accepts one per family it calls.
 *   <li>{@link io.github.ssosync.provider.RetryAfter}: how a provider tells the family that the
 *       server asked it to wait, and the parser of the HTTP {@code Retry-After} header.
 *   <li>{@link io.github.ssosync.provider.CallCounter} and {@link
 *       io.github.ssosync.provider.DaemonThreads} for providers that count or fan out on their own.
 * </ul>
 *
 * <p>A provider translates its client's failures into {@link io.github.ssosync.ProviderException}s
 * whose {@link io.github.ssosync.ProviderException#retryable() retryable} flag decides whether the
 * family tries again.
 */
@NullMarked
package io.github.ssosync.provider;

import org.jspecify.annotations.NullMarked;
