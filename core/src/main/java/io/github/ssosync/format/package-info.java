/**
 * Plans and reports as text: {@link io.github.ssosync.format.PlanFormat} (table, Markdown, JSON,
 * and reading the JSON back) and {@link io.github.ssosync.format.ReportFormat}. Above {@code plan}
 * and {@code engine}; neither imports it.
 */
@NullMarked
package io.github.ssosync.format;

import org.jspecify.annotations.NullMarked;
