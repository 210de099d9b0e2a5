/** An AWS Lambda entry point, so the jar can run on a schedule as ssosync does. */
@NullMarked
package io.github.ssosync.cli.lambda;

import org.jspecify.annotations.NullMarked;
