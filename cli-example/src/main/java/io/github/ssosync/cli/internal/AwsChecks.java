package io.github.ssosync.cli.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.aws.internal.AwsErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClientBuilder;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClientBuilder;
import software.amazon.awssdk.services.ssoadmin.model.DescribeRegionResponse;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;

/**
 * The AWS side of {@code ssosync check}: the credentials the SDK resolves, the identity store (or
 * its discovery with SSO Admin {@code ListInstances}) read with them, whether the region is the
 * instance's primary one, and the SCIM endpoint and token. STS is not used: the Identity Store
 * reads prove the credentials, as a sync would use them.
 */
final class AwsChecks {
  private final Options o;
  private final Map<String, String> env;
  private final CheckReport report;
  private final String region;
  private boolean listed;

  AwsChecks(Options o, Map<String, String> env, CheckReport report, String region) {
    this.o = o;
    this.env = env;
    this.report = report;
    this.region = region;
  }

  /**
   * @param mode the write mode, or null when its settings are wrong (reported already)
   * @param endpointUsable whether the SCIM endpoint may be called: an https URL (http only on
   *     loopback) whose region agrees with the region
   */
  void run(@Nullable WriteMode mode, boolean endpointUsable) {
    AwsCredentialsProvider given;
    try {
      given = AwsAccess.credentials(env, System.getenv());
    } catch (io.github.ssosync.ConfigurationException e) {
      e.problems().forEach(report::configuration);
      return;
    }
    AwsCredentialsProvider credentials =
        given != null ? given : DefaultCredentialsProvider.builder().build();
    if (!resolves(
        credentials,
        given != null
            ? "from the environment the CLI was given"
            : "resolved by the AWS SDK's default chain")) {
      return;
    }
    try (IdentitystoreClient identityStore = identityStore(credentials);
        SsoAdminClient ssoAdmin = ssoAdmin(credentials)) {
      InstanceMetadata instance = instance(ssoAdmin);
      String storeId =
          o.identityStoreId != null
              ? o.identityStoreId
              : (instance == null ? null : instance.identityStoreId());
      if (storeId != null && reads(identityStore, storeId)) {
        if (instance != null) {
          primaryRegion(ssoAdmin, instance);
        } else if (listed) {
          report.skipped(
              "primary region: unknown (sso:ListInstances in "
                  + region
                  + " does not list "
                  + storeId
                  + "); writes work only in the region where the instance was first enabled");
        }
      }
    }
    if (mode == WriteMode.IDENTITY_STORE) {
      report.note(AwsAccess.IDENTITY_STORE_LIMITS);
    } else if (mode == WriteMode.SCIM && endpointUsable) {
      scim();
    } else if (mode == WriteMode.SCIM) {
      report.skipped("SCIM token: not tried until --endpoint is fixed (an https URL in --region)");
    }
  }

  private boolean resolves(AwsCredentialsProvider provider, String source) {
    try {
      AwsCredentials c = provider.resolveCredentials();
      String kind =
          c instanceof AwsSessionCredentials
              ? "temporary credentials (key, secret and session token)"
              : "a long-term access key";
      String expires = c.expirationTime().map(t -> ", expiring " + t).orElse("");
      report.pass("AWS credentials: " + kind + expires + ", " + source);
      return true;
    } catch (SdkException e) {
      report.access(
          "AWS credentials: none found by the AWS SDK's default chain ("
              + firstLine(e.getMessage())
              + "). Set AWS_PROFILE (and run aws sso login for an IAM Identity Center profile),"
              + " or AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary credentials,"
              + " AWS_SESSION_TOKEN");
      return false;
    }
  }

  private @Nullable InstanceMetadata instance(SsoAdminClient ssoAdmin) {
    List<InstanceMetadata> instances;
    try {
      instances = ssoAdmin.listInstances(r -> r.maxResults(100)).instances();
    } catch (SdkException e) {
      ProviderException p = AwsErrors.translate("sso:ListInstances in " + region, e);
      if (o.identityStoreId == null) {
        report.failure(
            p,
            "identity store discovery: "
                + p.getMessage()
                + "; allow sso:ListInstances, or set --identity-store-id (SSOSYNC_IDENTITY_STORE_ID)");
      } else {
        report.skipped(
            "IAM Identity Center instance: not looked up ("
                + p.getMessage()
                + "); whether "
                + region
                + " is its primary region is unknown");
      }
      return null;
    }
    listed = true;
    if (o.identityStoreId != null) {
      return instances.stream()
          .filter(i -> o.identityStoreId.equals(i.identityStoreId()))
          .findFirst()
          .orElse(null);
    }
    if (instances.size() == 1) {
      report.pass(
          "identity store "
              + instances.get(0).identityStoreId()
              + " found with sso:ListInstances in "
              + region
              + " (set --identity-store-id to skip the lookup)");
      return instances.get(0);
    }
    report.configuration(
        "identity store discovery: "
            + (instances.isEmpty()
                ? "no IAM Identity Center instance in " + region + "; check --region"
                : instances.size()
                    + " instances in "
                    + region
                    + " ("
                    + String.join(
                        ", ", instances.stream().map(InstanceMetadata::identityStoreId).toList())
                    + "); choose one with --identity-store-id"));
    return null;
  }

  private boolean reads(IdentitystoreClient identityStore, String storeId) {
    try {
      identityStore.listUsers(r -> r.identityStoreId(storeId).maxResults(1));
      identityStore.listGroups(r -> r.identityStoreId(storeId).maxResults(1));
      report.pass(
          "identity store "
              + storeId
              + " in "
              + region
              + ": ListUsers and ListGroups answered (the credentials are accepted)");
      return true;
    } catch (SdkException e) {
      ProviderException p = AwsErrors.translate("identity store " + storeId, e);
      String hint =
          switch (p.reason()) {
            case NOT_FOUND -> "; check --identity-store-id and --region";
            case UNAUTHENTICATED ->
                "; AWS refused the credentials: temporary ones need AWS_SESSION_TOKEN, an"
                    + " expired IAM Identity Center sign-in needs aws sso login";
            case PERMISSION_DENIED ->
                "; allow identitystore:ListUsers, ListGroups and ListGroupMemberships (see"
                    + " Permissions in the README)";
            default -> "";
          };
      report.failure(p, p.getMessage() + hint);
      return false;
    }
  }

  /**
   * SCIM provisioning, and writes through the Identity Store API, work only in the instance's
   * primary region; additional regions serve reads ("IAM Identity Center service APIs supported in
   * additional AWS Regions" and "Availability of use cases in the primary and additional Regions",
   * IAM Identity Center User Guide). SSO Admin {@code DescribeRegion} says which region is primary
   * ({@code IsPrimaryRegion}).
   */
  private void primaryRegion(SsoAdminClient ssoAdmin, InstanceMetadata instance) {
    try {
      DescribeRegionResponse r =
          ssoAdmin.describeRegion(x -> x.instanceArn(instance.instanceArn()).regionName(region));
      if (Boolean.TRUE.equals(r.isPrimaryRegion())) {
        report.pass(region + " is the instance's primary region (writes work only there)");
      } else {
        report.configuration(
            region
                + " is an additional region of the instance, where SCIM and Identity Store writes"
                + " are not supported; run in its primary region (aws sso-admin list-regions shows"
                + " it) with that region's --region and SCIM --endpoint");
      }
    } catch (SdkException e) {
      report.skipped(
          "primary region: unknown ("
              + AwsErrors.translate("sso:DescribeRegion", e).getMessage()
              + "); writes work only in the region where the instance was first enabled");
    }
  }

  /** One GET of the SCIM endpoint with the token; the token is never printed. */
  private void scim() {
    String base = o.endpoint == null ? "" : o.endpoint.strip();
    URI users = URI.create(base.endsWith("/") ? base + "Users?count=1" : base + "/Users?count=1");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(users)
            .timeout(Duration.ofSeconds(30))
            .header(
                "Authorization",
                "Bearer " + java.util.Objects.requireNonNull(o.accessToken).strip())
            .header("Accept", "application/scim+json")
            .GET()
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200) {
        report.pass("SCIM endpoint " + base + ": accepts the access token (GET Users)");
      } else if (status == 401 || status == 403) {
        report.access(
            "SCIM endpoint "
                + base
                + ": refused the access token (HTTP "
                + status
                + "); tokens expire a year after they are made: make a new one in the IAM"
                + " Identity Center console (Settings, Automatic provisioning, Manage access"
                + " tokens) and set --access-token (SSOSYNC_ACCESS_TOKEN)");
      } else {
        report.configuration(
            "SCIM endpoint "
                + base
                + ": answered HTTP "
                + status
                + ", not as IAM Identity Center's SCIM endpoint does; copy --endpoint"
                + " (SSOSYNC_ENDPOINT) from the console (Settings, Automatic provisioning)");
      }
    } catch (IOException e) {
      report.access("SCIM endpoint " + base + ": cannot be reached (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.access("SCIM endpoint " + base + ": interrupted");
    }
  }

  private IdentitystoreClient identityStore(AwsCredentialsProvider credentials) {
    IdentitystoreClientBuilder b =
        IdentitystoreClient.builder().region(Region.of(region)).credentialsProvider(credentials);
    String endpoint = first("AWS_ENDPOINT_URL_IDENTITYSTORE", "AWS_ENDPOINT_URL");
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b.build();
  }

  private SsoAdminClient ssoAdmin(AwsCredentialsProvider credentials) {
    SsoAdminClientBuilder b =
        SsoAdminClient.builder().region(Region.of(region)).credentialsProvider(credentials);
    String endpoint = first("AWS_ENDPOINT_URL_SSO_ADMIN", "AWS_ENDPOINT_URL");
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b.build();
  }

  private @Nullable String first(String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
