package io.github.ssosync.emulators.google;

import static io.github.ssosync.emulators.google.DirectoryResources.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssosync.emulators.google.ActivityLog.Activity;
import io.github.ssosync.emulators.google.Requests.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Reports API's {@code activities.list} ({@code GET
 * admin/reports/v1/activity/users/{userKey}/applications/{applicationName}}), with the rules of its
 * reference (developers.google.com/workspace/admin/reports/v1/reference/activities/list):
 *
 * <ul>
 *   <li>{@code startTime} and {@code endTime} are RFC 3339; "startTime must be before the endTime
 *       (if specified) and the current time when the request is made, or the API returns an error":
 *       400 here. {@code endTime} defaults to "the approximate time of the API request".
 *   <li>Activities older than the retention (180 days) are not returned, whatever startTime asks
 *       for: the reference returns "all activities in the last 180 days" then, without an error.
 *   <li>{@code maxResults}: 1 to 1000, default 1000.
 *   <li>{@code eventName} keeps the activities of that event.
 *   <li>Newest first; a {@code nextPageToken} while more remain. A token pins the instant the first
 *       page was read, so that events arriving meanwhile do not shift later pages (the reference is
 *       silent; the stable reading).
 *   <li>{@code filters}, {@code orgUnitID}, {@code groupIdFilter} and {@code actorIpAddress} are
 *       not emulated: refused with 400 rather than ignored, so no test relies on them silently.
 * </ul>
 */
final class ActivityOperations {
  /** Application names of the {@code applicationName} enum that the emulator knows. */
  private static final Set<String> APPLICATIONS =
      Set.of(
          ActivityLog.ADMIN,
          ActivityLog.GROUPS_ENTERPRISE,
          "groups",
          "login",
          "drive",
          "token",
          "saml",
          "user_accounts",
          "calendar",
          "mobile",
          "rules",
          "chat",
          "meet");

  private ActivityOperations() {}

  static String list(
      ActivityLog log, String userKey, String application, Map<String, String> q, Instant now)
      throws Refusal {
    if (!APPLICATIONS.contains(application)) {
      throw new Refusal(400, "Invalid value '" + application + "' for applicationName", "invalid");
    }
    for (String p : List.of("filters", "orgUnitID", "groupIdFilter", "actorIpAddress")) {
      if (q.containsKey(p)) {
        throw new Refusal(400, "The emulator does not support " + p, "invalid");
      }
    }
    int size = Requests.pageSize(q, 1000, 1000);
    Instant asOf = now;
    int offset = 0;
    String token = q.get("pageToken");
    String fingerprint =
        Integer.toHexString(
            (userKey
                    + "|"
                    + application
                    + "|"
                    + q.get("startTime")
                    + "|"
                    + q.get("endTime")
                    + "|"
                    + q.get("eventName"))
                .hashCode());
    if (token != null) {
      String[] t = decode(token);
      if (t.length != 3 || !t[2].equals(fingerprint)) {
        throw new Refusal(400, "Invalid Input: pageToken", "invalid");
      }
      try {
        asOf = Instant.ofEpochMilli(Long.parseLong(t[0]));
        offset = Integer.parseInt(t[1]);
      } catch (NumberFormatException e) {
        throw new Refusal(400, "Invalid Input: pageToken", "invalid");
      }
    }
    Instant start = time(q, "startTime");
    Instant end = time(q, "endTime");
    if (start != null && (start.isAfter(asOf) || (end != null && start.isAfter(end)))) {
      throw new Refusal(
          400, "Start time must be less than or equal to end time and current time", "invalid");
    }
    String eventName = q.get("eventName");
    List<Activity> all =
        log.visible(application, asOf).stream()
            .filter(a -> userKey.equals("all") || a.actor().equalsIgnoreCase(userKey))
            .filter(a -> start == null || !a.time().isBefore(start))
            .filter(a -> end == null || a.time().isBefore(end))
            .filter(a -> eventName == null || a.name().equals(eventName))
            .toList();
    ObjectNode body = JSON.createObjectNode();
    body.put("kind", "admin#reports#activities");
    body.put("etag", "\"emulated/" + Integer.toHexString(all.size()) + "\"");
    ArrayNode items = body.putArray("items");
    int last = Math.min(all.size(), offset + size);
    for (int i = offset; i < last; i++) {
      items.add(render(all.get(i)));
    }
    if (items.isEmpty()) {
      body.remove("items");
    }
    if (last < all.size()) {
      String next = asOf.toEpochMilli() + ":" + last + ":" + fingerprint;
      body.put(
          "nextPageToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(next.getBytes(StandardCharsets.UTF_8)));
    }
    return body.toString();
  }

  /** One activity in the Activities resource's shape. */
  private static ObjectNode render(Activity a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("kind", "admin#reports#activity");
    n.put("etag", "\"a" + a.uniqueQualifier() + "\"");
    ObjectNode id = n.putObject("id");
    id.put("time", a.time().toString());
    id.put("uniqueQualifier", String.valueOf(a.uniqueQualifier()));
    id.put("applicationName", a.application());
    id.put("customerId", GoogleDirectoryEmulator.CUSTOMER_ID);
    ObjectNode actor = n.putObject("actor");
    actor.put("callerType", "USER");
    actor.put("email", a.actor());
    actor.put("profileId", "100000000000000000001");
    n.put("ipAddress", "127.0.0.1");
    ObjectNode event = n.putArray("events").addObject();
    event.put("type", a.type());
    event.put("name", a.name());
    ArrayNode parameters = event.putArray("parameters");
    a.parameters().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parameters.addObject().put("name", e.getKey()).put("value", e.getValue()));
    return n;
  }

  private static Instant time(Map<String, String> q, String name) throws Refusal {
    String v = q.get(name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new Refusal(400, "Invalid value '" + v + "' for " + name, "invalid");
    }
  }

  private static String[] decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
    } catch (IllegalArgumentException e) {
      return new String[0];
    }
  }
}
