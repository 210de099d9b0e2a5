/** Implementation detail of the CLI. */
@NullMarked
package io.github.ssosync.cli.internal;

import org.jspecify.annotations.NullMarked;
