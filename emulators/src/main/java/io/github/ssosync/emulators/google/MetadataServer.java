package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Compute Engine metadata server's service-account part ({@code
 * http://metadata.google.internal/computeMetadata/v1/}), as a VM with an attached service account
 * sees it; what google-auth's {@code ComputeEngineCredentials} calls. Rules and their sources:
 *
 * <ul>
 *   <li>Every request needs the header {@code Metadata-Flavor: Google}; without it, or with an
 *       {@code X-Forwarded-For} header, the server answers 403 ("Querying metadata", "Query VM
 *       metadata" > "Parts of a metadata request", cloud.google.com/compute/docs/metadata/
 *       querying-metadata). Every answer carries {@code Metadata-Flavor: Google} (same page; the
 *       library's GCE check looks for it). Only GET is served; the stricter reading answers 405 to
 *       anything else.
 *   <li>{@code instance/service-accounts/default/token} (or {@code .../EMAIL/token}) answers {@code
 *       {"access_token","expires_in","token_type":"Bearer"}} for the attached service account
 *       ("Authenticate workloads using service accounts" > "Applications on Compute Engine",
 *       cloud.google.com/compute/docs/access/authenticate-workloads). An optional {@code scopes}
 *       parameter (comma-separated) names the token's scopes (same page, "scopes" query parameter);
 *       the docs say access scopes limit what the VM's account may do, so the stricter reading
 *       gives the token only the requested scopes the VM's access scopes hold.
 *   <li>{@code instance/service-accounts/default/email} answers the account's email as text; {@code
 *       instance/service-accounts/?recursive=true} a JSON object by alias and email, each with
 *       {@code aliases}, {@code email}, {@code scopes} ("VM metadata" > "Default VM metadata keys",
 *       cloud.google.com/compute/docs/metadata/predefined-metadata-keys); {@code
 *       universe/universe-domain} answers {@code googleapis.com}.
 *   <li>A VM with no service account attached has no {@code service-accounts/default}: 404.
 * </ul>
 */
final class MetadataServer {
  /** The path prefix every metadata request has. */
  static final String PREFIX = "/computeMetadata/v1/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNTS = "instance/service-accounts/";

  /** Sends a body of a content type; the caller adds {@code Metadata-Flavor: Google}. */
  interface Sender {
    void send(HttpExchange exchange, int status, String contentType, String body)
        throws IOException;
  }

  private final GoogleAuth auth;
  private final Sender out;

  MetadataServer(GoogleAuth auth, Sender out) {
    this.auth = auth;
    this.out = out;
  }

  static boolean matches(String path) {
    return path.startsWith(PREFIX);
  }

  /** The call's name for counting: {@code metadata.token}, {@code metadata.email}, .... */
  static String operation(String path) {
    String rest = path.substring(PREFIX.length());
    if (rest.startsWith(ACCOUNTS)) {
      String[] parts = rest.substring(ACCOUNTS.length()).split("/");
      return parts.length == 2 ? "metadata." + parts[1] : "metadata.serviceAccounts";
    }
    return "metadata." + rest.replace('/', '.');
  }

  void serve(HttpExchange exchange, Map<String, String> query) throws IOException {
    var headers = exchange.getRequestHeaders();
    if (!"Google".equals(headers.getFirst("Metadata-Flavor"))
        || headers.containsKey("X-Forwarded-For")) {
      out.send(
          exchange,
          403,
          "text/html; charset=UTF-8",
          "Your client does not have permission to get URL "
              + exchange.getRequestURI().getPath()
              + " from this server. Missing Metadata-Flavor:Google header.");
      return;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      out.send(exchange, 405, "text/plain", "Method not allowed");
      return;
    }
    String rest = exchange.getRequestURI().getPath().substring(PREFIX.length());
    if (rest.equals("universe/universe-domain")) {
      out.send(exchange, 200, "application/text", "googleapis.com");
      return;
    }
    GoogleAuth.ComputeEngineAccount vm = auth.computeEngineAccount();
    if (vm == null || !rest.startsWith(ACCOUNTS)) {
      notFound(exchange);
      return;
    }
    String[] parts = rest.substring(ACCOUNTS.length()).split("/");
    if (parts.length == 0 || parts[0].isEmpty()) {
      accounts(exchange, vm, "true".equals(query.get("recursive")));
      return;
    }
    if (!parts[0].equals("default") && !parts[0].equalsIgnoreCase(vm.email())) {
      notFound(exchange);
      return;
    }
    String item = parts.length == 2 ? parts[1] : "";
    switch (item) {
      case "email" -> out.send(exchange, 200, "application/text", vm.email());
      case "token" -> token(exchange, vm, query.get("scopes"));
      default -> notFound(exchange);
    }
  }

  private void token(
      HttpExchange exchange, GoogleAuth.ComputeEngineAccount vm, @Nullable String asked)
      throws IOException {
    Set<String> scopes = new LinkedHashSet<>(vm.accessScopes());
    if (asked != null && !asked.isEmpty()) {
      Set<String> requested =
          Arrays.stream(asked.split(",")).map(String::trim).collect(Collectors.toSet());
      scopes.retainAll(requested);
    }
    String token =
        auth.issue(Set.of("serviceAccount:" + vm.email()), null, scopes, false, auth.lifetime());
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", token);
    body.put("expires_in", auth.lifetime().toSeconds());
    body.put("token_type", "Bearer");
    out.send(exchange, 200, "application/json", body.toString());
  }

  private void accounts(
      HttpExchange exchange, GoogleAuth.ComputeEngineAccount vm, boolean recursive)
      throws IOException {
    if (!recursive) {
      out.send(exchange, 200, "application/text", "default/\n" + vm.email() + "/\n");
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    for (String key : List.of("default", vm.email())) {
      ObjectNode account = body.putObject(key);
      account.putArray("aliases").add("default");
      account.put("email", vm.email());
      vm.accessScopes().forEach(account.putArray("scopes")::add);
    }
    out.send(exchange, 200, "application/json", body.toString());
  }

  private void notFound(HttpExchange exchange) throws IOException {
    out.send(exchange, 404, "text/html; charset=UTF-8", "Not Found");
  }
}
