/** Benchmarks; not published. */
package io.github.ssosync.bench;
