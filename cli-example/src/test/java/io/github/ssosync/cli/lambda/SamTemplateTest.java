package io.github.ssosync.cli.lambda;

import static io.github.ssosync.cli.lambda.CloudFormationTemplate.list;
import static io.github.ssosync.cli.lambda.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ssosync.cli.internal.Demo;
import io.github.ssosync.emulators.aws.IdentityCenterEmulator;
import io.github.ssosync.emulators.google.GoogleDirectoryEmulator;
import io.github.ssosync.engine.RunMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SAM template in cli-example/deploy: its parameters, resources, permissions and alarms. */
class SamTemplateTest {
  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.read(Path.of("deploy/template.yaml"));

  /** The Identity Store operations the target calls in both modes (IdentityStoreReader, ...). */
  static final Set<String> READS_AND_DESCRIPTIONS =
      Set.of(
          "identitystore:ListUsers",
          "identitystore:ListGroups",
          "identitystore:ListGroupMemberships",
          "identitystore:GetUserId",
          "identitystore:GetGroupId",
          "identitystore:DescribeUser",
          "identitystore:DescribeGroup",
          "identitystore:UpdateGroup");

  private static Map<String, Object> function() {
    return map(map(TEMPLATE.section("Resources").get("SyncFunction")).get("Properties"));
  }

  /** The function's statements for these parameter values, conditions decided. */
  private static List<Map<String, Object>> statements(Map<String, String> parameters) {
    Object policies = TEMPLATE.resolve(function().get("Policies"), parameters);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object policy : list(policies)) {
      list(map(policy).get("Statement")).forEach(s -> out.add(map(s)));
    }
    return out;
  }

  private static Set<String> actions(List<Map<String, Object>> statements) {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> s : statements) {
      assertThat(s.get("Effect")).isEqualTo("Allow");
      Object a = s.get("Action");
      if (a instanceof List<?> l) {
        l.forEach(x -> out.add((String) x));
      } else {
        out.add((String) a);
      }
    }
    return out;
  }

  private static List<Object> resourcesOf(List<Map<String, Object>> statements, String action) {
    return statements.stream()
        .filter(s -> actions(List.of(s)).contains(action))
        .flatMap(
            s ->
                s.get("Resource") instanceof List<?> l
                    ? l.stream()
                    : List.of(s.get("Resource")).stream())
        .map(Object.class::cast)
        .toList();
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("Ref", name);
  }

  @Test
  void theParametersCoverWriteModeSecretsAlarmsAndMetrics() {
    Map<String, Object> parameters = TEMPLATE.section("Parameters");
    assertThat(map(parameters.get("WriteMode")).get("AllowedValues"))
        .isEqualTo(List.of("scim", "identitystore"));
    assertThat(map(parameters.get("SecretStore")).get("AllowedValues"))
        .isEqualTo(List.of("SecretsManager", "ParameterStore"));
    assertThat(parameters)
        .containsKeys(
            "ScimEndpoint",
            "ScimTokenSecretArn",
            "GoogleCredentialsSecretArn",
            "SecretsKmsKeyArn",
            "AlarmTopicArn",
            "HoursWithoutSuccess",
            "MetricsNamespace",
            "IdentityStoreId",
            "UserAttributes",
            "AttributeMapping",
            "GroupName");
    Map<String, Object> hours = map(parameters.get("HoursWithoutSuccess"));
    // CloudWatch: Period x EvaluationPeriods at most 604,800 s; the alarm's period is an hour.
    assertThat(hours.get("MaxValue")).isEqualTo(168);
    assertThat(hours.get("MinValue")).isEqualTo(1);
    // Every Ref names a parameter, a resource or a pseudo parameter; every ${X} in a Sub too;
    // every Fn::If a condition.
    Set<String> known = new HashSet<>(parameters.keySet());
    known.addAll(TEMPLATE.section("Resources").keySet());
    known.add("SyncFunction.Alias");
    known.add("SyncFunctionRole"); // the role SAM makes for the function, under this logical id
    List<String> unknown = new ArrayList<>();
    Pattern sub = Pattern.compile("\\$\\{([^}!]+)}");
    CloudFormationTemplate.walk(
        TEMPLATE.root,
        node -> {
          if (!(node instanceof Map<?, ?> m) || m.size() != 1) {
            return;
          }
          if (m.get("Ref") instanceof String r && !r.startsWith("AWS::") && !known.contains(r)) {
            unknown.add("Ref " + r);
          }
          if (m.get("Fn::Sub") instanceof String s) {
            Matcher x = sub.matcher(s);
            while (x.find()) {
              // ${Resource.Attribute} is a GetAtt of a resource.
              String name = x.group(1).split("\\.", 2)[0];
              if (!x.group(1).startsWith("AWS::") && !known.contains(name)) {
                unknown.add("Sub ${" + x.group(1) + "}");
              }
            }
          }
          if (m.get("Fn::If") instanceof List<?> l
              && !TEMPLATE.section("Conditions").containsKey((String) l.get(0))) {
            unknown.add("If " + l.get(0));
          }
        });
    assertThat(unknown).isEmpty();
  }

  @Test
  void theFunctionUsesSnapStartOnAnAliasAndOnlyVariablesTheHandlerAccepts() {
    Map<String, Object> f = function();
    assertThat(f.get("Handler")).isEqualTo(SyncHandler.class.getName() + "::handleRequest");
    assertThat(f.get("Runtime")).isEqualTo("java17");
    assertThat(map(f.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
    // SnapStart snapshots published versions only; the schedule invokes the alias.
    assertThat(f.get("AutoPublishAlias")).isEqualTo("live");
    Map<String, Object> variables = map(map(f.get("Environment")).get("Variables"));
    Map<String, String> env = new HashMap<>();
    variables.keySet().forEach(k -> env.put(k, "x"));
    env.put("SSOSYNC_GROUP_MATCH", "email:aws-*");
    env.put("SSOSYNC_GRACE_PERIOD", "7d");
    // The template's defaults for the attribute settings: none, and groups named by email.
    env.put("SSOSYNC_USER_ATTRIBUTES", "");
    env.put("SSOSYNC_ATTRIBUTE_MAPPING", "");
    env.put("SSOSYNC_GROUP_NAME", "email");
    // With a key (the secret), not the federation: the handler takes one or the other.
    env.remove("SSOSYNC_GOOGLE_CREDENTIALS");
    env.remove("SSOSYNC_GOOGLE_SERVICE_ACCOUNT");
    env.remove("SSOSYNC_WRITE_MODE"); // a value the handler checks when it builds the target
    env.put("SSOSYNC_STATE", "s3://ssosync-state/ssosync/state.json");
    env.put("SSOSYNC_FULL_EVERY", "24h");
    // LambdaSettings refuses any SSOSYNC_ variable it does not know: none of the template's.
    LambdaSettings.from(env);
    // SCIM mode sets the endpoint and the token; identitystore mode neither.
    Map<String, Object> scim = map(TEMPLATE.resolve(variables, Map.of("WriteMode", "scim")));
    assertThat(scim).containsKeys("SSOSYNC_ENDPOINT", "SSOSYNC_ACCESS_TOKEN_SECRET");
    Map<String, Object> store =
        map(TEMPLATE.resolve(variables, Map.of("WriteMode", "identitystore")));
    assertThat(store).doesNotContainKeys("SSOSYNC_ENDPOINT", "SSOSYNC_ACCESS_TOKEN_SECRET");
    assertThat(store.get("SSOSYNC_WRITE_MODE")).isEqualTo(ref("WriteMode"));
  }

  @Test
  void scimModeHasNoIdentityStoreWritesBeyondGroupDescriptions() {
    Set<String> scim = actions(statements(Map.of("WriteMode", "scim")));
    assertThat(scim).containsAll(READS_AND_DESCRIPTIONS);
    assertThat(scim)
        .filteredOn(a -> a.startsWith("identitystore:"))
        .containsExactlyInAnyOrderElementsOf(READS_AND_DESCRIPTIONS)
        .noneMatch(a -> a.contains("Create") || a.contains("Delete"));

    Set<String> store = actions(statements(Map.of("WriteMode", "identitystore")));
    assertThat(store)
        .containsAll(READS_AND_DESCRIPTIONS)
        .contains(
            "identitystore:CreateUser",
            "identitystore:UpdateUser",
            "identitystore:DeleteUser",
            "identitystore:CreateGroup",
            "identitystore:DeleteGroup",
            "identitystore:CreateGroupMembership",
            "identitystore:DeleteGroupMembership",
            "identitystore:GetGroupMembershipId");
  }

  @Test
  void secretsAreReadFromTheStoreTheParameterNamesAndOnlyThoseTheModeNeeds() {
    String key = "arn:aws:secretsmanager:eu-west-1:1:secret:google-key";
    List<Map<String, Object>> sm =
        statements(
            Map.of(
                "WriteMode", "scim",
                "SecretStore", "SecretsManager",
                "GoogleCredentialsSecretArn", key));
    assertThat(actions(sm))
        .contains("secretsmanager:GetSecretValue")
        .doesNotContain("ssm:GetParameter", "kms:Decrypt");
    assertThat(resourcesOf(sm, "secretsmanager:GetSecretValue"))
        .containsExactly(ref("ScimTokenSecretArn"), ref("GoogleCredentialsSecretArn"));
    // Keyless Google: the SCIM token is the only secret, and in identitystore mode there is none.
    assertThat(
            resourcesOf(
                statements(Map.of("WriteMode", "scim", "SecretStore", "SecretsManager")),
                "secretsmanager:GetSecretValue"))
        .containsExactly(ref("ScimTokenSecretArn"));
    assertThat(actions(statements(Map.of("WriteMode", "identitystore"))))
        .doesNotContain("secretsmanager:GetSecretValue", "ssm:GetParameter");

    List<Map<String, Object>> ps =
        statements(
            Map.of(
                "WriteMode", "identitystore",
                "SecretStore", "ParameterStore",
                "GoogleCredentialsSecretArn", key));
    assertThat(actions(ps))
        .contains("ssm:GetParameter")
        .doesNotContain("secretsmanager:GetSecretValue");
    // No SCIM token in identitystore mode, so no permission to read one.
    assertThat(resourcesOf(ps, "ssm:GetParameter"))
        .containsExactly(ref("GoogleCredentialsSecretArn"));

    List<Map<String, Object>> kms =
        statements(
            Map.of(
                "SecretStore",
                "ParameterStore",
                "SecretsKmsKeyArn",
                "arn:aws:kms:eu-west-1:1:key/k"));
    Map<String, Object> decrypt =
        kms.stream().filter(s -> "kms:Decrypt".equals(s.get("Action"))).findFirst().orElseThrow();
    // Only through the store the secrets are in.
    assertThat(map(map(decrypt.get("Condition")).get("StringEquals")).get("kms:ViaService"))
        .isEqualTo(Map.of("Fn::Sub", "ssm.${AWS::Region}.amazonaws.com"));
  }

  @Test
  void threeAlarmsWatchTheRunMetricsAndNotifyTheTopic() {
    Map<String, Object> resources = TEMPLATE.section("Resources");
    Map<String, Object> blocked = alarm(resources, "BlockedRunsAlarm");
    assertThat(blocked.get("MetricName")).isEqualTo(RunMetric.RUNS_BLOCKED.cloudWatchName());
    assertThat(blocked.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
    assertThat(blocked.get("Namespace")).isEqualTo(ref("MetricsNamespace"));
    assertThat(blocked.get("Dimensions"))
        .isEqualTo(List.of(Map.of("Name", "Function", "Value", ref("SyncFunction"))));

    Map<String, Object> none = alarm(resources, "NoSuccessfulRunAlarm");
    assertThat(none.get("MetricName")).isEqualTo(RunMetric.RUNS_COMPLETED.cloudWatchName());
    assertThat(none.get("Period")).isEqualTo(3600);
    assertThat(none.get("EvaluationPeriods")).isEqualTo(ref("HoursWithoutSuccess"));
    assertThat(none.get("DatapointsToAlarm")).isEqualTo(ref("HoursWithoutSuccess"));
    assertThat(none.get("ComparisonOperator")).isEqualTo("LessThanThreshold");
    // No run at all is no success either.
    assertThat(none.get("TreatMissingData")).isEqualTo("breaching");

    Map<String, Object> failed = alarm(resources, "FailedRunsAlarm");
    List<Object> metrics = list(failed.get("Metrics"));
    assertThat(metrics)
        .extracting(m -> map(m).get("MetricStat"))
        .filteredOn(java.util.Objects::nonNull)
        .extracting(s -> map(map(s).get("Metric")).get("MetricName"))
        .containsExactlyInAnyOrder(RunMetric.RUNS_FAILED.cloudWatchName(), "Errors");
    assertThat(metrics).filteredOn(m -> Boolean.TRUE.equals(map(m).get("ReturnData"))).hasSize(1);
  }

  /**
   * Runs the handler in each write mode against the AWS emulator, twice (creates, then repairs of
   * hand edits), and checks that every Identity Store operation it called is one the template
   * allows in that mode.
   */
  @Test
  void everyIdentityStoreOperationARunCallsIsAllowedInItsMode() {
    for (String mode : List.of("scim", "identitystore")) {
      try (GoogleDirectoryEmulator google = GoogleDirectoryEmulator.start(Demo.sampleDirectory());
          IdentityCenterEmulator aws = IdentityCenterEmulator.start()) {
        Map<String, String> env = new HashMap<>();
        // One group (with a description, nested groups and a cycle) keeps the run short.
        env.put("SSOSYNC_GROUP_MATCH", "email:aws-admins*");
        env.put("SSOSYNC_GOOGLE_ADMIN", "admin@example.com");
        env.put("SSOSYNC_GOOGLE_API_ENDPOINT", google.rootUrl());
        env.put("SSOSYNC_WRITE_MODE", mode);
        env.put("SSOSYNC_REGION", aws.region());
        env.put("SSOSYNC_IDENTITY_STORE_ID", aws.identityStoreId());
        env.put("SSOSYNC_GOOGLE_CREDENTIALS_SECRET", "arn:key");
        env.put("SSOSYNC_GRACE_PERIOD", "0");
        env.put("AWS_ENDPOINT_URL", aws.identityStoreEndpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIAEMULATOR0000001");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        if (mode.equals("scim")) {
          env.put("SSOSYNC_ENDPOINT", aws.scimEndpoint().toString());
          env.put("SSOSYNC_ACCESS_TOKEN_SECRET", "arn:token");
        }
        Map<String, String> secrets =
            Map.of(
                "arn:token", aws.scimToken(),
                "arn:key", google.serviceAccountKeyJson("lambda@test.iam.gserviceaccount.com"));
        new SyncHandler(env, secrets::get).handleRequest(Map.of(), new FakeContext(line -> {}));
        // Hand edits in the target, which the next run repairs: a renamed group, a deleted user.
        aws.renameGroupDirectly(aws.groups().get(0).id(), "edited by hand");
        aws.deleteUserDirectly(aws.users().get(0).id());
        new SyncHandler(env, secrets::get).handleRequest(Map.of(), new FakeContext(line -> {}));
        Set<String> allowed = actions(statements(Map.of("WriteMode", mode)));
        Set<String> called = new TreeSet<>();
        aws.identityStoreCalls()
            .keySet()
            .forEach(op -> called.add(op.replace("AWSIdentityStore.", "identitystore:")));
        assertThat(called).as(mode).isNotEmpty();
        assertThat(allowed).as(mode).containsAll(called);
      }
    }
  }

  private static Map<String, Object> alarm(Map<String, Object> resources, String name) {
    Map<String, Object> r = map(resources.get(name));
    assertThat(r.get("Type")).isEqualTo("AWS::CloudWatch::Alarm");
    Map<String, Object> p = map(r.get("Properties"));
    assertThat(p.get("AlarmActions")).isEqualTo(List.of(ref("AlarmTopicArn")));
    return p;
  }

  @Test
  void incrementalStateIsOptionalAndItsPermissionsAreTheStateKeyCloudTrailAndTheKmsKey() {
    Map<String, Object> variables = map(map(function().get("Environment")).get("Variables"));
    assertThat(map(TEMPLATE.resolve(variables, Map.of())))
        .doesNotContainKeys("SSOSYNC_STATE", "SSOSYNC_STATE_KMS_KEY", "SSOSYNC_FULL_EVERY");
    assertThat(actions(statements(Map.of())))
        .noneMatch(a -> a.startsWith("s3:") || a.startsWith("cloudtrail:"));
    assertThat(TEMPLATE.condition("NewStateBucket", Map.of())).isFalse();

    Map<String, String> existing =
        Map.of("IncrementalState", "existing-bucket", "StateBucketName", "my-bucket");
    Map<String, Object> env = map(TEMPLATE.resolve(variables, existing));
    assertThat(env).containsKeys("SSOSYNC_STATE", "SSOSYNC_FULL_EVERY");
    assertThat(env).doesNotContainKey("SSOSYNC_STATE_KMS_KEY");
    List<Map<String, Object>> st = statements(existing);
    Set<String> all = actions(st);
    assertThat(all).contains("s3:GetObject", "s3:PutObject", "s3:ListBucket");
    assertThat(all).filteredOn(a -> a.startsWith("s3:")).hasSize(3);
    assertThat(all).doesNotContain("kms:GenerateDataKey");
    // Read and write exactly the state's object: the key's ARN, no wildcard.
    assertThat(resourcesOf(st, "s3:PutObject").toString())
        .contains("arn:${AWS::Partition}:s3:::${Bucket}/${StateKey}")
        .doesNotContain("*");
    // LookupEvents takes no resource-level permissions (Service Authorization Reference).
    assertThat(resourcesOf(st, "cloudtrail:LookupEvents")).containsExactly("*");

    Map<String, String> kms =
        Map.of("IncrementalState", "new-bucket", "StateKmsKeyArn", "arn:aws:kms:eu-west-1:1:key/k");
    assertThat(TEMPLATE.condition("NewStateBucket", kms)).isTrue();
    assertThat(map(TEMPLATE.resolve(variables, kms)).get("SSOSYNC_STATE_KMS_KEY"))
        .isEqualTo(ref("StateKmsKeyArn"));
    assertThat(resourcesOf(statements(kms), "kms:GenerateDataKey"))
        .containsExactly(ref("StateKmsKeyArn"));

    Map<String, Object> bucket = map(TEMPLATE.section("Resources").get("StateBucket"));
    assertThat(bucket.get("Condition")).isEqualTo("NewStateBucket");
    Map<String, Object> props = map(bucket.get("Properties"));
    assertThat(map(props.get("VersioningConfiguration")).get("Status")).isEqualTo("Enabled");
    assertThat(map(props.get("PublicAccessBlockConfiguration")).values())
        .hasSize(4)
        .containsOnly(true);
    assertThat(map(TEMPLATE.resolve(props, kms)).toString()).contains("SSEAlgorithm=aws:kms");
    assertThat(map(TEMPLATE.resolve(props, Map.of())).toString()).contains("SSEAlgorithm=AES256");
    Map<String, Object> policy =
        map(
            map(map(TEMPLATE.section("Resources").get("StateBucketPolicy")).get("Properties"))
                .get("PolicyDocument"));
    Map<String, Object> tls = map(list(policy.get("Statement")).get(0));
    assertThat(tls.get("Effect")).isEqualTo("Deny");
    assertThat(map(map(tls.get("Condition")).get("Bool")).get("aws:SecureTransport"))
        .isEqualTo("false");
    // One run at a time: conditional writes make two safe, but the second is wasted quota.
    assertThat(function().get("ReservedConcurrentExecutions")).isEqualTo(1);
    assertThat(String.valueOf(TEMPLATE.root.get("Description")))
        .contains("auth/admin.reports.audit.readonly");
  }
}
