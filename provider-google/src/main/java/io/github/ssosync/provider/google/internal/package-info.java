/** Implementation detail of the Google provider; outside the compatibility promise. */
@NullMarked
package io.github.ssosync.provider.google.internal;

import org.jspecify.annotations.NullMarked;
