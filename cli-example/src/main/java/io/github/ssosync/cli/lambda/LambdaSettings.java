package io.github.ssosync.cli.lambda;

import com.google.auth.oauth2.ServiceAccountCredentials;
import io.github.ssosync.ConfigurationException;
import io.github.ssosync.Secret;
import io.github.ssosync.cli.internal.AwsForGoogle;
import io.github.ssosync.cli.internal.MappingSettings;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.mapping.AttributeMapping;
import io.github.ssosync.policy.DeletionGuard;
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
import io.github.ssosync.provider.google.internal.CredentialsFile;
import io.github.ssosync.targets.IdentityTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Lambda's configuration, read once from its environment and turned into a policy, a source and
 * a target through the providers' public builders. The variables are the CLI's names:
 *
 * <ul>
 *   <li>Google: {@code SSOSYNC_GOOGLE_ADMIN} (required); without a key (recommended) {@code
 *       SSOSYNC_GOOGLE_CREDENTIALS} holding a Workload Identity Federation configuration (inline
 *       JSON, a file in the package, or {@code adc}) and {@code SSOSYNC_GOOGLE_SERVICE_ACCOUNT},
 *       the function role's credentials signing the federation; or a key as {@code
 *       SSOSYNC_GOOGLE_CREDENTIALS_SECRET} (a Secrets Manager secret, or a Parameter Store
 *       parameter ARN, kept in memory, never written to disk); {@code SSOSYNC_CUSTOMER_ID}, {@code
 *       SSOSYNC_GOOGLE_API_ENDPOINT}, {@code SSOSYNC_GOOGLE_TOKEN_ENDPOINT}, {@code
 *       SSOSYNC_GOOGLE_IAM_ENDPOINT}.
 *   <li>Selection and policy: {@code SSOSYNC_USER_MATCH}, {@code SSOSYNC_GROUP_MATCH}, {@code
 *       SSOSYNC_SYNC_METHOD}, {@code SSOSYNC_IGNORE_USERS}, {@code SSOSYNC_IGNORE_GROUPS}, {@code
 *       SSOSYNC_INCLUDE_GROUPS} (comma-separated), {@code SSOSYNC_OWNER_MODE}, {@code
 *       SSOSYNC_SUSPENDED_ACTION}, {@code SSOSYNC_GRACE_PERIOD}, {@code
 *       SSOSYNC_GROUP_GRACE_PERIOD}, {@code SSOSYNC_GROUP_NAME}, {@code SSOSYNC_DELETE_LIMIT},
 *       {@code SSOSYNC_DELETE_LIMIT_PERCENT}, {@code SSOSYNC_DELETE_LIMIT_PERCENT_FROM}, {@code
 *       SSOSYNC_ALLOW_DELETES}.
 *   <li>Attributes: {@code SSOSYNC_USER_ATTRIBUTES} (comma-separated) and {@code
 *       SSOSYNC_ATTRIBUTE_MAPPING} (a mapping file in the package, or the YAML or JSON document
 *       itself).
 *   <li>AWS: {@code SSOSYNC_ENDPOINT} and the token as {@code SSOSYNC_ACCESS_TOKEN_SECRET} (or
 *       {@code SSOSYNC_ACCESS_TOKEN}), {@code SSOSYNC_WRITE_MODE}, {@code SSOSYNC_REGION}, {@code
 *       SSOSYNC_IDENTITY_STORE_ID}; the SDK's {@code AWS_ENDPOINT_URL[_IDENTITYSTORE|_SSO_ADMIN]}
 *       and the function role's temporary credentials ({@code AWS_ACCESS_KEY_ID}, {@code
 *       AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}).
 *   <li>Incremental runs (docs/INCREMENTAL.md): {@code SSOSYNC_STATE} ({@code s3://bucket/key}),
 *       {@code SSOSYNC_STATE_KMS_KEY}, {@code SSOSYNC_FULL}, {@code SSOSYNC_FULL_EVERY}, {@code
 *       SSOSYNC_MAX_STATE_AGE}; the SDK's {@code AWS_ENDPOINT_URL_S3} and {@code
 *       AWS_ENDPOINT_URL_CLOUDTRAIL}.
 * </ul>
 *
 * {@code SSOSYNC_METRICS_NAMESPACE} names the CloudWatch namespace of the run's metrics (default
 * {@code ssosync}). {@code SSOSYNC_LOG_LEVEL} and {@code SSOSYNC_LOG_FORMAT} (set by environments
 * migrated from ssosync) are accepted and have no effect: the Lambda runtime owns logging. Any
 * other {@code SSOSYNC_} variable is refused, naming it: a setting the Lambda would silently ignore
 * (a dry run, say) is worse than a failed invocation.
 *
 * @param environment the variables, as given
 * @param policy the policy they describe
 * @param allowDeletes whether a plan the deletion guard blocked is applied anyway
 */
public record LambdaSettings(
    Map<String, String> environment, SyncPolicy policy, boolean allowDeletes) {

  private static final Set<String> KNOWN =
      Set.of(
          "SSOSYNC_GOOGLE_ADMIN",
          "SSOSYNC_GOOGLE_CREDENTIALS",
          "SSOSYNC_GOOGLE_CREDENTIALS_SECRET",
          "SSOSYNC_GOOGLE_SERVICE_ACCOUNT",
          "SSOSYNC_GOOGLE_TOKEN_ENDPOINT",
          "SSOSYNC_GOOGLE_IAM_ENDPOINT",
          "SSOSYNC_CUSTOMER_ID",
          "SSOSYNC_GOOGLE_API_ENDPOINT",
          "SSOSYNC_USER_MATCH",
          "SSOSYNC_GROUP_MATCH",
          "SSOSYNC_SYNC_METHOD",
          "SSOSYNC_IGNORE_USERS",
          "SSOSYNC_IGNORE_GROUPS",
          "SSOSYNC_INCLUDE_GROUPS",
          "SSOSYNC_OWNER_MODE",
          "SSOSYNC_SUSPENDED_ACTION",
          "SSOSYNC_GRACE_PERIOD",
          "SSOSYNC_GROUP_GRACE_PERIOD",
          "SSOSYNC_GROUP_NAME",
          "SSOSYNC_USER_ATTRIBUTES",
          "SSOSYNC_ATTRIBUTE_MAPPING",
          "SSOSYNC_DELETE_LIMIT",
          "SSOSYNC_DELETE_LIMIT_PERCENT",
          "SSOSYNC_DELETE_LIMIT_PERCENT_FROM",
          "SSOSYNC_ALLOW_DELETES",
          "SSOSYNC_ENDPOINT",
          "SSOSYNC_ACCESS_TOKEN",
          "SSOSYNC_ACCESS_TOKEN_SECRET",
          "SSOSYNC_WRITE_MODE",
          "SSOSYNC_REGION",
          "SSOSYNC_IDENTITY_STORE_ID",
          "SSOSYNC_STATE",
          "SSOSYNC_STATE_KMS_KEY",
          "SSOSYNC_FULL",
          "SSOSYNC_FULL_EVERY",
          "SSOSYNC_MAX_STATE_AGE",
          // The CloudWatch namespace of the run's metrics (EmbeddedMetrics); default ssosync.
          "SSOSYNC_METRICS_NAMESPACE",
          // ssosync's Lambda environments set these; here logging is the Lambda runtime's.
          "SSOSYNC_LOG_LEVEL",
          "SSOSYNC_LOG_FORMAT");

  /** Policy builder settings and their variables, in order: the first prefixes the second. */
  private static final List<Map.Entry<String, String>> SETTINGS =
      List.of(
          Map.entry("userMatch and groupMatch", "SSOSYNC_USER_MATCH and SSOSYNC_GROUP_MATCH"),
          Map.entry("serviceAccount", "SSOSYNC_GOOGLE_SERVICE_ACCOUNT"),
          Map.entry("delegatedAdmin", "SSOSYNC_GOOGLE_ADMIN"),
          Map.entry("credentialsFile", "SSOSYNC_GOOGLE_CREDENTIALS"),
          Map.entry("applicationDefaultCredentials", "SSOSYNC_GOOGLE_CREDENTIALS"),
          Map.entry("userMatch", "SSOSYNC_USER_MATCH"),
          Map.entry("groupMatch", "SSOSYNC_GROUP_MATCH"),
          Map.entry("ignoreUsers", "SSOSYNC_IGNORE_USERS"),
          Map.entry("ignoreGroups", "SSOSYNC_IGNORE_GROUPS"),
          Map.entry("includeGroups", "SSOSYNC_INCLUDE_GROUPS"),
          Map.entry("gracePeriod", "SSOSYNC_GRACE_PERIOD"),
          Map.entry("groupGracePeriod", "SSOSYNC_GROUP_GRACE_PERIOD"));

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

  /** Copies. */
  public LambdaSettings {
    environment = Map.copyOf(environment);
  }

  /** Without the environment: it holds the AWS secret key and may hold the SCIM token. */
  @Override
  public String toString() {
    return "LambdaSettings[policy=" + policy + ", allowDeletes=" + allowDeletes + "]";
  }

  /**
   * Reads the settings and the policy (secrets are read later, when the source and target are
   * built).
   *
   * @param environment the function's variables
   * @return the settings
   * @throws ConfigurationException naming every bad or unknown variable
   */
  public static LambdaSettings from(Map<String, String> environment) {
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    for (String name : environment.keySet()) {
      if (name.startsWith("SSOSYNC_") && !KNOWN.contains(name)) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      problems.add(name + ": not a setting of the Lambda (it takes " + new TreeSet<>(KNOWN) + ")");
    }
    Vars v = new Vars(environment, problems);
    SyncMethod method = v.choice("SSOSYNC_SYNC_METHOD", "groups", SyncMethod.class);
    OwnerMode owner = v.choice("SSOSYNC_OWNER_MODE", "anchored", OwnerMode.class);
    SuspendedAction suspended =
        v.choice("SSOSYNC_SUSPENDED_ACTION", "disable", SuspendedAction.class);
    AttributeMapping mapping =
        MappingSettings.read(
            v.get("SSOSYNC_USER_ATTRIBUTES"),
            v.get("SSOSYNC_ATTRIBUTE_MAPPING"),
            v.get("SSOSYNC_GROUP_NAME"),
            new MappingSettings.Names(
                "SSOSYNC_USER_ATTRIBUTES", "SSOSYNC_ATTRIBUTE_MAPPING", "SSOSYNC_GROUP_NAME"),
            problems);
    Duration grace = v.duration("SSOSYNC_GRACE_PERIOD", "7d");
    String groupGraceText = v.get("SSOSYNC_GROUP_GRACE_PERIOD");
    boolean keepGroups = groupGraceText != null && groupGraceText.equalsIgnoreCase("forever");
    Duration groupGrace =
        groupGraceText == null || keepGroups
            ? null
            : v.duration("SSOSYNC_GROUP_GRACE_PERIOD", groupGraceText);
    DeletionGuard guard =
        new DeletionGuard(
            v.integer("SSOSYNC_DELETE_LIMIT", 50),
            v.integer("SSOSYNC_DELETE_LIMIT_PERCENT", 10),
            v.integer("SSOSYNC_DELETE_LIMIT_PERCENT_FROM", 5));
    boolean allowDeletes = Boolean.parseBoolean(v.get("SSOSYNC_ALLOW_DELETES"));
    if (v.get("SSOSYNC_GOOGLE_ADMIN") == null) {
      problems.add(
          "SSOSYNC_GOOGLE_ADMIN: required, the Workspace admin the service account acts for");
    }
    boolean keySecret = v.get("SSOSYNC_GOOGLE_CREDENTIALS_SECRET") != null;
    if (keySecret == (v.get("SSOSYNC_GOOGLE_CREDENTIALS") != null)) {
      problems.add(
          "SSOSYNC_GOOGLE_CREDENTIALS: set it (a federation configuration, inline or as a file in"
              + " the package, or adc) or SSOSYNC_GOOGLE_CREDENTIALS_SECRET (the secret holding a"
              + " service account's JSON key), not both");
    }
    LambdaState.validate(environment, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    SyncPolicy.Builder b =
        SyncPolicy.builder()
            .syncMethod(method)
            .userMatch(v.get("SSOSYNC_USER_MATCH") == null ? "" : v.get("SSOSYNC_USER_MATCH"))
            .groupMatch(v.get("SSOSYNC_GROUP_MATCH") == null ? "" : v.get("SSOSYNC_GROUP_MATCH"))
            .ignoreUsers(v.list("SSOSYNC_IGNORE_USERS"))
            .ignoreGroups(v.list("SSOSYNC_IGNORE_GROUPS"))
            .includeGroups(v.list("SSOSYNC_INCLUDE_GROUPS"))
            .ownerMode(owner)
            .suspendedAction(suspended)
            .gracePeriod(grace)
            .deletionGuard(guard)
            .attributeMapping(java.util.Objects.requireNonNull(mapping));
    if (keepGroups) {
      b.keepRemovedGroups();
    } else if (groupGrace != null) {
      b.groupGracePeriod(groupGrace);
    }
    try {
      return new LambdaSettings(environment, b.build(), allowDeletes);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          e.problems().stream().map(LambdaSettings::inVariables).toList());
    }
  }

  /** Builds, with every problem naming the variable a Lambda's user sets. */
  private static <T> T inVariables(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          e.problems().stream().map(LambdaSettings::inVariables).toList());
    }
  }

  /** A policy problem names a builder setting; the Lambda's user knows the variable. */
  private static String inVariables(String problem) {
    for (Map.Entry<String, String> e : SETTINGS) {
      if (problem.startsWith(e.getKey() + " ") || problem.startsWith(e.getKey() + ":")) {
        return e.getValue() + problem.substring(e.getKey().length());
      }
    }
    return problem;
  }

  /**
   * The Google directory, its key held in memory only.
   *
   * @param secrets reads a secret by id (Secrets Manager in Lambda)
   * @return the source
   * @throws ConfigurationException naming the variable whose value is unusable
   */
  public DirectorySource source(Function<String, String> secrets) {
    GoogleDirectorySource.Builder b = google(GoogleDirectorySource.builder(), secrets);
    return inVariables(b::build);
  }

  /**
   * The Google change feed of incremental runs ({@code SSOSYNC_STATE}): the same credentials and
   * admin as the source, which then need the Reports scope on the domain-wide delegation too.
   *
   * @param secrets reads a secret by id
   * @return the feed
   * @throws ConfigurationException naming the variable whose value is unusable
   */
  public GoogleReportsChangeFeed directoryFeed(Function<String, String> secrets) {
    GoogleReportsChangeFeed.Builder b = google(GoogleReportsChangeFeed.builder(), secrets);
    return inVariables(b::build);
  }

  /** The admin, credentials, customer and endpoint both Google builders take, from variables. */
  private <B extends GoogleAccess<B>> B google(B b, Function<String, String> secrets) {
    Vars v = new Vars(environment, new ArrayList<>());
    b.delegatedAdmin(v.get("SSOSYNC_GOOGLE_ADMIN"));
    googleCredentials(b, v, secrets);
    if (v.get("SSOSYNC_CUSTOMER_ID") != null) {
      b.customerId(v.get("SSOSYNC_CUSTOMER_ID"));
    }
    if (v.get("SSOSYNC_GOOGLE_API_ENDPOINT") != null) {
      b.rootUrl(v.get("SSOSYNC_GOOGLE_API_ENDPOINT"));
    }
    return b;
  }

  /** A key from the secret (in memory only), or {@link #keyless}. */
  private static void googleCredentials(
      GoogleAccess<?> b, Vars v, Function<String, String> secrets) {
    String keySecret = v.get("SSOSYNC_GOOGLE_CREDENTIALS_SECRET");
    if (keySecret != null) {
      Secret key = Secret.of(secrets.apply(keySecret));
      try {
        // fromStream honours the key's token_uri, like a key file does.
        b.credentials(
            ServiceAccountCredentials.fromStream(
                new ByteArrayInputStream(key.reveal().getBytes(StandardCharsets.UTF_8))));
      } catch (IOException | RuntimeException e) {
        // The class name only: a parser's message may quote the key.
        throw new ConfigurationException(
            "SSOSYNC_GOOGLE_CREDENTIALS_SECRET \""
                + keySecret
                + "\": not a usable service-account JSON key ("
                + e.getClass().getSimpleName()
                + ")");
      }
    } else {
      keyless(b, v);
    }
  }

  /**
   * {@code SSOSYNC_GOOGLE_CREDENTIALS}: a federation configuration inline (it holds no secret), a
   * file in the package, or {@code adc}; the function role's credentials sign the federation.
   */
  private static void keyless(GoogleAccess<?> b, Vars v) {
    String value = java.util.Objects.requireNonNull(v.get("SSOSYNC_GOOGLE_CREDENTIALS"));
    AwsForGoogle aws = new AwsForGoogle(credentials(v), v.get("AWS_REGION"));
    if (value.equalsIgnoreCase("adc")) {
      b.applicationDefaultCredentials();
      b.awsCredentials(aws);
    } else if (value.startsWith("{")) {
      List<String> problems = new ArrayList<>();
      CredentialsFile.Loaded loaded =
          CredentialsFile.parse(
              value.getBytes(StandardCharsets.UTF_8), "SSOSYNC_GOOGLE_CREDENTIALS", aws, problems);
      if (loaded != null && loaded.credentials() == null) {
        problems.add(
            "SSOSYNC_GOOGLE_CREDENTIALS: holds a service-account key in clear; put it in Secrets"
                + " Manager (SSOSYNC_GOOGLE_CREDENTIALS_SECRET), or better use federation");
      }
      if (!problems.isEmpty() || loaded == null || loaded.credentials() == null) {
        throw new ConfigurationException(problems);
      }
      b.credentials(loaded.credentials());
    } else {
      b.credentialsFile(Path.of(value));
      b.awsCredentials(aws);
    }
    String account = v.get("SSOSYNC_GOOGLE_SERVICE_ACCOUNT");
    if (account != null) {
      b.serviceAccount(account);
    }
    if (v.get("SSOSYNC_GOOGLE_TOKEN_ENDPOINT") != null
        || v.get("SSOSYNC_GOOGLE_IAM_ENDPOINT") != null) {
      URI token = v.uri("SSOSYNC_GOOGLE_TOKEN_ENDPOINT");
      URI iam = v.uri("SSOSYNC_GOOGLE_IAM_ENDPOINT");
      b.authEndpoints(
          token == null ? DelegatedCredentials.GOOGLE_TOKEN_URI : token,
          iam == null ? DelegatedCredentials.IAM_CREDENTIALS_ROOT : iam);
    }
  }

  /**
   * The state and change feeds of incremental runs, when {@code SSOSYNC_STATE} is set.
   *
   * @param secrets reads a secret by id
   * @return the state's wiring, or null for stateless full runs
   * @throws ConfigurationException naming the variable whose value is unusable
   */
  public io.github.ssosync.cli.internal.@Nullable StateWiring state(
      Function<String, String> secrets) {
    return LambdaState.build(this, environment, secrets);
  }

  /**
   * IAM Identity Center, through SCIM when an endpoint is set, else through the Identity Store API.
   *
   * @param secrets reads a secret by id (Secrets Manager in Lambda)
   * @return the target
   * @throws ConfigurationException naming the variable whose value is unusable
   */
  public IdentityTarget target(Function<String, String> secrets) {
    List<String> problems = new ArrayList<>();
    Vars v = new Vars(environment, problems);
    IdentityCenterTarget.Builder b = IdentityCenterTarget.builder();
    String endpoint = v.get("SSOSYNC_ENDPOINT");
    String tokenSecret = v.get("SSOSYNC_ACCESS_TOKEN_SECRET");
    String token = tokenSecret != null ? secrets.apply(tokenSecret) : v.get("SSOSYNC_ACCESS_TOKEN");
    String mode = v.get("SSOSYNC_WRITE_MODE");
    if (mode == null) {
      b.writeMode(endpoint != null ? WriteMode.SCIM : WriteMode.IDENTITY_STORE);
    } else {
      switch (mode.toLowerCase(Locale.ROOT)) {
        case "scim" -> b.writeMode(WriteMode.SCIM);
        case "identitystore", "identity_store", "identity-store" ->
            b.writeMode(WriteMode.IDENTITY_STORE);
        default -> problems.add("SSOSYNC_WRITE_MODE \"" + mode + "\": use scim or identitystore");
      }
    }
    if (endpoint != null) {
      b.scimEndpoint(v.uri("SSOSYNC_ENDPOINT"));
    }
    if (token != null && !token.isBlank()) {
      b.scimToken(Secret.of(token.strip()));
    }
    if (v.get("SSOSYNC_REGION") != null) {
      b.region(v.get("SSOSYNC_REGION"));
    }
    if (v.get("SSOSYNC_IDENTITY_STORE_ID") != null) {
      b.identityStoreId(v.get("SSOSYNC_IDENTITY_STORE_ID"));
    }
    URI identityStore =
        v.get("AWS_ENDPOINT_URL_IDENTITYSTORE") != null
            ? v.uri("AWS_ENDPOINT_URL_IDENTITYSTORE")
            : v.uri("AWS_ENDPOINT_URL");
    if (identityStore != null) {
      b.identityStoreEndpoint(identityStore);
    }
    URI ssoAdmin =
        v.get("AWS_ENDPOINT_URL_SSO_ADMIN") != null
            ? v.uri("AWS_ENDPOINT_URL_SSO_ADMIN")
            : v.uri("AWS_ENDPOINT_URL");
    if (ssoAdmin != null) {
      b.ssoAdminEndpoint(ssoAdmin);
    }
    AwsCredentialsProvider credentials = credentials(v);
    if (credentials != null) {
      b.credentialsProvider(credentials);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return b.build();
  }

  /**
   * The function role's credentials as the environment states them; Lambda's are temporary, so the
   * session token goes with them (AWS refuses temporary keys without it). Null: the SDK's default
   * chain.
   */
  private static @Nullable AwsCredentialsProvider credentials(Vars v) {
    return statedCredentials(v.env());
  }

  /**
   * @param environment the function's variables
   * @return the credentials they state (with the session token), or null for the default chain
   */
  static @Nullable AwsCredentialsProvider statedCredentials(Map<String, String> environment) {
    Vars v = new Vars(environment, new ArrayList<>());
    String id = v.get("AWS_ACCESS_KEY_ID");
    String secret = v.get("AWS_SECRET_ACCESS_KEY");
    if (id == null || secret == null) {
      return null;
    }
    String session = v.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        session == null
            ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, session));
  }

  /** Reads variables, collecting what is wrong with them. */
  private record Vars(Map<String, String> env, List<String> problems) {
    @Nullable String get(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    List<String> list(String name) {
      String value = get(name);
      return value == null
          ? List.of()
          : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    int integer(String name, int fallback) {
      String value = get(name);
      try {
        return value == null ? fallback : Integer.parseInt(value);
      } catch (NumberFormatException e) {
        problems.add(name + " \"" + value + "\": not a whole number");
        return fallback;
      }
    }

    @Nullable URI uri(String name) {
      String value = get(name);
      try {
        return value == null ? null : URI.create(value);
      } catch (IllegalArgumentException e) {
        problems.add(name + " \"" + value + "\": not a URL");
        return null;
      }
    }

    /** {@code 7d}, {@code 12h}, {@code 90m}, {@code 30s}, {@code 0} or ISO-8601, like the CLI. */
    Duration duration(String name, String fallback) {
      String value = get(name) == null ? fallback : get(name);
      Matcher m = SHORT_DURATION.matcher(value);
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        problems.add(name + " \"" + value + "\": use a duration such as 7d, 12h or 0");
        return Duration.ZERO;
      }
    }

    <E extends Enum<E>> E choice(String name, String fallback, Class<E> type) {
      String value = get(name) == null ? fallback : get(name);
      try {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            name + " \"" + value + "\": use one of " + Arrays.toString(type.getEnumConstants()));
        return type.getEnumConstants()[0];
      }
    }
  }
}
