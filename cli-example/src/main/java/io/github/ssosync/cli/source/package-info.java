/**
 * An example custom {@link io.github.ssosync.directory.DirectorySource}: a directory kept in a YAML
 * or JSON file (the "directory in git" case), and the SPI tutorial of the README.
 */
@NullMarked
package io.github.ssosync.cli.source;

import org.jspecify.annotations.NullMarked;
