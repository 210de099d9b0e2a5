package io.github.ssosync.cli.internal;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.provider.aws.WriteMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/** Where the AWS side's region, credentials and write mode come from. */
public final class AwsAccess {
  private static final String KEY = "AWS_ACCESS_KEY_ID";
  private static final String SECRET = "AWS_SECRET_ACCESS_KEY";
  private static final String TOKEN = "AWS_SESSION_TOKEN";

  /** Region names follow {@code ([a-z]+-){2,3}\d} (SSO Admin API reference, AddRegion). */
  private static final Pattern SCIM_HOST =
      Pattern.compile("scim\\.((?:[a-z]+-){2,3}\\d)\\.amazonaws\\.com(?:\\.cn)?");

  /** What the Identity Store write mode cannot do, said once per run and in the README. */
  public static final String IDENTITY_STORE_LIMITS =
      "--write-mode identitystore: the Identity Store API cannot store our anchor (the Google id)"
          + " or disable users, so a changed email or group name makes a new user or group (the old"
          + " one, and its permission-set assignments, go after the grace period), and a user who"
          + " leaves loses every membership of the groups we own at once instead of being"
          + " disabled; set --endpoint and --access-token to write through SCIM instead";

  /**
   * What the SDK's default chain tried and how to fix it, in one line: the chain's own message
   * lists every provider's failure (~1,500 characters) and names no fix.
   */
  public static final String NO_CREDENTIALS =
      "no AWS credentials found: tried the aws.accessKeyId system property, AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE, the AWS_PROFILE (or default)"
          + " profile in ~/.aws, container and instance credentials; set AWS_PROFILE (and run aws"
          + " sso login for an IAM Identity Center profile), or AWS_ACCESS_KEY_ID,"
          + " AWS_SECRET_ACCESS_KEY and, for temporary credentials, AWS_SESSION_TOKEN";

  private AwsAccess() {}

  /**
   * The SDK's default credentials chain, resolved once now so that missing credentials are said in
   * one line ({@link #NO_CREDENTIALS}) before anything is read, instead of surfacing as the failure
   * of whichever AWS call comes first (the identity store discovery, say). The chain caches what it
   * found, so the clients given it resolve nothing again.
   *
   * @return the resolved default chain
   * @throws ProviderException {@link ProviderException.Reason#UNAUTHENTICATED} with {@link
   *     #NO_CREDENTIALS} when the chain finds nothing
   */
  public static AwsCredentialsProvider defaultChain() {
    DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    try {
      chain.resolveCredentials();
    } catch (SdkClientException e) {
      chain.close();
      throw new ProviderException(ProviderException.Reason.UNAUTHENTICATED, NO_CREDENTIALS);
    }
    return chain;
  }

  /**
   * The region: {@code --region}, then {@code AWS_REGION} (which Lambda sets) and {@code
   * AWS_DEFAULT_REGION} (the AWS CLI's), then the profile's {@code region} in {@code
   * ~/.aws/config}. Never the instance metadata service, which a laptop does not have.
   *
   * @param o the flags
   * @param env the environment
   * @return the region, or null when none is set anywhere
   */
  public static @Nullable String region(Options o, Map<String, String> env) {
    for (String r : new String[] {o.region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")}) {
      if (r != null && !r.isBlank()) {
        return r.strip();
      }
    }
    try {
      return new AwsProfileRegionProvider().getRegion().id();
    } catch (SdkException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The credentials to pass to the library, or null for the SDK's default chain (system properties,
   * the environment with its session token, web identity, profiles and IAM Identity Center sign-in,
   * container and instance credentials), which is what {@code ssosync} and the Lambda handler use:
   * their environment is the process's, which the chain reads itself.
   *
   * <p>Only a caller that runs the CLI with an environment of its own (tests, an embedding tool)
   * and puts keys in it that the process does not have gets them used as given: all three, the
   * session token included, since temporary credentials are refused without it.
   *
   * @param env the environment the CLI runs with
   * @param process the process environment
   * @return the credentials provider, or null for the SDK's default chain
   * @throws ConfigurationException when the given environment has only one of key and secret
   */
  public static @Nullable AwsCredentialsProvider credentials(
      Map<String, String> env, Map<String, String> process) {
    String key = value(env, KEY);
    String secret = value(env, SECRET);
    String token = value(env, TOKEN);
    boolean asInProcess =
        Objects.equals(key, value(process, KEY))
            && Objects.equals(secret, value(process, SECRET))
            && Objects.equals(token, value(process, TOKEN));
    if (asInProcess || (key == null && secret == null && token == null)) {
      return null;
    }
    if (key == null || secret == null) {
      throw new ConfigurationException(
          KEY + " and " + SECRET + ": set both (and " + TOKEN + " for temporary credentials)");
    }
    AwsCredentials credentials =
        token == null
            ? AwsBasicCredentials.create(key, secret)
            : AwsSessionCredentials.create(key, secret, token);
    return StaticCredentialsProvider.create(credentials);
  }

  /**
   * The write mode. SCIM needs both its endpoint and its token: one without the other is a mistake
   * (a secret that failed to load, say) and must not fall back to the Identity Store API, which
   * cannot anchor or disable; that mode is used only when chosen.
   *
   * @param o the flags
   * @return the write mode
   * @throws ConfigurationException naming both flags and their variables
   */
  public static WriteMode writeMode(Options o) {
    List<String> problems = new ArrayList<>();
    WriteMode chosen = null;
    if (o.writeMode != null && !o.writeMode.isBlank()) {
      switch (o.writeMode.strip().toLowerCase(Locale.ROOT)) {
        case "scim" -> chosen = WriteMode.SCIM;
        case "identitystore", "identity_store", "identity-store" ->
            chosen = WriteMode.IDENTITY_STORE;
        default ->
            problems.add(
                "--write-mode (SSOSYNC_WRITE_MODE) \""
                    + o.writeMode
                    + "\": use scim or identitystore");
      }
    }
    boolean endpoint = o.endpoint != null && !o.endpoint.isBlank();
    boolean token = o.accessToken != null && !o.accessToken.isBlank();
    if (endpoint && !token) {
      problems.add(
          "--endpoint (SSOSYNC_ENDPOINT) is set but --access-token (SSOSYNC_ACCESS_TOKEN) is empty:"
              + " SCIM writes need both; set the token (in Lambda, SSOSYNC_ACCESS_TOKEN_SECRET), or"
              + " drop the endpoint and choose --write-mode identitystore");
    } else if (token && !endpoint) {
      problems.add(
          "--access-token (SSOSYNC_ACCESS_TOKEN) is set but --endpoint (SSOSYNC_ENDPOINT) is empty:"
              + " SCIM writes need both; copy the SCIM endpoint from the IAM Identity Center console"
              + " (Settings, Identity source, Automatic provisioning)");
    } else if (!endpoint && chosen != WriteMode.IDENTITY_STORE && problems.isEmpty()) {
      problems.add(
          "--endpoint (SSOSYNC_ENDPOINT) and --access-token (SSOSYNC_ACCESS_TOKEN) are not set: set"
              + " both to write through SCIM (IAM Identity Center console: Settings, Identity"
              + " source, Automatic provisioning), or choose --write-mode identitystore"
              + " (SSOSYNC_WRITE_MODE), which cannot anchor or disable users");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return chosen != null ? chosen : WriteMode.SCIM;
  }

  /**
   * The region in an IAM Identity Center SCIM endpoint, {@code
   * https://scim.<region>.amazonaws.com/<tenant>/scim/v2/} (the form the console shows; SCIM
   * implementation guide), or null for any other host (a private endpoint, an emulator).
   *
   * @param endpoint the SCIM endpoint
   * @return its region, or null
   */
  public static @Nullable String scimRegion(URI endpoint) {
    String host = endpoint.getHost();
    if (host == null) {
      return null;
    }
    Matcher m = SCIM_HOST.matcher(host.toLowerCase(Locale.ROOT));
    return m.matches() ? m.group(1) : null;
  }

  private static @Nullable String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
