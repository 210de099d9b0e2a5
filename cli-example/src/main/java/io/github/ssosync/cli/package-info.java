/** The example command line: {@link io.github.ssosync.cli.SsoSyncCli}, with ssosync's flags. */
@NullMarked
package io.github.ssosync.cli;

import org.jspecify.annotations.NullMarked;
