package io.github.ssosync.emulators.aws;

import io.github.ssosync.emulators.loopback.Faults;
import io.github.ssosync.mapping.UserAttribute;
import io.github.ssosync.targets.TargetGroup;
import io.github.ssosync.targets.TargetMembership;
import io.github.ssosync.targets.TargetUser;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A loopback emulator of AWS IAM Identity Center: the Identity Store API (JSON 1.1, for the real
 * AWS SDK's {@code endpointOverride}), the SCIM endpoint (for any HTTP client), and SSO Admin's
 * {@code ListInstances}, all over one store, so that what SCIM writes the Identity Store API reads
 * (SCIM {@code externalId} as an {@code ExternalId} under {@link #scimIssuer()}, {@code active} as
 * {@code UserStatus}). Each API has its own faults and call counters.
 *
 * <pre>{@code
 * try (IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
 *   IdentitystoreClient client = IdentitystoreClient.builder()
 *       .endpointOverride(aws.identityStoreEndpoint()).region(Region.of(aws.region()))
 *       .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
 *       .build();
 * }
 * }</pre>
 */
public final class IdentityCenterEmulator implements AutoCloseable {
  private final IdentityCenterStore store;
  private final IdentityStoreServer identityStore;
  private final ScimServer scim;
  private final CloudTrailLog trail;
  private final CloudTrailServer cloudTrail;
  private final String scimToken;
  // IdentityStoreId in the API model: d- and ten hex digits. Ids of users, groups and memberships
  // carry those digits as a prefix, as in newer stores (ResourceId in the model).
  private final String identityStoreId = "d-9067e0a1c5";
  private final String region = "eu-west-1";

  /** The instance's ARN ({@code ssoins-} and 16 characters, as the API's pattern requires). */
  private static final String INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-emul8r0123456789";

  private IdentityCenterEmulator() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    scimToken = HexFormat.of().formatHex(bytes);
    store =
        new IdentityCenterStore(
            "https://scim." + region + ".amazonaws.com/emul8r-tenant",
            identityStoreId.substring(2) + "-");
    trail = new CloudTrailLog(region);
    identityStore = new IdentityStoreServer(store, identityStoreId, INSTANCE_ARN, region, trail);
    scim = new ScimServer(store, scimToken, trail, "emul8r-tenant");
    cloudTrail = new CloudTrailServer(trail);
  }

  /** Starts both APIs on 127.0.0.1 and free ports. */
  public static IdentityCenterEmulator start() {
    return new IdentityCenterEmulator();
  }

  /** The Identity Store API endpoint (also serves SSO Admin {@code ListInstances}). */
  public URI identityStoreEndpoint() {
    return identityStore.baseUri();
  }

  /** The SSO Admin endpoint (the same server). */
  public URI ssoAdminEndpoint() {
    return identityStore.baseUri();
  }

  /** The SCIM base URL, ending with {@code /scim/v2/}. */
  public URI scimEndpoint() {
    return URI.create(scim.baseUri() + ScimServer.PREFIX);
  }

  /** The SCIM bearer token, made afresh for each emulator. */
  public String scimToken() {
    return scimToken;
  }

  /** The identity store's id. */
  public String identityStoreId() {
    return identityStoreId;
  }

  /** The region the emulator pretends to be in. */
  public String region() {
    return region;
  }

  /** The issuer under which SCIM external ids appear in the Identity Store API. */
  public String scimIssuer() {
    return store.issuer;
  }

  /** Faults of the Identity Store API (and SSO Admin). */
  public Faults identityStoreFaults() {
    return identityStore.faults();
  }

  /** Faults of the SCIM endpoint. */
  public Faults scimFaults() {
    return scim.faults();
  }

  /** Identity Store calls by operation, such as {@code AWSIdentityStore.ListUsers}. */
  public Map<String, Long> identityStoreCalls() {
    return identityStore.calls();
  }

  /** SCIM calls by operation, such as {@code scim.PatchGroup}. */
  public Map<String, Long> scimCalls() {
    return scim.calls();
  }

  /** Forgets the call counts of both APIs. */
  public void resetCalls() {
    identityStore.resetCalls();
    scim.resetCalls();
  }

  /**
   * From now on every Identity Store (and SSO Admin) request must carry this session token in
   * {@code X-Amz-Security-Token}, as requests signed with temporary credentials (Lambda, ECS, IAM
   * Identity Center sign-in, an assumed role) must; one without it is refused with {@code
   * UnrecognizedClientException} "The security token included in the request is invalid."
   *
   * @param expectedToken the session token of the temporary credentials the test hands out
   */
  public void requireSessionToken(String expectedToken) {
    identityStore.requireSessionToken(java.util.Objects.requireNonNull(expectedToken));
  }

  /**
   * Makes the emulator an additional region of an instance whose primary region is another, as
   * multi-Region IAM Identity Center does: SSO Admin {@code DescribeRegion} then reports {@code
   * IsPrimaryRegion=false} for {@link #region()}.
   *
   * @param primary the primary region, such as {@code us-east-1}
   */
  public void primaryRegion(String primary) {
    identityStore.primaryRegion(primary);
  }

  /** The IAM Identity Center instance's ARN, as SSO Admin {@code ListInstances} reports it. */
  public String instanceArn() {
    return INSTANCE_ARN;
  }

  /** From now on every SCIM call is refused with 401, as when the token expires. */
  public void revokeScimToken() {
    scim.revoke();
  }

  /**
   * Adds a user as if made by hand or by AWS Control Tower (no external id).
   *
   * @param userName user name
   * @param givenName given name
   * @param familyName family name
   * @return the user
   */
  public TargetUser createUnmanagedUser(String userName, String givenName, String familyName) {
    return store.view(
        store.createUser(
            userName, givenName, familyName, givenName + " " + familyName, userName, true, null));
  }

  /**
   * Adds a group as if made by hand (no external id).
   *
   * @param displayName display name
   * @return the group
   */
  public TargetGroup createUnmanagedGroup(String displayName) {
    return store.view(store.createGroup(displayName, null, null));
  }

  /**
   * Adds a membership directly, as someone else would.
   *
   * @param groupId group id
   * @param userId user id
   */
  public void addMembershipDirectly(String groupId, String userId) {
    store.addMember(groupId, userId);
  }

  /**
   * Renames a group directly, as someone in the console would.
   *
   * @param groupId group id
   * @param displayName the new name
   */
  public void renameGroupDirectly(String groupId, String displayName) {
    store.setGroupAttribute(groupId, "displayName", displayName);
  }

  /**
   * Sets (or, with null, unsets) one optional attribute of a user directly, as someone in the
   * console or another tool would; an address part changes that part only. The value must be one
   * the service accepts.
   *
   * @param userId user id
   * @param attribute an optional attribute ({@link UserAttribute#MANAGER}: the manager's user id)
   * @param value the value, or null to unset it
   */
  public void setUserAttributeDirectly(
      String userId, UserAttribute attribute, @Nullable String value) {
    store.setUserAttribute(userId, attribute.path(), value);
  }

  /**
   * Deletes a user directly, as someone else would.
   *
   * @param userId user id
   */
  public void deleteUserDirectly(String userId) {
    store.deleteUser(userId);
  }

  /** Every user, as the target model sees it. */
  public List<TargetUser> users() {
    return store.users().stream().map(store::view).toList();
  }

  /** Every group. */
  public List<TargetGroup> groups() {
    return store.groups().stream().map(store::view).toList();
  }

  /** Every membership. */
  public List<TargetMembership> memberships() {
    return store.allMemberships().stream().map(IdentityCenterStore::view).toList();
  }

  /**
   * @param userName a user name
   * @return the user's id
   */
  public String userId(String userName) {
    return store.users().stream()
        .filter(u -> u.userName.equalsIgnoreCase(userName))
        .map(u -> u.id)
        .findFirst()
        .orElseThrow();
  }

  /**
   * @param displayName a group's display name
   * @return the group's id
   */
  public String groupId(String displayName) {
    return store.groups().stream()
        .filter(g -> g.displayName.equalsIgnoreCase(displayName))
        .map(g -> g.id)
        .findFirst()
        .orElseThrow();
  }

  /** CloudTrail's endpoint, serving {@code LookupEvents} over the events both APIs record. */
  public URI cloudTrailEndpoint() {
    return cloudTrail.baseUri();
  }

  /** Faults of CloudTrail (its 2 requests a second quota applies whatever the faults). */
  public Faults cloudTrailFaults() {
    return cloudTrail.faults();
  }

  /** CloudTrail calls by operation, such as {@code cloudtrail.LookupEvents}. */
  public Map<String, Long> cloudTrailCalls() {
    return cloudTrail.calls();
  }

  /**
   * Sets the clock CloudTrail stamps events with and looks them up by (the 90-day history, the
   * delivery lag); the default is the system clock.
   *
   * @param clock the clock
   */
  public void clock(java.time.Clock clock) {
    trail.clock(java.util.Objects.requireNonNull(clock));
  }

  /**
   * From now on an event shows in {@code LookupEvents} only this long after it happened, by the
   * emulator's clock, as CloudTrail's delivery does (typically about 5 minutes, not guaranteed).
   *
   * @param lag the delay (default zero)
   */
  public void cloudTrailDeliveryLag(java.time.Duration lag) {
    trail.lag(java.util.Objects.requireNonNull(lag));
  }

  /**
   * Whether read calls are recorded in CloudTrail, as the service does (on by default; turn it off
   * to save memory in benchmarks that read large stores).
   *
   * @param on whether to record reads
   */
  public void recordReadEvents(boolean on) {
    trail.recordReads(on);
  }

  /**
   * Whether calls are recorded in CloudTrail at all (on by default, as the service does): a
   * benchmark of stateless runs, which read no change feed, turns it off to save the memory of
   * every call's event.
   *
   * @param on whether to record calls
   */
  public void recordCloudTrail(boolean on) {
    trail.recording(on);
  }

  /**
   * Records a successful event from another source, such as the console's {@code
   * sso-directory.amazonaws.com} writes, which the emulated APIs never make.
   *
   * @param eventSource the event source
   * @param eventName the event name
   * @param readOnly whether it only read
   */
  public void recordEvent(String eventSource, String eventName, boolean readOnly) {
    trail.record(
        eventSource,
        eventName,
        readOnly,
        "AWS Internal",
        "ASIAEMULATORCONSOLE",
        "AssumedRole",
        null,
        null,
        CloudTrailLog.object(),
        null);
  }

  @Override
  public void close() {
    identityStore.close();
    scim.close();
    cloudTrail.close();
  }
}
