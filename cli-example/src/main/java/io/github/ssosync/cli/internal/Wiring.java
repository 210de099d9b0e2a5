package io.github.ssosync.cli.internal;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.Secret;
import io.github.ssosync.cli.source.FileDirectorySource;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.policy.DeletionGuard;
import io.github.ssosync.policy.Durations;
import io.github.ssosync.policy.OwnerMode;
import io.github.ssosync.policy.SuspendedAction;
import io.github.ssosync.policy.SyncMethod;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.IdentityCenterTarget;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.provider.google.DelegatedCredentials;
import io.github.ssosync.provider.google.GoogleAccess;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import io.github.ssosync.provider.google.GoogleReportsChangeFeed;
import io.github.ssosync.targets.IdentityTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Turns flags and environment into a policy, a source and a target: the only provider wiring. */
public final class Wiring {
  /** Library setting names and the flags (and variables) a CLI user knows them by. */
  private static final Map<String, String> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("serviceAccountKey", "--google-credentials");
    FLAGS.put("credentialsFile", "--google-credentials");
    FLAGS.put("applicationDefaultCredentials", "--google-credentials");
    FLAGS.put("serviceAccount", "--google-service-account");
    FLAGS.put("delegatedAdmin", "--google-admin");
    FLAGS.put("customerId", "--customer-id");
    FLAGS.put("rootUrl", "--google-api-endpoint");
    FLAGS.put("scimEndpoint", "--endpoint");
    FLAGS.put("scimToken", "--access-token");
    FLAGS.put("identityStoreId", "--identity-store-id");
    FLAGS.put("region", "--region");
    FLAGS.put("userMatch and groupMatch", "--user-match and --group-match");
    FLAGS.put("userMatch", "--user-match");
    FLAGS.put("groupMatch", "--group-match");
    FLAGS.put("ignoreUsers", "--ignore-users");
    FLAGS.put("ignoreGroups", "--ignore-groups");
    FLAGS.put("includeGroups", "--include-groups");
    FLAGS.put("gracePeriod", "--grace-period");
    FLAGS.put("groupGracePeriod", "--group-grace-period");
    FLAGS.put("deletionGuard.maxRemovals", "--delete-limit");
    FLAGS.put("deletionGuard.maxPercent", "--delete-limit-percent");
    FLAGS.put("deletionGuard.percentFrom", "--delete-limit-percent-from");
    FLAGS.put("kmsKeyId", "--state-kms-key");
    FLAGS.put("fullEvery", "--full-every");
    FLAGS.put("maxStateAge", "--max-state-age");
  }

  private Wiring() {}

  /**
   * Library phrases a CLI user cannot act on, and what they mean on the command line (the deletion
   * guard's verdict, the SDK client a library user may give instead of a region).
   */
  private static final Map<String, String> PHRASES =
      Map.of(
          "(deletionGuard; allow the plan explicitly to apply it)",
          "(--delete-limit, --delete-limit-percent; --allow-deletes applies it anyway)",
          " (or give identityStoreClient)",
          "",
          " (or give s3Client)",
          "",
          " (or give cloudTrailClient)",
          "",
          "writeMode(IDENTITY_STORE)",
          "--write-mode identitystore (SSOSYNC_WRITE_MODE)");

  /**
   * Rewrites only the library phrases of {@link #PHRASES}, for text that also carries names from
   * the directory (a plan table, a report), which must stay as they are.
   *
   * @param text the library's text
   * @return the text in the CLI's words
   */
  public static String phrasesInFlags(String text) {
    String out = text;
    for (Map.Entry<String, String> e : PHRASES.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** A library setting's name used inside a sentence: camelCase, possibly dotted. */
  private static final java.util.regex.Pattern SETTING =
      java.util.regex.Pattern.compile(
          "(?<![\\w.-])[a-z]+(?:[A-Z][a-z]*)+(?:\\.[a-z][A-Za-z]*)?\\b");

  /**
   * Rewrites a library problem so that it names the CLI flags and their variables: the setting it
   * starts with, every further library setting it mentions ({@code groupMatch} becomes {@code
   * --group-match}), and the library phrases of {@link #PHRASES}. Library users keep the library's
   * words; only the CLI translates, here at its boundary.
   *
   * @param problem a problem from a ConfigurationException, or a guard verdict
   * @return the problem in the CLI's words
   */
  public static String inFlags(String problem) {
    String text = phrasesInFlags(problem);
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      if (text.startsWith(e.getKey() + " ") || text.startsWith(e.getKey() + ":")) {
        String flags = e.getValue();
        String vars =
            flags.startsWith("--user-match and")
                ? "SSOSYNC_USER_MATCH, SSOSYNC_GROUP_MATCH"
                : EnvDefaults.variable(flags);
        text = flags + " (" + vars + ")" + text.substring(e.getKey().length());
        break;
      }
    }
    java.util.regex.Matcher m = SETTING.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String flag = FLAGS.get(m.group());
      m.appendReplacement(
          out, java.util.regex.Matcher.quoteReplacement(flag != null ? flag : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * @param o the flags
   * @return the policy
   * @throws ConfigurationException naming each bad flag
   */
  public static SyncPolicy policy(Options o) {
    List<String> problems = new ArrayList<>();
    SyncMethod method =
        choice(problems, "--sync-method", o.syncMethod, SyncMethod.class, "groups or users_groups");
    OwnerMode owner =
        choice(problems, "--owner-mode", o.ownerMode, OwnerMode.class, "anchored, adopt or all");
    SuspendedAction suspended =
        choice(
            problems,
            "--suspended-action",
            o.suspendedAction,
            SuspendedAction.class,
            "disable, delete or ignore");
    AttributeMapping mapping =
        MappingSettings.read(
            o.userAttributes,
            o.attributeMapping,
            o.groupName,
            new MappingSettings.Names(
                flag("--user-attributes"), flag("--attribute-mapping"), flag("--group-name")),
            problems);
    Duration grace = duration(problems, "--grace-period", o.gracePeriod, false);
    boolean keepGroups =
        o.groupGracePeriod != null && o.groupGracePeriod.strip().equalsIgnoreCase("forever");
    Duration groupGrace =
        o.groupGracePeriod == null || o.groupGracePeriod.isBlank() || keepGroups
            ? null
            : duration(problems, "--group-grace-period", o.groupGracePeriod, true);
    if (o.dryRun && o.allowDeletes) {
      problems.add(
          "--dry-run and --allow-deletes contradict each other: a dry run writes nothing; drop one");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    try {
      SyncPolicy.Builder b =
          SyncPolicy.builder()
              .syncMethod(method)
              .userMatch(o.userMatch == null ? "" : o.userMatch)
              .groupMatch(o.groupMatch == null ? "" : o.groupMatch)
              .ignoreUsers(o.ignoreUsers)
              .ignoreGroups(o.ignoreGroups)
              .includeGroups(o.includeGroups)
              .ownerMode(owner)
              .suspendedAction(suspended)
              .gracePeriod(grace)
              .deletionGuard(
                  new DeletionGuard(o.deleteLimit, o.deleteLimitPercent, o.deleteLimitPercentFrom))
              .attributeMapping(java.util.Objects.requireNonNull(mapping));
      if (keepGroups) {
        b.keepRemovedGroups();
      } else if (groupGrace != null) {
        b.groupGracePeriod(groupGrace);
      }
      return b.build();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(e.problems().stream().map(Wiring::inFlags).toList());
    }
  }

  /**
   * @param o the flags
   * @param env the environment
   * @return the directory source
   */
  public static DirectorySource source(Options o, Map<String, String> env) {
    if (o.source.startsWith("file:")) {
      return new FileDirectorySource(Path.of(o.source.substring(5)));
    }
    if (!o.source.equals("google")) {
      throw new ConfigurationException(
          "--source (SSOSYNC_SOURCE) \"" + o.source + "\": use google or file:PATH");
    }
    GoogleDirectorySource.Builder b = GoogleDirectorySource.builder();
    googleCredentials(b, o, env);
    if (o.googleAdmin != null) {
      b.delegatedAdmin(o.googleAdmin);
    }
    if (o.customerId != null) {
      b.customerId(o.customerId);
    }
    if (o.googleApiEndpoint != null) {
      b.rootUrl(o.googleApiEndpoint);
    }
    return rethrowInFlags(b::build);
  }

  /**
   * Google credentials from {@code --google-credentials}: {@code adc}, or a file of any kind; the
   * service account to sign as, and the token and IAM Credentials endpoints. Federation from AWS
   * signs with the AWS credentials the CLI uses. The source and the Reports change feed (which
   * needs its own scope on the domain-wide delegation: {@link GoogleReportsChangeFeed#SCOPES}) take
   * the same.
   *
   * @param b the source's or the feed's builder
   * @param o the flags
   * @param env the environment
   */
  public static void googleCredentials(GoogleAccess<?> b, Options o, Map<String, String> env) {
    if (o.googleCredentials.toString().equalsIgnoreCase("adc")) {
      b.applicationDefaultCredentials();
    } else {
      b.credentialsFile(o.googleCredentials);
    }
    b.awsCredentials(
        new AwsForGoogle(AwsAccess.credentials(env, System.getenv()), AwsAccess.region(o, env)));
    if (o.googleServiceAccount != null && !o.googleServiceAccount.isBlank()) {
      b.serviceAccount(o.googleServiceAccount.strip());
    }
    if (o.googleTokenEndpoint != null || o.googleIamEndpoint != null) {
      try {
        b.authEndpoints(
            o.googleTokenEndpoint == null
                ? DelegatedCredentials.GOOGLE_TOKEN_URI
                : URI.create(o.googleTokenEndpoint.strip()),
            o.googleIamEndpoint == null
                ? DelegatedCredentials.IAM_CREDENTIALS_ROOT
                : URI.create(o.googleIamEndpoint.strip()));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "--google-token-endpoint (SSOSYNC_GOOGLE_TOKEN_ENDPOINT) or --google-iam-endpoint"
                + " (SSOSYNC_GOOGLE_IAM_ENDPOINT): not a URL");
      }
    }
  }

  /**
   * @param o the flags
   * @param env the environment (AWS endpoints and credentials are taken from it too)
   * @return the identity target
   */
  public static IdentityTarget target(Options o, Map<String, String> env) {
    return rethrowInFlags(() -> targetBuilder(o, env).build());
  }

  /**
   * The target's builder, every setting applied, not yet built (built, it may discover the identity
   * store id).
   *
   * @param o the flags
   * @param env the environment (AWS endpoints and credentials are taken from it too)
   * @return the builder
   * @throws ConfigurationException naming each bad flag
   */
  public static IdentityCenterTarget.Builder targetBuilder(Options o, Map<String, String> env) {
    WriteMode mode = AwsAccess.writeMode(o);
    IdentityCenterTarget.Builder b = IdentityCenterTarget.builder().writeMode(mode);
    String region = AwsAccess.region(o, env);
    if (region != null) {
      b.region(region);
    }
    if (o.identityStoreId != null) {
      b.identityStoreId(o.identityStoreId);
    }
    String identityStore =
        first(env.get("AWS_ENDPOINT_URL_IDENTITYSTORE"), env.get("AWS_ENDPOINT_URL"));
    if (identityStore != null) {
      b.identityStoreEndpoint(URI.create(identityStore));
    }
    String ssoAdmin = first(env.get("AWS_ENDPOINT_URL_SSO_ADMIN"), env.get("AWS_ENDPOINT_URL"));
    if (ssoAdmin != null) {
      b.ssoAdminEndpoint(URI.create(ssoAdmin));
    }
    AwsCredentialsProvider credentials = AwsAccess.credentials(env, System.getenv());
    b.credentialsProvider(credentials != null ? credentials : AwsAccess.defaultChain());
    if (o.endpoint != null && !o.endpoint.isBlank()) {
      try {
        b.scimEndpoint(URI.create(o.endpoint.strip()));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "--endpoint (SSOSYNC_ENDPOINT) \"" + o.endpoint + "\": not a URL");
      }
    }
    if (o.accessToken != null && !o.accessToken.isBlank()) {
      b.scimToken(Secret.of(o.accessToken.strip()));
    }
    return b;
  }

  static <T> T rethrowInFlags(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(e.problems().stream().map(Wiring::inFlags).toList());
    }
  }

  private static @Nullable Duration duration(
      List<String> problems, String flag, String value, boolean forever) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      problems.add(
          flag
              + " ("
              + EnvDefaults.variable(flag)
              + ") \""
              + value
              + "\": use a duration such as 7d, 12h or 0"
              + (forever ? ", or forever" : ""));
      return null;
    }
  }

  /** A flag as messages name it: {@code --group-name (SSOSYNC_GROUP_NAME)}. */
  private static String flag(String name) {
    return name + " (" + EnvDefaults.variable(name) + ")";
  }

  private static <E extends Enum<E>> @Nullable E choice(
      List<String> problems, String flag, String value, Class<E> type, String allowed) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          flag + " (" + EnvDefaults.variable(flag) + ") \"" + value + "\": use " + allowed);
      return null;
    }
  }

  @SafeVarargs
  static <T> @Nullable T first(T... values) {
    for (T v : values) {
      if (v != null && !(v instanceof String s && s.isBlank())) {
        return v;
      }
    }
    return null;
  }
}
