package io.github.ssosync.cli.internal;

import io.github.ssosync.ConfigurationException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.change.ChangeKind;
import io.github.ssosync.directory.DirectorySource;
import io.github.ssosync.engine.SyncEngine;
import io.github.ssosync.plan.SyncPlan;
import io.github.ssosync.policy.SyncPolicy;
import io.github.ssosync.provider.aws.WriteMode;
import io.github.ssosync.targets.IdentityTarget;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code ssosync check}: what a first sync needs, checked read-only, one line each, in the order a
 * new user would fix them: the configuration, Google (key, delegation per scope, customer), AWS
 * (credentials, identity store, primary region, SCIM endpoint and token), with {@code --state} the
 * state and both change feeds, then a dry plan's size. Secrets are never printed.
 */
public final class Preflight {
  private final Map<String, String> env;
  private final PrintStream out;

  /**
   * @param env the environment
   * @param out where the lines go
   */
  public Preflight(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  /**
   * @param o the flags
   * @return 0 when every check passed, 2 for configuration problems, 4 for credential, permission
   *     or reach problems
   */
  public int run(Options o) {
    CheckReport report = new CheckReport(out);
    out.println("ssosync check: read-only, nothing is written.");
    List<String> problems = new ArrayList<>();
    try {
      Wiring.policy(o);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    WriteMode mode = null;
    try {
      mode = AwsAccess.writeMode(o);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    StateWiring.validate(o, problems);
    String region = AwsAccess.region(o, env);
    if (region == null) {
      problems.add(
          "--region (SSOSYNC_REGION), or AWS_REGION: not set; the region of the IAM Identity Center"
              + " instance, such as eu-west-1");
    }
    String endpointRegion = mode == WriteMode.SCIM ? endpointRegion(o, problems) : null;
    boolean regionsAgree = endpointRegion == null || endpointRegion.equals(region);
    if (!regionsAgree) {
      problems.add(
          "--endpoint (SSOSYNC_ENDPOINT) is in "
              + endpointRegion
              + " but --region (SSOSYNC_REGION) is "
              + region
              + ": both must be the IAM Identity Center instance's region; set --region "
              + endpointRegion
              + ", or use the SCIM endpoint of the instance in "
              + region);
    }
    if (problems.isEmpty()) {
      report.pass(
          "configuration: flags and variables are valid (write mode "
              + String.valueOf(mode).toLowerCase(Locale.ROOT).replace("_", "")
              + ", region "
              + region
              + ")");
    } else {
      problems.forEach(report::configuration);
    }
    if (mode == WriteMode.SCIM && endpointRegion != null && regionsAgree) {
      report.pass("--endpoint is in " + endpointRegion + ", as --region");
    } else if (mode == WriteMode.SCIM && o.endpoint != null && endpointRegion == null) {
      report.skipped(
          "region of --endpoint: not checked, its host is not scim.<region>.amazonaws.com");
    }
    if (o.source.equals("google")) {
      new GoogleChecks(o, env, report).run();
    } else {
      report.skipped("Google: not used (--source " + o.source + ")");
    }
    boolean endpointUsable =
        regionsAgree && problems.stream().noneMatch(p -> p.startsWith("--endpoint"));
    if (region != null) {
      new AwsChecks(o, env, report, region).run(mode, endpointUsable);
    } else {
      report.skipped("AWS: not checked without a region");
    }
    if (o.state != null && !o.state.isBlank() && problems.isEmpty()) {
      new StateChecks(o, env, report).run();
    }
    if (report.clean()) {
      plan(o, report);
    } else {
      report.skipped("dry plan: not made until the ✖ lines are fixed");
    }
    report.summary();
    return report.exitCode();
  }

  private static @Nullable String endpointRegion(Options o, List<String> problems) {
    if (o.endpoint == null || o.endpoint.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(o.endpoint.strip());
      if (!"https".equals(uri.getScheme()) && !loopbackHttp(uri)) {
        problems.add(
            "--endpoint (SSOSYNC_ENDPOINT) \""
                + o.endpoint
                + "\": must be an https URL (plain http only for loopback test endpoints); the"
                + " token would travel in clear");
        return null;
      }
      return AwsAccess.scimRegion(uri);
    } catch (IllegalArgumentException e) {
      problems.add("--endpoint (SSOSYNC_ENDPOINT) \"" + o.endpoint + "\": not a URL");
      return null;
    }
  }

  /** Plain http on a loopback address only; decided without a DNS lookup. */
  private static boolean loopbackHttp(URI uri) {
    String host = uri.getHost();
    if (!"http".equals(uri.getScheme()) || host == null) {
      return false;
    }
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private void plan(Options o, CheckReport report) {
    try {
      SyncPolicy policy = Wiring.policy(o);
      try (DirectorySource source = Wiring.source(o, env);
          IdentityTarget target = Wiring.target(o, env)) {
        SyncPlan plan =
            SyncEngine.builder().source(source).target(target).policy(policy).build().plan();
        String counts =
            plan.counts().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + label(e.getKey()))
                .collect(Collectors.joining(", "));
        report.pass(
            "dry plan: "
                + plan.changes().size()
                + " changes"
                + (counts.isEmpty() ? "" : " (" + counts + ")")
                + ", "
                + plan.warnings().size()
                + (plan.warnings().size() == 1 ? " warning, " : " warnings, ")
                + plan.stats().desiredUsers()
                + " users and "
                + plan.stats().desiredGroups()
                + " groups selected; ssosync plan shows it");
        if (plan.blocked()) {
          report.note(
              "the deletion guard would block this plan: "
                  + plan.guard().reason()
                  + " (review it with ssosync plan; --allow-deletes applies it)");
        }
      }
    } catch (ConfigurationException e) {
      e.problems().forEach(p -> report.configuration("dry plan: " + p));
    } catch (ProviderException e) {
      report.failure(e, "dry plan: " + e.getMessage());
    }
  }

  private static String label(ChangeKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
