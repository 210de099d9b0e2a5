package io.github.ssosync.cli.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ssosync.Secret;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The real tenant the {@code live} tests run against, named by environment variables; a test whose
 * variables are absent is skipped (an assumption), never failed. AWS credentials come from the
 * SDK's default chain ({@code AWS_PROFILE}, {@code aws sso login}, the environment...).
 *
 * <ul>
 *   <li>{@code SSOSYNC_LIVE_REGION}, {@code SSOSYNC_LIVE_SCIM_ENDPOINT}, {@code
 *       SSOSYNC_LIVE_SCIM_TOKEN}, optionally {@code SSOSYNC_LIVE_IDENTITY_STORE_ID}: the IAM
 *       Identity Center instance;
 *   <li>{@code SSOSYNC_LIVE_IDENTITY_STORE_WRITES=true}: also run the Identity Store write mode;
 *   <li>{@code SSOSYNC_LIVE_GOOGLE_CREDENTIALS} (a key file), {@code SSOSYNC_LIVE_GOOGLE_ADMIN},
 *       {@code SSOSYNC_LIVE_GOOGLE_GROUP_MATCH} (a query selecting a few groups), optionally {@code
 *       SSOSYNC_LIVE_GOOGLE_CUSTOMER_ID}: the Workspace, read only.
 * </ul>
 */
final class LiveTenant {
  private static final List<String> AWS =
      List.of("SSOSYNC_LIVE_REGION", "SSOSYNC_LIVE_SCIM_ENDPOINT", "SSOSYNC_LIVE_SCIM_TOKEN");
  private static final List<String> GOOGLE =
      List.of(
          "SSOSYNC_LIVE_GOOGLE_CREDENTIALS",
          "SSOSYNC_LIVE_GOOGLE_ADMIN",
          "SSOSYNC_LIVE_GOOGLE_GROUP_MATCH");

  private final Map<String, String> env;

  LiveTenant(Map<String, String> env) {
    this.env = env;
  }

  static LiveTenant fromEnvironment() {
    return new LiveTenant(System.getenv());
  }

  /**
   * A target over the tenant's IAM Identity Center; skips the calling test when it is not named.
   *
   * @param mode the write mode
   * @return the builder
   */
  IdentityCenterTarget.Builder aws(WriteMode mode) {
    require(AWS);
    if (mode == WriteMode.IDENTITY_STORE) {
      assumeTrue(
          "true".equalsIgnoreCase(env.get("SSOSYNC_LIVE_IDENTITY_STORE_WRITES")),
          "SSOSYNC_LIVE_IDENTITY_STORE_WRITES is not true: Identity Store writes not tested");
    }
    IdentityCenterTarget.Builder b =
        IdentityCenterTarget.builder().region(env.get("SSOSYNC_LIVE_REGION")).writeMode(mode);
    String storeId = value("SSOSYNC_LIVE_IDENTITY_STORE_ID");
    if (storeId != null) {
      b.identityStoreId(storeId);
    }
    if (mode == WriteMode.SCIM) {
      b.scimEndpoint(URI.create(env.get("SSOSYNC_LIVE_SCIM_ENDPOINT")))
          .scimToken(Secret.of(env.get("SSOSYNC_LIVE_SCIM_TOKEN")));
    }
    return b;
  }

  /** A source over the tenant's Workspace; skips the calling test when it is not named. */
  GoogleDirectorySource.Builder google() {
    require(GOOGLE);
    GoogleDirectorySource.Builder b =
        GoogleDirectorySource.builder()
            .serviceAccountKey(Path.of(env.get("SSOSYNC_LIVE_GOOGLE_CREDENTIALS")))
            .delegatedAdmin(env.get("SSOSYNC_LIVE_GOOGLE_ADMIN"));
    String customer = value("SSOSYNC_LIVE_GOOGLE_CUSTOMER_ID");
    if (customer != null) {
      b.customerId(customer);
    }
    return b;
  }

  /** The group query the Google tests read with. */
  String groupMatch() {
    require(GOOGLE);
    return env.get("SSOSYNC_LIVE_GOOGLE_GROUP_MATCH");
  }

  private void require(List<String> names) {
    List<String> missing = names.stream().filter(n -> value(n) == null).toList();
    assumeTrue(
        missing.isEmpty(), () -> "no live tenant: " + String.join(", ", missing) + " not set");
  }

  private @Nullable String value(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
