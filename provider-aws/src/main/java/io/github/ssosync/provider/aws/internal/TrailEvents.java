package io.github.ssosync.provider.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssosync.feed.FeedGapException;
import io.github.ssosync.feed.TargetChanges;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the CloudTrail events of IAM Identity Center into the objects they changed. Skips reads,
 * failed calls ({@code errorCode}), our own runs' writes ({@code ssosync-run/<id>} in {@code
 * userAgent}) and calls on another identity store; a write it does not know, or whose object it
 * cannot find, is a gap: it never guesses.
 *
 * <p>Where the ids are (IAM Identity Center user guide, "Logging IAM Identity Center SCIM API calls
 * with AWS CloudTrail", whose examples mask personal data as {@code
 * HIDDEN_DUE_TO_SECURITY_REASONS}): a SCIM call's path id in {@code requestParameters.id}, a
 * created object's id in {@code responseElements.id}; PATCH values (the members added or removed)
 * are masked, so a PatchGroup names its group only. Identity Store calls carry their request's ids
 * ({@code requestParameters.userId}, {@code groupId}, {@code membershipId}, {@code
 * identityStoreId}) and a create's new id in {@code responseElements}; DeleteGroupMembership names
 * the membership alone.
 */
public final class TrailEvents {
  /** The Identity Store API's event source. */
  public static final String IDENTITY_STORE = "identitystore.amazonaws.com";

  /** The SCIM endpoint's event source. */
  public static final String SCIM = "identitystore-scim.amazonaws.com";

  /**
   * The other source the IAM Identity Center user guide gives for Identity Store events ("Logging
   * IAM Identity Center API calls with AWS CloudTrail": {@code sso-directory.amazonaws.com}, {@code
   * identitystore.amazonaws.com}); the console's user and group edits may land here in shapes no
   * page documents, so any write here is a gap.
   */
  public static final String DIRECTORY = "sso-directory.amazonaws.com";

  /** The sources a feed looks up, in order. */
  public static final List<String> SOURCES = List.of(IDENTITY_STORE, SCIM, DIRECTORY);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG = Pattern.compile(RunTag.PRODUCT + "/([A-Za-z0-9-]{1,36})");
  private static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

  private final Set<String> ownRuns;
  private final @Nullable String identityStoreId;
  private final Set<String> users = new LinkedHashSet<>();
  private final Set<String> groups = new LinkedHashSet<>();
  private final Set<String> membershipGroups = new LinkedHashSet<>();
  private final Set<String> membershipIds = new LinkedHashSet<>();
  private int counted;

  /**
   * @param ownRuns the runs whose writes to skip
   * @param identityStoreId the store whose events count, or null for any
   */
  public TrailEvents(Set<String> ownRuns, @Nullable String identityStoreId) {
    this.ownRuns = Set.copyOf(ownRuns);
    this.identityStoreId = identityStoreId;
  }

  /** How many events named a change so far. */
  public int counted() {
    return counted;
  }

  /** What the events added so far changed. */
  public TargetChanges changes() {
    return new TargetChanges(users, groups, membershipGroups, membershipIds);
  }

  /**
   * Adds one event.
   *
   * @param source the event's source
   * @param name the event's name
   * @param readOnly the event's ReadOnly flag
   * @param cloudTrailEvent the event document
   * @throws FeedGapException if it is a write of others that cannot be placed
   */
  public void add(String source, String name, boolean readOnly, String cloudTrailEvent) {
    if (readOnly) {
      return;
    }
    JsonNode e;
    try {
      e = JSON.readTree(cloudTrailEvent);
    } catch (JsonProcessingException x) {
      throw new FeedGapException(
          "a CloudTrail event of " + source + " " + name + " is not JSON; it cannot be placed");
    }
    if (e.path("readOnly").asBoolean(false) || e.hasNonNull("errorCode") || ours(e)) {
      return; // a read, a failed call (it changed nothing), or a write the state already holds
    }
    JsonNode request = e.path("requestParameters");
    JsonNode response = e.path("responseElements");
    String store = request.path("identityStoreId").asText(null);
    if (identityStoreId != null && store != null && !store.equals(identityStoreId)) {
      return; // another identity store of the account
    }
    switch (source) {
      case IDENTITY_STORE -> identityStore(name, request, response);
      case SCIM -> scim(name, request, response);
      default ->
          throw new FeedGapException(
              "CloudTrail shows a "
                  + name
                  + " write from "
                  + source
                  + " (the IAM Identity Center console or directory API), which the feed cannot"
                  + " place");
    }
    counted++;
  }

  private boolean ours(JsonNode e) {
    Matcher m = TAG.matcher(e.path("userAgent").asText(""));
    while (m.find()) {
      if (ownRuns.contains(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  private void identityStore(String name, JsonNode request, JsonNode response) {
    switch (name) {
      case "CreateUser" -> users.add(id(name, response, "userId"));
      case "UpdateUser", "DeleteUser" -> users.add(id(name, request, "userId"));
      case "CreateGroup" -> groups.add(id(name, response, "groupId"));
      case "UpdateGroup", "DeleteGroup" -> groups.add(id(name, request, "groupId"));
      case "CreateGroupMembership" -> membershipGroups.add(id(name, request, "groupId"));
      case "DeleteGroupMembership" -> membershipIds.add(id(name, request, "membershipId"));
      default -> throw unknown(IDENTITY_STORE, name);
    }
  }

  private void scim(String name, JsonNode request, JsonNode response) {
    switch (name) {
      case "CreateUser" -> users.add(id(name, response, "id"));
      case "PutUser", "PatchUser", "DeleteUser" -> users.add(id(name, request, "id"));
      case "CreateGroup" -> {
        // A SCIM create may carry up to 100 members.
        String id = id(name, response, "id");
        groups.add(id);
        membershipGroups.add(id);
      }
      case "PatchGroup" -> {
        // Renames and member changes alike; the members themselves are masked.
        String id = id(name, request, "id");
        groups.add(id);
        membershipGroups.add(id);
      }
      case "DeleteGroup" -> groups.add(id(name, request, "id"));
      default -> throw unknown(SCIM, name);
    }
  }

  private static String id(String name, JsonNode where, String field) {
    String id = where.path(field).asText("");
    if (id.isBlank() || id.equals(HIDDEN)) {
      throw new FeedGapException(
          "a CloudTrail "
              + name
              + " event by someone else does not show which object it changed ("
              + field
              + " missing or masked)");
    }
    return id;
  }

  private static FeedGapException unknown(String source, String name) {
    return new FeedGapException(
        "CloudTrail shows a write the feed does not know, "
            + name
            + " from "
            + source
            + ", so what it changed cannot be told");
  }
}
