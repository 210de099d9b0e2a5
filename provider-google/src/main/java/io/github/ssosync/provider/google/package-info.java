/**
 * A {@link io.github.ssosync.directory.DirectorySource} over the Google Admin SDK Directory API:
 * {@link io.github.ssosync.provider.google.GoogleDirectorySource}.
 */
@NullMarked
package io.github.ssosync.provider.google;

import org.jspecify.annotations.NullMarked;
