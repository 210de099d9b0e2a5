package io.github.ssosync.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.engine.ChangeOutcome;
import io.github.ssosync.engine.SyncReport;

/** A sync report as JSON ({@code ssosync-report/v1}, documented in the README). */
public final class ReportFormat {
  /** The report schema's id, written as {@code "schema"}. */
  public static final String SCHEMA = "ssosync-report/v1";

  private ReportFormat() {}

  /**
   * @param report a report
   * @return status, what became of the state (if kept), timings, calls, outcomes, and the plan it
   *     applied, as pretty-printed JSON
   */
  public static String json(SyncReport report) {
    ObjectNode root = PlanJsonWriter.MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("status", report.status().name());
    root.put("stopReason", report.stopReason());
    if (report.state() != null) {
      // What became of the state of an engine that keeps one: "saved to ...", or why not.
      root.put("state", report.state());
    }
    ObjectNode t = root.putObject("timingsMillis");
    t.put("read", report.timings().read().toMillis());
    t.put("plan", report.timings().plan().toMillis());
    t.put("apply", report.timings().apply().toMillis());
    t.put("total", report.timings().total().toMillis());
    ObjectNode calls = root.putObject("apiCalls");
    report.apiCalls().forEach(calls::put);
    ArrayNode list = root.putArray("outcomes");
    for (ChangeOutcome o : report.outcomes()) {
      ObjectNode node = list.addObject();
      node.put("status", o.status().name());
      node.set("change", PlanJsonWriter.change(o.change()));
      node.put("targetId", o.targetId());
      node.put("reason", o.reason() == null ? null : o.reason().name());
      node.put("message", o.message());
    }
    root.set("plan", PlanJsonWriter.plan(report.plan()));
    return PlanJsonWriter.write(root);
  }
}
