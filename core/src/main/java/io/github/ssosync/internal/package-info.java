/** Implementation detail of the core; outside the compatibility promise. */
@NullMarked
package io.github.ssosync.internal;

import org.jspecify.annotations.NullMarked;
