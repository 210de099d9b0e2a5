package io.github.ssosync.emulators.google;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who may call the Directory API: a live access token from this emulator's token endpoint,
 * delegated to a Workspace user ({@code sub}), carrying a scope the method accepts. Sources:
 *
 * <ul>
 *   <li>No token: 401 "Login Required." ({@code required}); an unknown or expired token: 401
 *       "Invalid Credentials" ({@code authError}, status {@code UNAUTHENTICATED}), as Google
 *       answers every API.
 *   <li>A service account's own token, not delegated to an admin: 403 "Not Authorized to access
 *       this resource/api" ({@code forbidden}); the Directory API is read as a Workspace admin
 *       (Admin SDK, "Perform Google Workspace domain-wide delegation of authority"). Service
 *       accounts that hold an admin role themselves are not emulated.
 *   <li>Each method's reference lists its scopes: users.* {@code admin.directory.user[.readonly]};
 *       groups.* {@code admin.directory.group[.readonly]}; members.* {@code
 *       admin.directory.group.member[.readonly]} or {@code admin.directory.group[.readonly]}; a
 *       token without one is 403 "Request had insufficient authentication scopes." ({@code
 *       insufficientPermissions}); the Reports API's activities.list {@code
 *       admin.reports.audit.readonly}. {@code cloud-platform}, which some list too, is left out:
 *       the stricter reading.
 * </ul>
 */
final class DirectoryAccess {
  private static final String ROOT = "https://www.googleapis.com/auth/admin.directory.";
  private static final Map<String, List<String>> SCOPES =
      Map.of(
          // activities.list: admin.reports.audit.readonly (activities.list reference, scopes).
          "activities",
          List.of("https://www.googleapis.com/auth/admin.reports.audit.readonly"),
          "users",
          List.of(ROOT + "user", ROOT + "user.readonly"),
          "groups",
          List.of(ROOT + "group", ROOT + "group.readonly"),
          "members",
          List.of(
              ROOT + "group.member",
              ROOT + "group.member.readonly",
              ROOT + "group",
              ROOT + "group.readonly"));

  interface ErrorWriter {
    void error(
        HttpExchange exchange, int code, String message, String reason, @Nullable String status)
        throws IOException;
  }

  private DirectoryAccess() {}

  static boolean allowed(GoogleAuth auth, HttpExchange exchange, String operation, ErrorWriter out)
      throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      out.error(exchange, 401, "Login Required.", "required", "UNAUTHENTICATED");
      return false;
    }
    GoogleAuth.Issued token = auth.bearer(header);
    if (token == null) {
      out.error(exchange, 401, "Invalid Credentials", "authError", "UNAUTHENTICATED");
      return false;
    }
    if (token.subject() == null) {
      out.error(exchange, 403, "Not Authorized to access this resource/api", "forbidden", null);
      return false;
    }
    int dot = operation.indexOf('.');
    List<String> accepted = dot < 0 ? null : SCOPES.get(operation.substring(0, dot));
    if (accepted != null && token.scopes().stream().noneMatch(accepted::contains)) {
      out.error(
          exchange,
          403,
          "Request had insufficient authentication scopes.",
          "insufficientPermissions",
          "PERMISSION_DENIED");
      return false;
    }
    return true;
  }
}
