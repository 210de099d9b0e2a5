package io.github.ssosync.cli.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.engine.RunMeasures;
import io.github.ssosync.engine.RunMeasures.Measure;
import io.github.ssosync.engine.RunMetric;
import io.github.ssosync.engine.SyncPhase;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The EMF documents against the rules of the CloudWatch Embedded Metric Format specification
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * which {@link #documents} checks on every line it parses.
 */
class EmbeddedMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-12-03T12:00:00.123Z");

  /** CloudWatch's units (MetricDatum.Unit in the CloudWatch API reference). */
  private static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  private final EmbeddedMetrics emf = new EmbeddedMetrics("ssosync", Map.of("Function", "sync"));

  private static RunMeasures measures() {
    return new RunMeasures(
        RunMeasures.Status.COMPLETED_WITH_FAILURES,
        Map.of(
            ChangeKind.CREATE_USER, new RunMeasures.Changes(5, 1, 0),
            ChangeKind.ADD_MEMBERSHIP, new RunMeasures.Changes(7, 0, 2)),
        3,
        Map.of("google", 4L, "scim", 9L),
        Map.of("scim", 2L),
        Map.of(
            SyncPhase.READ, Duration.ofMillis(1500),
            SyncPhase.PLAN, Duration.ofMillis(20),
            SyncPhase.APPLY, Duration.ofMillis(800)),
        Duration.ofMillis(2400));
  }

  @Test
  void eachRunIsOneDocumentForTheRunAndOnePerKindFamilyAndPhase() {
    List<JsonNode> docs = documents(emf.lines(measures(), AT));
    // run, 2 kinds, 2 families, 3 phases
    assertThat(docs).hasSize(8);
    JsonNode run = docs.get(0);
    assertThat(run.at("/_aws/Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
    assertThat(run.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("ssosync");
    assertThat(run.at("/_aws/CloudWatchMetrics/0/Dimensions").toString())
        .isEqualTo("[[\"Function\"]]");
    assertThat(run.get("Function").asText()).isEqualTo("sync");
    assertThat(run.get("RunsFailed").asDouble()).isEqualTo(1);
    assertThat(run.get("RunsCompleted").asDouble()).isZero();
    assertThat(run.get("RunsBlocked").asDouble()).isZero();
    assertThat(run.get("Warnings").asDouble()).isEqualTo(3);
    assertThat(run.get("RunDuration").asDouble()).isEqualTo(2400);
    assertThat(run.get("status").asText()).isEqualTo("completed_with_failures");

    JsonNode create = byDimension(docs, "ChangeKind", "create_user");
    // With the breakdown, and without it: the second set sums every kind for an alarm.
    assertThat(create.at("/_aws/CloudWatchMetrics/0/Dimensions").toString())
        .isEqualTo("[[\"Function\",\"ChangeKind\"],[\"Function\"]]");
    assertThat(create.get("ChangesApplied").asDouble()).isEqualTo(5);
    assertThat(create.get("ChangesFailed").asDouble()).isEqualTo(1);
    assertThat(create.get("ChangesSkipped").asDouble()).isZero();
    assertThat(byDimension(docs, "ChangeKind", "add_membership").get("ChangesSkipped").asDouble())
        .isEqualTo(2);
    JsonNode scim = byDimension(docs, "ApiFamily", "scim");
    assertThat(scim.get("ApiCalls").asDouble()).isEqualTo(9);
    assertThat(scim.get("ApiThrottles").asDouble()).isEqualTo(2);
    assertThat(byDimension(docs, "ApiFamily", "google").get("ApiThrottles").asDouble()).isZero();
    JsonNode read = byDimension(docs, "Phase", "read");
    assertThat(read.get("PhaseDuration").asDouble()).isEqualTo(1500);
    assertThat(read.at("/_aws/CloudWatchMetrics/0/Metrics/0/Unit").asText())
        .isEqualTo("Milliseconds");
  }

  @Test
  void moreThanAHundredMetricsAreSplitIntoDirectivesOfAHundred() {
    List<Measure> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(new Measure(RunMetric.WARNINGS, null, i));
    }
    JsonNode doc = documents(List.of(emf.document(null, null, many, Map.of(), AT))).get(0);
    JsonNode directives = doc.at("/_aws/CloudWatchMetrics");
    assertThat(directives).hasSize(3);
    assertThat(directives.get(0).get("Metrics")).hasSize(100);
    assertThat(directives.get(2).get("Metrics")).hasSize(50);
  }

  @Test
  void aFailedRunWithoutAReportStillFlagsItself() {
    List<JsonNode> docs = documents(emf.lines(RunMeasures.failed(Duration.ofSeconds(3)), AT));
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).get("RunsFailed").asDouble()).isEqualTo(1);
    assertThat(docs.get(0).get("status").asText()).isEqualTo("failed");
  }

  @Test
  void badNamespacesAndDimensionValuesAreRefused() {
    assertThatThrownBy(() -> new EmbeddedMetrics("", Map.of()))
        .hasMessageContaining("namespace \"\"");
    assertThatThrownBy(() -> new EmbeddedMetrics("ssosync", Map.of("Function", "sync\u00e9")))
        .hasMessageContaining("Function");
  }

  private static JsonNode byDimension(List<JsonNode> docs, String name, String value) {
    return docs.stream()
        .filter(d -> value.equals(d.path(name).asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no document with " + name + "=" + value));
  }

  /**
   * The EMF documents among log lines, each checked against the specification's rules.
   *
   * @param lines log lines
   * @return the lines that start an EMF document, parsed
   */
  static List<JsonNode> documents(List<String> lines) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("{\"_aws\"")) {
        out.add(checked(line));
      }
    }
    assertThat(out).as("EMF lines in %s", lines).isNotEmpty();
    return out;
  }

  private static JsonNode checked(String line) {
    JsonNode root;
    try {
      // "The LogEvent message MUST be a valid JSON object with no additional data at the
      // beginning or end of the LogEvent message string."
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(root.isObject()).isTrue();
    assertThat(line).isEqualTo(line.strip());
    JsonNode aws = root.get("_aws");
    assertThat(fields(aws)).isSubsetOf("Timestamp", "CloudWatchMetrics", "LogGroupName");
    // "Timestamp – A number representing the time stamp used for the metrics ... in
    // milliseconds after Jan 1, 1970 00:00:00 UTC."
    assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertThat(directives.isArray()).isTrue();
    for (JsonNode directive : directives) {
      assertThat(fields(directive)).containsExactlyInAnyOrder("Namespace", "Dimensions", "Metrics");
      String namespace = directive.get("Namespace").asText();
      assertThat(namespace.length()).isBetween(1, 255);
      for (JsonNode set : directive.get("Dimensions")) {
        // "A DimensionSet MUST NOT contain more than 30 dimension keys."
        assertThat(set.size()).isBetween(0, 30);
        for (JsonNode name : set) {
          // "The dimension values MUST be string values."
          assertThat(root.path(name.asText()).isTextual()).as("dimension %s", name).isTrue();
        }
      }
      // "A MetricDirective MUST NOT contain more than 100 MetricDefinition objects."
      assertThat(directive.get("Metrics").size()).isBetween(1, 100);
      for (JsonNode metric : directive.get("Metrics")) {
        assertThat(fields(metric)).isSubsetOf("Name", "Unit", "StorageResolution");
        String name = metric.get("Name").asText();
        assertThat(name.length()).isBetween(1, 255);
        assertThat(root.path(name).isNumber()).as("metric %s", name).isTrue();
        if (metric.has("Unit")) {
          assertThat(UNITS).contains(metric.get("Unit").asText());
        }
      }
    }
    return root;
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
