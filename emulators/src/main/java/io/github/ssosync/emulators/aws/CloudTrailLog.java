package io.github.ssosync.emulators.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The account's CloudTrail event history in one region: the management events the Identity Store
 * API ({@code identitystore.amazonaws.com}) and the SCIM endpoint ({@code
 * identitystore-scim.amazonaws.com}) record for the calls they serve, looked up by {@link
 * CloudTrailServer}.
 *
 * <p>Rules, with their sources:
 *
 * <ul>
 *   <li>Both write and read calls are management events; reads have {@code readOnly: true}. The
 *       SCIM logging page lists GetUser, ListUsers, GetGroup, ListGroups among the logged
 *       operations; Identity Store reads are logged the same way (IAM Identity Center "Logging ...
 *       with AWS CloudTrail": Identity Store APIs log to {@code identitystore.amazonaws.com}).
 *       Recording reads can be turned off to save memory in benchmarks.
 *   <li>A failed call is recorded with {@code errorCode} and {@code errorMessage} and null {@code
 *       responseElements} (the SCIM logging page's failed PatchGroup, CreateGroup, PatchUser).
 *   <li>Personal data is masked as {@code HIDDEN_DUE_TO_SECURITY_REASONS}: names, user names,
 *       emails, PATCH values (SCIM page examples); ids stay in clear: the SCIM path id as {@code
 *       requestParameters.id}, a created object's id as {@code responseElements.id} (same page).
 *       The Identity Store pages show no example; the emulator keeps only ids (keys ending in
 *       {@code Id}) and attribute paths in clear, the stricter reading, with the API's member names
 *       in lower camel case as CloudTrail records JSON-protocol parameters.
 *   <li>{@code eventTime} has second precision (every CloudTrail example: {@code
 *       2024-02-05T19:18:53Z}).
 *   <li>Event history keeps 90 days ("You can look up events that occurred in a Region within the
 *       last 90 days", LookupEvents API reference); older events are silently absent, so a reader
 *       must check its window itself.
 *   <li>An event becomes visible after a delivery lag (default zero here; CloudTrail "typically
 *       delivers logs within an average of about 5 minutes of an API call. This time is not
 *       guaranteed", CloudTrail user guide, "Getting and viewing your CloudTrail log files").
 * </ul>
 */
final class CloudTrailLog {
  static final String IDENTITY_STORE = "identitystore.amazonaws.com";
  static final String SCIM = "identitystore-scim.amazonaws.com";
  static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
  static final Duration RETENTION = Duration.ofDays(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded event; {@code json} is the CloudTrailEvent document. */
  record Event(
      long seq,
      String id,
      String source,
      String name,
      Instant time,
      boolean readOnly,
      String accessKeyId,
      String json) {}

  private final List<Event> events = new ArrayList<>();
  // The same events by source, so that a lookup by source (the feed's) scans only its own.
  private final java.util.Map<String, List<Event>> bySource = new java.util.HashMap<>();
  private final String region;
  private final String accountId = "123456789012";
  private volatile Clock clock = Clock.systemUTC();
  private volatile Duration lag = Duration.ZERO;
  private volatile boolean recordReads = true;
  private volatile boolean recording = true;

  CloudTrailLog(String region) {
    this.region = region;
  }

  void clock(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  void lag(Duration lag) {
    this.lag = lag;
  }

  void recordReads(boolean on) {
    this.recordReads = on;
  }

  void recording(boolean on) {
    this.recording = on;
  }

  /**
   * Records one call.
   *
   * @param source the event source
   * @param name the operation
   * @param readOnly whether the call only reads
   * @param userAgent the request's User-Agent
   * @param accessKeyId the caller's access key id
   * @param identityType {@code userIdentity.type}
   * @param errorCode the error, null when the call succeeded
   * @param errorMessage the error's message
   * @param requestParameters already masked
   * @param responseElements already masked; null for failures and bodiless answers
   */
  void record(
      String source,
      String name,
      boolean readOnly,
      @Nullable String userAgent,
      String accessKeyId,
      String identityType,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable JsonNode requestParameters,
      @Nullable JsonNode responseElements) {
    if (!recording || (readOnly && !recordReads)) {
      return;
    }
    Instant time = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String id = UUID.randomUUID().toString();
    ObjectNode e = JSON.createObjectNode();
    e.put("eventVersion", "1.10");
    ObjectNode who = e.putObject("userIdentity");
    who.put("type", identityType).put("accountId", accountId).put("accessKeyId", accessKeyId);
    e.put("eventTime", time.toString());
    e.put("eventSource", source);
    e.put("eventName", name);
    e.put("awsRegion", region);
    e.put("sourceIPAddress", "127.0.0.1");
    e.put("userAgent", userAgent == null ? "" : userAgent);
    if (errorCode != null) {
      e.put("errorCode", errorCode);
      e.put("errorMessage", errorMessage == null ? "" : errorMessage);
    }
    e.set("requestParameters", requestParameters);
    e.set("responseElements", errorCode == null ? responseElements : null);
    e.put("requestID", UUID.randomUUID().toString());
    e.put("eventID", id);
    e.put("readOnly", readOnly);
    e.put("eventType", "AwsApiCall");
    e.put("managementEvent", true);
    e.put("recipientAccountId", accountId);
    e.put("eventCategory", "Management");
    synchronized (events) {
      Event event =
          new Event(events.size(), id, source, name, time, readOnly, accessKeyId, e.toString());
      events.add(event);
      bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(event);
    }
  }

  /** The Identity Store API's writes; every other operation reads (CloudTrail {@code readOnly}). */
  private static final Set<String> WRITES =
      Set.of(
          "CreateUser",
          "UpdateUser",
          "DeleteUser",
          "CreateGroup",
          "UpdateGroup",
          "DeleteGroup",
          "CreateGroupMembership",
          "DeleteGroupMembership");

  /**
   * Records an Identity Store API call as {@code identitystore.amazonaws.com}, with the access key
   * id of the request's SigV4 credential; a read's response is left out (CloudTrail records no
   * listed data).
   */
  void identityStoreCall(
      String op,
      @Nullable String userAgent,
      @Nullable String authorization,
      JsonNode in,
      @Nullable JsonNode out,
      @Nullable String errorCode,
      @Nullable String errorMessage) {
    boolean write = WRITES.contains(op);
    record(
        IDENTITY_STORE,
        op,
        !write,
        userAgent,
        accessKeyId(authorization),
        "IAMUser",
        errorCode,
        errorMessage,
        masked(in, true),
        out == null || !write ? null : masked(out, true));
  }

  /** {@code AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ...}. */
  private static String accessKeyId(@Nullable String authorization) {
    if (authorization == null) {
      return "";
    }
    int at = authorization.indexOf("Credential=");
    int end = at < 0 ? -1 : authorization.indexOf('/', at);
    return end < 0 ? "" : authorization.substring(at + "Credential=".length(), end);
  }

  /**
   * The visible events in {@code [start, end]} that match, newest first.
   *
   * @param source the event source asked for, or null for any
   * @param start inclusive
   * @param end inclusive
   * @param match the lookup attribute's test
   * @param after the position of the previous page's last event, or null
   * @param max page size
   * @return up to {@code max + 1} events (one more than a page says whether another page follows)
   */
  List<Event> lookup(
      @Nullable String source,
      Instant start,
      Instant end,
      Predicate<Event> match,
      @Nullable Long after,
      int max) {
    Instant now = clock.instant();
    Instant visibleUntil = now.minus(lag);
    Instant oldest = now.minus(RETENTION);
    List<Event> snapshot;
    synchronized (events) {
      snapshot =
          new ArrayList<>(source == null ? events : bySource.getOrDefault(source, List.of()));
    }
    // Newest first: by time, then by the order the calls were served.
    snapshot.sort(
        (a, b) ->
            a.time().equals(b.time())
                ? Long.compare(b.seq(), a.seq())
                : b.time().compareTo(a.time()));
    List<Event> out = new ArrayList<>();
    boolean past = after == null;
    for (Event e : snapshot) {
      if (!past) {
        past = e.seq() == after;
        continue;
      }
      if (e.time().isAfter(visibleUntil)
          || e.time().isBefore(oldest)
          || e.time().isBefore(start)
          || e.time().isAfter(end)
          || !match.test(e)) {
        continue;
      }
      out.add(e);
      if (out.size() > max) {
        break;
      }
    }
    return out;
  }

  /**
   * A request or response body with personal data masked: ids ({@code id} and keys ending in {@code
   * Id}, except {@code externalId}), attribute paths and PATCH ops stay in clear, booleans and
   * numbers too ({@code "active": true} in the SCIM example); other strings are hidden.
   *
   * @param in the body
   * @param lowerCamel whether to rename members to lower camel case (Identity Store API)
   * @return the masked copy
   */
  static JsonNode masked(JsonNode in, boolean lowerCamel) {
    if (in.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      in.fields()
          .forEachRemaining(
              f -> {
                String key = lowerCamel ? lowerCamel(f.getKey()) : f.getKey();
                out.set(
                    key, clear(key) ? f.getValue().deepCopy() : masked(f.getValue(), lowerCamel));
              });
      return out;
    }
    if (in.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      in.forEach(v -> out.add(masked(v, lowerCamel)));
      return out;
    }
    return in.isTextual() ? JSON.getNodeFactory().textNode(HIDDEN) : in.deepCopy();
  }

  private static final Set<String> CLEAR = Set.of("id", "attributePath", "op", "path", "meta");

  private static boolean clear(String key) {
    return CLEAR.contains(key) || (key.endsWith("Id") && !key.equals("externalId"));
  }

  private static String lowerCamel(String key) {
    return key.isEmpty() ? key : key.substring(0, 1).toLowerCase(Locale.ROOT) + key.substring(1);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
