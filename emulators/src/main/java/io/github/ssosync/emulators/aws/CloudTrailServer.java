package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.ssosync.emulators.aws.CloudTrailLog.Event;
import io.github.ssosync.emulators.loopback.FaultKind;
import io.github.ssosync.emulators.loopback.LoopbackServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * CloudTrail's {@code LookupEvents} (AWS JSON 1.1 on {@code POST /}, {@code X-Amz-Target:
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}), over a {@link
 * CloudTrailLog}, with the rules of the LookupEvents API reference:
 *
 * <ul>
 *   <li>{@code LookupAttributes}: at most one ("Contains a list of lookup attributes. Currently the
 *       list can contain only one item."), keyed by EventId, EventName, ReadOnly, Username,
 *       ResourceType, ResourceName, EventSource or AccessKeyId; else {@code
 *       InvalidLookupAttributesException}.
 *   <li>{@code StartTime} and {@code EndTime} inclusive; a start after the end is {@code
 *       InvalidTimeRangeException}; defaults: the retained 90 days and now.
 *   <li>{@code MaxResults} 1 to 50, default 50; else {@code InvalidMaxResultsException}.
 *   <li>{@code NextToken} valid only with the parameters that produced it ({@code
 *       InvalidNextTokenException}: "a token that was previously used in a request with different
 *       parameters").
 *   <li>Events newest first.
 *   <li>"The rate of lookup requests is limited to two per second, per account, per Region. If this
 *       limit is exceeded, a throttling error occurs": more than two requests in any one second are
 *       refused with HTTP 400 {@code ThrottlingException}, always (not a fault to switch on).
 * </ul>
 */
final class CloudTrailServer extends LoopbackServer {
  static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final Set<String> KEYS =
      Set.of(
          "EventId",
          "EventName",
          "ReadOnly",
          "Username",
          "ResourceType",
          "ResourceName",
          "EventSource",
          "AccessKeyId");
  private static final int PER_SECOND = 2;

  private final CloudTrailLog log;
  private final ArrayDeque<Long> accepted = new ArrayDeque<>();

  CloudTrailServer(CloudTrailLog log) {
    this.log = log;
  }

  @Override
  protected String operationOf(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null) {
      return "cloudtrail.unknown";
    }
    return "cloudtrail." + target.substring(target.lastIndexOf('.') + 1);
  }

  @Override
  protected void writeFault(HttpExchange exchange, String operation, FaultKind fault)
      throws IOException {
    switch (fault) {
      case THROTTLE -> error(exchange, 400, "ThrottlingException", "Rate exceeded");
      case UNAVAILABLE -> error(exchange, 503, "ServiceUnavailableException", "Unavailable");
      case UNAUTHORIZED ->
          error(
              exchange,
              400,
              "UnrecognizedClientException",
              "The security token included in the request is invalid.");
      default -> error(exchange, 500, "InternalFailure", "Internal failure");
    }
  }

  /** At most {@link #PER_SECOND} accepted requests in any one-second window (real time). */
  private boolean admit() {
    long now = System.nanoTime();
    synchronized (accepted) {
      while (!accepted.isEmpty() && now - accepted.peekFirst() >= 1_000_000_000L) {
        accepted.removeFirst();
      }
      if (accepted.size() >= PER_SECOND) {
        return false;
      }
      accepted.addLast(now);
      return true;
    }
  }

  @Override
  protected void serve(HttpExchange exchange, String operation, byte[] body) throws IOException {
    if (!operation.equals("cloudtrail.LookupEvents")) {
      error(exchange, 400, "UnknownOperationException", "Unknown operation " + operation);
      return;
    }
    if (!admit()) {
      error(exchange, 400, "ThrottlingException", "Rate exceeded");
      return;
    }
    JsonNode in;
    try {
      in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      error(exchange, 400, "SerializationException", "Malformed JSON");
      return;
    }
    try {
      ok(exchange, lookup(in));
    } catch (Refusal r) {
      error(exchange, 400, r.type, r.getMessage());
    }
  }

  private ObjectNode lookup(JsonNode in) {
    Predicate<Event> match = attribute(in.path("LookupAttributes"));
    Instant now = log.now();
    Instant start = time(in, "StartTime", now.minus(CloudTrailLog.RETENTION));
    Instant end = time(in, "EndTime", now);
    if (start.isAfter(end)) {
      throw new Refusal("InvalidTimeRangeException", "The start time is after the end time.");
    }
    int max = 50;
    if (in.has("MaxResults")) {
      max = in.path("MaxResults").asInt(-1);
      if (max < 1 || max > 50) {
        throw new Refusal(
            "InvalidMaxResultsException", "MaxResults must be between 1 and 50: " + max);
      }
    }
    // The token binds the position to the parameters that produced it.
    ObjectNode params = ((ObjectNode) in.deepCopy());
    params.remove("NextToken");
    params.remove("MaxResults");
    int fingerprint = params.toString().hashCode();
    Long after = null;
    if (in.hasNonNull("NextToken")) {
      after = token(in.path("NextToken").asText(), fingerprint);
    }
    JsonNode first = in.path("LookupAttributes").path(0);
    String source =
        first.path("AttributeKey").asText("").equals("EventSource")
            ? first.path("AttributeValue").asText()
            : null;
    List<Event> found = log.lookup(source, start, end, match, after, max);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode events = out.putArray("Events");
    int n = Math.min(max, found.size());
    for (int i = 0; i < n; i++) {
      Event e = found.get(i);
      ObjectNode o = events.addObject();
      o.put("EventId", e.id());
      o.put("EventName", e.name());
      o.put("ReadOnly", String.valueOf(e.readOnly()));
      o.put("AccessKeyId", e.accessKeyId());
      o.put("EventTime", e.time().getEpochSecond());
      o.put("EventSource", e.source());
      o.putArray("Resources");
      o.put("CloudTrailEvent", e.json());
    }
    if (found.size() > max) {
      String raw = found.get(max - 1).seq() + ":" + fingerprint;
      out.put(
          "NextToken", Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static long token(String token, int fingerprint) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      if (colon > 0 && Integer.parseInt(raw.substring(colon + 1)) == fingerprint) {
        return Long.parseLong(raw.substring(0, colon));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new Refusal(
        "InvalidNextTokenException",
        "A token that is not valid, or a token that was previously used in a request with"
            + " different parameters.");
  }

  private static Predicate<Event> attribute(JsonNode attributes) {
    if (attributes.isMissingNode() || attributes.isNull() || attributes.isEmpty()) {
      return e -> true;
    }
    if (!attributes.isArray() || attributes.size() > 1) {
      throw new Refusal(
          "InvalidLookupAttributesException", "Only one lookup attribute can be specified.");
    }
    JsonNode a = attributes.get(0);
    String key = a.path("AttributeKey").asText("");
    String value = a.path("AttributeValue").asText("");
    if (!KEYS.contains(key) || value.isEmpty() || value.length() > 2000) {
      throw new Refusal(
          "InvalidLookupAttributesException",
          "Lookup attribute " + key + " is not supported or its value is not valid.");
    }
    return switch (key) {
      case "EventId" -> e -> e.id().equals(value);
      case "EventName" -> e -> e.name().equals(value);
      case "ReadOnly" -> e -> String.valueOf(e.readOnly()).equals(value);
      case "EventSource" -> e -> e.source().equals(value);
      case "AccessKeyId" -> e -> e.accessKeyId().equals(value);
      // The emulator records no user names and no resources.
      default -> e -> false;
    };
  }

  private static Instant time(JsonNode in, String field, Instant fallback) {
    JsonNode t = in.path(field);
    if (t.isMissingNode() || t.isNull()) {
      return fallback;
    }
    if (!t.isNumber()) {
      throw new Refusal("SerializationException", field + " must be a timestamp");
    }
    return Instant.ofEpochMilli(Math.round(t.asDouble() * 1000));
  }

  private static void ok(HttpExchange exchange, ObjectNode out) throws IOException {
    send(exchange, 200, JSON_11, out.toString(), Map.of());
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    ObjectNode out = JSON.createObjectNode();
    out.put("__type", type);
    out.put("message", message);
    send(exchange, status, JSON_11, out.toString(), Map.of("x-amzn-ErrorType", type));
  }

  /** A refused request. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String type;

    Refusal(String type, @Nullable String message) {
      super(message, null, false, false);
      this.type = type;
    }
  }
}
