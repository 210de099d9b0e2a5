package io.github.ssosync.cli.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.engine.RunMeasures;
import io.github.ssosync.engine.RunMeasures.Measure;
import io.github.ssosync.engine.RunMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run's {@link RunMeasures} as CloudWatch Embedded Metric Format (EMF) documents, one JSON object
 * per log line, which CloudWatch Logs turns into metrics without an API call or a dependency.
 *
 * <p>Shaped by the EMF specification
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the root member {@code _aws} holds {@code Timestamp} (milliseconds since the epoch) and {@code
 * CloudWatchMetrics}, an array of directives {@code {Namespace, Dimensions, Metrics}}; {@code
 * Dimensions} is an array of dimension sets, each an array of at most 30 names of root members
 * holding string values; {@code Metrics} holds at most 100 {@code {Name, Unit}} definitions, each
 * naming a root member that holds a number. A root member has one value per document, so each value
 * of a broken-down metric (one kind of change, one API family, one phase) gets a document of its
 * own, published under two dimension sets: with the breakdown ({@code Function, ChangeKind}) and
 * without it ({@code Function}), so that an alarm can watch the total over all kinds.
 */
public final class EmbeddedMetrics {
  /** The spec: "A MetricDirective MUST NOT contain more than 100 MetricDefinition objects". */
  static final int MAX_METRICS_PER_DIRECTIVE = 100;

  /** The spec: a dimension set "MUST NOT contain more than 30 dimension keys". */
  static final int MAX_DIMENSIONS_PER_SET = 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String namespace;
  private final Map<String, String> dimensions;

  /**
   * @param namespace the CloudWatch namespace, 1 to 255 characters
   * @param dimensions the dimensions every metric carries, such as {@code Function} and the
   *     function's name; values are ASCII and not blank (CloudWatch's rule for dimension values)
   */
  public EmbeddedMetrics(String namespace, Map<String, String> dimensions) {
    if (namespace.isEmpty() || namespace.length() > 255) {
      throw new IllegalArgumentException(
          "namespace \"" + namespace + "\": must be 1 to 255 characters");
    }
    if (dimensions.size() >= MAX_DIMENSIONS_PER_SET) {
      throw new IllegalArgumentException("at most 29 dimensions, one is left for the breakdown");
    }
    dimensions.forEach(
        (k, v) -> {
          if (v.isBlank() || !v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                "dimension " + k + " \"" + v + "\": must be printable ASCII, not blank");
          }
        });
    this.namespace = namespace;
    this.dimensions = new LinkedHashMap<>(dimensions);
  }

  /**
   * @param measures what the run measured
   * @param at when the run ended (the metrics' timestamp)
   * @return the documents, one per log line: the run's own metrics first (with its status as the
   *     property {@code status}), then one per kind of change, API family and phase
   */
  public List<String> lines(RunMeasures measures, Instant at) {
    Map<Group, List<Measure>> groups = new LinkedHashMap<>();
    for (Measure m : measures.measures()) {
      RunMetric.Dimension d = m.metric().dimension();
      groups.computeIfAbsent(new Group(d, m.dimensionValue()), g -> new ArrayList<>()).add(m);
    }
    List<String> out = new ArrayList<>();
    groups.forEach(
        (group, values) -> {
          Map<String, String> properties =
              group.dimension() == null ? Map.of("status", measures.status().tagValue()) : Map.of();
          out.add(document(group.dimension(), group.value(), values, properties, at));
        });
    return out;
  }

  private record Group(RunMetric.@Nullable Dimension dimension, @Nullable String value) {}

  /** One EMF document: the measures share the dimension value; split into directives of 100. */
  String document(
      RunMetric.@Nullable Dimension dimension,
      @Nullable String value,
      List<Measure> measures,
      Map<String, String> properties,
      Instant at) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", at.toEpochMilli());
    ArrayNode directives = aws.putArray("CloudWatchMetrics");
    List<List<String>> sets = new ArrayList<>();
    List<String> base = new ArrayList<>(dimensions.keySet());
    if (dimension != null) {
      List<String> broken = new ArrayList<>(base);
      broken.add(dimension.cloudWatchName());
      sets.add(broken);
    }
    sets.add(base);
    for (int from = 0; from < measures.size(); from += MAX_METRICS_PER_DIRECTIVE) {
      ObjectNode directive = directives.addObject();
      directive.put("Namespace", namespace);
      ArrayNode dims = directive.putArray("Dimensions");
      for (List<String> set : sets) {
        ArrayNode names = dims.addArray();
        set.forEach(names::add);
      }
      ArrayNode metrics = directive.putArray("Metrics");
      for (Measure m :
          measures.subList(from, Math.min(measures.size(), from + MAX_METRICS_PER_DIRECTIVE))) {
        metrics
            .addObject()
            .put("Name", m.metric().cloudWatchName())
            .put("Unit", unit(m.metric().unit()));
      }
    }
    dimensions.forEach(root::put);
    if (dimension != null) {
      root.put(dimension.cloudWatchName(), Objects.requireNonNull(value));
    }
    for (Measure m : measures) {
      root.put(m.metric().cloudWatchName(), m.value());
    }
    properties.forEach(root::put);
    return root.toString();
  }

  /** CloudWatch's unit names (MetricDatum.Unit in the CloudWatch API reference). */
  private static String unit(RunMetric.Unit unit) {
    return switch (unit) {
      case COUNT -> "Count";
      case MILLISECONDS -> "Milliseconds";
    };
  }
}
