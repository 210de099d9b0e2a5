package io.github.ssosync.cli.internal;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.DirectoryScopes;
import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Groups;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.github.ssosync.ProviderException;
import io.github.ssosync.provider.google.DelegatedCredentials;
import io.github.ssosync.provider.google.GoogleDirectorySource;
import io.github.ssosync.provider.google.internal.CredentialsFile;
import io.github.ssosync.provider.google.internal.GoogleErrors;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Google side of {@code ssosync check}: the key file, then, for each read-only scope on its
 * own, a token delegated to the admin and one Directory API call that needs exactly that scope, so
 * that a scope missing from the Admin console's domain-wide delegation is named. The users call
 * also proves the customer.
 */
final class GoogleChecks {
  private static final String DEFAULT_ROOT = "https://admin.googleapis.com/";

  private final Options o;
  private final Map<String, String> env;
  private final CheckReport report;
  private @Nullable String firstGroup;

  GoogleChecks(Options o, Map<String, String> env, CheckReport report) {
    this.o = o;
    this.env = env;
    this.report = report;
  }

  void run() {
    if (o.googleAdmin == null || o.googleAdmin.isBlank()) {
      report.configuration(
          "--google-admin (SSOSYNC_GOOGLE_ADMIN): not set; the Workspace admin whose rights the"
              + " service account uses (domain-wide delegation)");
      return;
    }
    List<String> problems = new ArrayList<>();
    GoogleCredentials key =
        credentials(List.of(DirectoryScopes.ADMIN_DIRECTORY_USER_READONLY), problems);
    if (key == null) {
      problems.stream().map(Wiring::inFlags).forEach(report::configuration);
      return;
    }
    if (key instanceof DelegatedCredentials keyless) {
      // Sign once with every scope first: a missing role or a wrong audience is named here, not
      // mistaken for a scope the Admin console lacks.
      try {
        credentials(GoogleDirectorySource.SCOPES, new ArrayList<>()).refresh();
      } catch (IOException e) {
        ProviderException p = GoogleErrors.translate("Google keyless delegation", e);
        report.failure(p, p.getMessage());
        return;
      }
      report.pass(
          "Google credentials "
              + o.googleCredentials
              + ": no key; "
              + keyless.serviceAccount()
              + " signs the delegation (IAM Credentials signJwt), acting as "
              + o.googleAdmin);
    } else {
      String account =
          key instanceof ServiceAccountCredentials sa ? sa.getClientEmail() : "the key";
      report.pass(
          "Google key "
              + o.googleCredentials
              + ": service account "
              + account
              + ", acting as "
              + o.googleAdmin);
    }
    String customer = o.customerId == null ? "my_customer" : o.customerId;
    scope(DirectoryScopes.ADMIN_DIRECTORY_USER_READONLY, "users.list", customer);
    scope(DirectoryScopes.ADMIN_DIRECTORY_GROUP_READONLY, "groups.list", customer);
    scope(DirectoryScopes.ADMIN_DIRECTORY_GROUP_MEMBER_READONLY, "members.list", customer);
  }

  private void scope(String scope, String call, String customer) {
    String name = scope.substring(scope.lastIndexOf('/') + 1);
    List<String> problems = new ArrayList<>();
    GoogleCredentials credentials = credentials(List.of(scope), problems);
    if (credentials == null) {
      return; // reported once, above
    }
    Directory directory = client(credentials);
    try {
      switch (call) {
        case "users.list" -> {
          directory
              .users()
              .list()
              .setCustomer(customer)
              .setMaxResults(1)
              .setFields("users(id),nextPageToken")
              .execute();
          report.pass("Google delegation for " + name + ": users.list answered");
          report.pass("Google customer " + customer + ": its users can be listed");
        }
        case "groups.list" -> {
          Groups groups =
              directory
                  .groups()
                  .list()
                  .setCustomer(customer)
                  .setMaxResults(1)
                  .setFields("groups(id),nextPageToken")
                  .execute();
          List<Group> page = groups.getGroups();
          firstGroup = page == null || page.isEmpty() ? null : page.get(0).getId();
          report.pass("Google delegation for " + name + ": groups.list answered");
        }
        default -> {
          if (firstGroup == null) {
            credentials.refresh();
            report.pass(
                "Google delegation for "
                    + name
                    + ": a token was granted (no group was listed to read members of)");
          } else {
            directory.members().list(firstGroup).setMaxResults(1).execute();
            report.pass("Google delegation for " + name + ": members.list answered");
          }
        }
      }
    } catch (IOException e) {
      ProviderException p = GoogleErrors.translate(call + " with only " + name, e);
      if (call.equals("users.list")
          && (p.reason() == ProviderException.Reason.INVALID
              || p.reason() == ProviderException.Reason.NOT_FOUND)) {
        report.configuration(
            "Google customer "
                + customer
                + ": "
                + p.getMessage()
                + "; check --customer-id (SSOSYNC_CUSTOMER_ID), or leave it unset for the admin's"
                + " own customer (my_customer)");
        return;
      }
      report.failure(
          p,
          "Google delegation for "
              + name
              + ": "
              + p.getMessage()
              + ". In the Admin console (Security, API controls, Domain-wide delegation) the"
              + " service account's client id needs "
              + scope);
    }
  }

  /** The credentials as the sync builds them ({@link Wiring#googleCredentials}), for scopes. */
  private @Nullable GoogleCredentials credentials(List<String> scopes, List<String> problems) {
    boolean adc = o.googleCredentials.toString().equalsIgnoreCase("adc");
    return CredentialsFile.delegated(
        adc ? null : o.googleCredentials,
        "credentialsFile",
        o.googleAdmin,
        o.googleServiceAccount == null || o.googleServiceAccount.isBlank()
            ? null
            : o.googleServiceAccount.strip(),
        o.googleTokenEndpoint == null ? null : URI.create(o.googleTokenEndpoint.strip()),
        o.googleIamEndpoint == null ? null : URI.create(o.googleIamEndpoint.strip()),
        new AwsForGoogle(AwsAccess.credentials(env, System.getenv()), AwsAccess.region(o, env)),
        scopes,
        problems);
  }

  private Directory client(GoogleCredentials credentials) {
    HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
    HttpRequestInitializer initializer =
        request -> {
          auth.initialize(request);
          request.setConnectTimeout(10_000);
          request.setReadTimeout(30_000);
        };
    String root = o.googleApiEndpoint == null ? DEFAULT_ROOT : o.googleApiEndpoint;
    return new Directory.Builder(
            new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
        .setRootUrl(root.endsWith("/") ? root : root + "/")
        .setApplicationName("ssosync-java check")
        .build();
  }
}
