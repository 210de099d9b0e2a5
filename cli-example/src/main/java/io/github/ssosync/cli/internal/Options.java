package io.github.ssosync.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Every flag of {@code sync} and {@code plan}: ssosync's, with the same names and meaning, then
 * ours. Each can also come from {@code SSOSYNC_<NAME>} (see {@link EnvDefaults}).
 */
public final class Options {
  @Option(
      names = {"-t", "--access-token"},
      description = "IAM Identity Center SCIM access token.",
      arity = "1")
  public @Nullable String accessToken;

  @Option(
      names = {"-e", "--endpoint"},
      description = "IAM Identity Center SCIM endpoint URL.")
  public @Nullable String endpoint;

  @Option(
      names = {"-c", "--google-credentials"},
      description =
          "Google credentials: a Workload Identity Federation configuration file, a service-account"
              + " key file, a user's or impersonated ADC file, or adc (default: ${DEFAULT-VALUE}).",
      defaultValue = "credentials.json")
  public Path googleCredentials = Path.of("credentials.json");

  @Option(
      names = "--google-service-account",
      description =
          "Service account that signs the domain-wide delegation without a key (needed unless"
              + " --google-credentials is a key or impersonates it).")
  public @Nullable String googleServiceAccount;

  @Option(
      names = {"-u", "--google-admin"},
      description = "Google Workspace admin to act as (domain-wide delegation).")
  public @Nullable String googleAdmin;

  @Option(
      names = {"-g", "--group-match"},
      description = "Google group queries, comma separated; '*' for all.")
  public @Nullable String groupMatch;

  @Option(
      names = {"-m", "--user-match"},
      description = "Google user queries, comma separated; '*' for all.")
  public @Nullable String userMatch;

  @Option(
      names = {"-s", "--sync-method"},
      description = "groups or users_groups (default: ${DEFAULT-VALUE}).",
      defaultValue = "groups")
  public String syncMethod = "groups";

  @Option(
      names = "--ignore-users",
      split = ",",
      description = "User emails or globs never touched.")
  public List<String> ignoreUsers = new ArrayList<>();

  @Option(
      names = "--ignore-groups",
      split = ",",
      description = "Group emails or globs never touched.")
  public List<String> ignoreGroups = new ArrayList<>();

  @Option(
      names = "--include-groups",
      split = ",",
      description = "Only these groups (emails or globs).")
  public List<String> includeGroups = new ArrayList<>();

  @Option(
      names = {"-r", "--region"},
      description = "AWS region of the IAM Identity Center instance.")
  public @Nullable String region;

  @Option(
      names = {"-i", "--identity-store-id"},
      description = "Identity store id (found when omitted).")
  public @Nullable String identityStoreId;

  @Option(names = "--customer-id", description = "Google customer id (default: my_customer).")
  public @Nullable String customerId;

  @Option(
      names = "--suspended",
      description =
          "Also sync suspended users, as disabled (our default; kept for ssosync compatibility).")
  public boolean suspended;

  @Option(
      names = {"-n", "--dry-run"},
      description = "Plan and print, write nothing.")
  public boolean dryRun;

  @Option(
      names = {"-d", "--debug"},
      description = "Debug logging and stack traces.")
  public boolean debug;

  @Option(
      names = "--log-level",
      description = "error, warn, info, debug (default: ${DEFAULT-VALUE}).",
      defaultValue = "info")
  public String logLevel = "info";

  @Option(
      names = "--log-format",
      description = "text or json (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  public String logFormat = "text";

  // ---- ours

  @Option(
      names = "--delete-limit",
      description =
          "Most objects one run may disable or delete; 0: no limit (default: ${DEFAULT-VALUE}).",
      defaultValue = "50")
  public int deleteLimit = 50;

  @Option(
      names = "--delete-limit-percent",
      description =
          "Most percent of owned objects one run may remove; 0: no limit (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  public int deleteLimitPercent = 10;

  @Option(
      names = "--delete-limit-percent-from",
      description =
          "The --delete-limit-percent applies only to runs that remove at least this many objects (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  public int deleteLimitPercentFrom = 5;

  @Option(names = "--allow-deletes", description = "Apply a plan the deletion guard blocked.")
  public boolean allowDeletes;

  @Option(
      names = "--owner-mode",
      description = "anchored, adopt or all (default: ${DEFAULT-VALUE}).",
      defaultValue = "anchored")
  public String ownerMode = "anchored";

  @Option(
      names = "--suspended-action",
      description = "disable, delete or ignore (default: ${DEFAULT-VALUE}).",
      defaultValue = "disable")
  public String suspendedAction = "disable";

  @Option(
      names = "--grace-period",
      description =
          "How long a user who left stays disabled before deletion, e.g. 7d, 12h, 0 (default: ${DEFAULT-VALUE}).",
      defaultValue = "7d")
  public String gracePeriod = "7d";

  @Option(
      names = "--group-grace-period",
      description =
          "How long a group that left the scope stays, emptied, before deletion: 7d, 12h, 0, or"
              + " forever (default: the --grace-period).")
  public @Nullable String groupGracePeriod;

  @Option(
      names = "--group-name",
      description =
          "What AWS group names are made from: email (default), name, or a template such as"
              + " 'AWS-{email.local|removePrefix:aws-|capitalize}'. Changing it renames groups in"
              + " place.")
  public @Nullable String groupName;

  @Option(
      names = "--user-attributes",
      description =
          "User attributes to sync from their usual Google fields, comma separated: title,"
              + " department, costCenter, organization, employeeNumber, manager, phoneNumber,"
              + " preferredLanguage, streetAddress, locality, region, postalCode, country,"
              + " formattedAddress. Only mapped attributes are ever written.")
  public @Nullable String userAttributes;

  @Option(
      names = "--attribute-mapping",
      description =
          "A YAML file mapping user attributes (and the group name) to source expressions, such"
              + " as userName: '{custom:AWS.Username}'; see the README.")
  public @Nullable String attributeMapping;

  @Option(
      names = "--write-mode",
      description =
          "scim (default: needs --endpoint and --access-token) or identitystore (no anchors, no"
              + " disabling; only when chosen).")
  public @Nullable String writeMode;

  @Option(
      names = "--state",
      description =
          "Keep state between runs for incremental syncs: s3://bucket/key or a local FILE."
              + " Without it every run is a full reconcile. See docs/INCREMENTAL.md.")
  public @Nullable String state;

  @Option(
      names = "--state-kms-key",
      description =
          "KMS key (id, ARN or alias) the S3 state is encrypted with (SSE-KMS); default SSE-S3.")
  public @Nullable String stateKmsKey;

  @Option(
      names = "--full",
      description = "Reconcile in full this run even with a usable --state (which is saved).")
  public boolean full;

  @Option(
      names = "--full-every",
      description =
          "With --state: how often a run reconciles in full whatever the feeds say, e.g. 24h, 7d"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "24h")
  public String fullEvery = "24h";

  @Option(
      names = "--max-state-age",
      description =
          "With --state: how old the state may be for a run to be incremental, e.g. 6h"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "6h")
  public String maxStateAge = "6h";

  @Option(names = "--plan-out", description = "Write the plan as JSON to this file.")
  public @Nullable Path planOut;

  @Option(names = "--report-out", description = "Write the report as JSON to this file.")
  public @Nullable Path reportOut;

  /** Hidden: the demo, having shown the plan, prints only the sync's summary. */
  @Option(names = "--summary-only", hidden = true)
  public boolean summaryOnly;

  @Option(
      names = "--source",
      description = "google (default) or file:PATH for a YAML/JSON directory file.",
      defaultValue = "google")
  public String source = "google";

  @Option(
      names = "--google-api-endpoint",
      description = "Directory API root URL (private endpoints, emulators).")
  public @Nullable String googleApiEndpoint;

  @Option(
      names = "--google-token-endpoint",
      description = "OAuth token endpoint for keyless delegation (private endpoints, emulators).")
  public @Nullable String googleTokenEndpoint;

  @Option(
      names = "--google-iam-endpoint",
      description =
          "IAM Credentials API root for keyless delegation (private endpoints, emulators).")
  public @Nullable String googleIamEndpoint;
}
