package io.github.ssosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.cli.internal.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-format json} and {@code --log-level}, read back from the captured output. */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir java.nio.file.Path dir;
  private CliHarness h;

  @BeforeEach
  void start() {
    h = new CliHarness(dir).scim();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void jsonMakesEveryLineJsonLibraryLinesIncludedEachWithTheRunId() throws Exception {
    assertThat(h.run("-g", "email:aws-*", "--log-format", "json")).as(h.err).isEqualTo(0);
    List<JsonNode> lines = lines(h.err);
    Set<String> loggers = new TreeSet<>();
    Set<String> runIds = new TreeSet<>();
    for (JsonNode line : lines) {
      loggers.add(line.path("loggerName").asText());
      runIds.add(line.path("context").path("properties").path("runId").asText());
      assertThat(line.path("level").asText()).isIn("INFO", "WARN", "ERROR");
      assertThat(line.path("formattedMessage").asText()).isNotBlank();
    }
    // The engine's own lines (a library), the progress lines and one run id on all of them.
    assertThat(loggers).contains("io.github.ssosync.engine.SyncEngine", "ssosync.progress");
    assertThat(runIds).hasSize(1).allMatch(id -> !id.isBlank());
    // Standard output is the report, one JSON line.
    List<JsonNode> out = lines(h.out);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).path("schema").asText()).startsWith("ssosync-report/");

    // A plan asked for as JSON is one line too.
    assertThat(h.run("plan", "--json", "-g", "email:aws-*", "--log-format", "json")).isZero();
    assertThat(lines(h.out))
        .singleElement()
        .satisfies(p -> assertThat(p.path("schema").asText()).startsWith("ssosync-plan/"));

    // The variable does the same, and a second run has another id.
    h.env.put("SSOSYNC_LOG_FORMAT", "json");
    assertThat(h.run("-g", "email:aws-*")).isEqualTo(0);
    List<JsonNode> again = lines(h.err);
    assertThat(again).isNotEmpty();
    assertThat(again.get(0).path("context").path("properties").path("runId").asText())
        .isNotIn(runIds)
        .isNotBlank();
  }

  @Test
  void theCliOwnStatusLinesAreJsonToo() throws Exception {
    assertThat(h.run("-g", "email:aws-*", "--log-format", "json", "--report-out", dir.toString()))
        .isEqualTo(ExitCode.OUTPUT_NOT_WRITTEN);
    assertThat(lines(h.err))
        .anySatisfy(
            l -> {
              assertThat(l.path("level").asText()).isEqualTo("ERROR");
              assertThat(l.path("formattedMessage").asText()).contains("--report-out");
            });
  }

  @Test
  void warnSilencesProgressAndInfo() {
    assertThat(h.run("-g", "email:aws-*", "--log-level", "warn")).as(h.err).isEqualTo(0);
    assertThat(h.err).doesNotContain("[read]").doesNotContain("[apply]").doesNotContain("INFO");
    assertThat(h.out).contains("Sync completed");
    assertThat(h.run("-g", "email:aws-*")).isEqualTo(0);
    assertThat(h.err).contains("[read]").contains("INFO SyncEngine - planned");
  }

  @Test
  void anUnknownFormatOrLevelNamesItsFlag() {
    assertThat(h.run("plan", "-g", "*", "--log-format", "xml"))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(h.err).contains("--log-format (SSOSYNC_LOG_FORMAT) \"xml\": use text or json");
    assertThat(h.run("plan", "-g", "*", "--log-level", "loud"))
        .isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(h.err).contains("--log-level (SSOSYNC_LOG_LEVEL) \"loud\"");
    assertThat(h.awsCalls()).isZero();
  }

  @Test
  void anUnknownOptionIsAJsonLineTooWhenJsonIsAsked() throws Exception {
    assertThat(h.run("--frobnicate", "--log-format", "json")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(lines(h.err))
        .singleElement()
        .satisfies(l -> assertThat(l.path("formattedMessage").asText()).contains("'--frobnicate'"));
    assertThat(h.run("--frobnicate")).isEqualTo(ExitCode.BAD_CONFIGURATION);
    assertThat(h.err).startsWith("error: Unknown option: '--frobnicate'");
  }

  /** Every non-empty line, each of which must be one JSON object. */
  private static List<JsonNode> lines(String text) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as(line).isTrue();
        out.add(node);
      }
    }
    return out;
  }
}
