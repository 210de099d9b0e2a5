package io.github.ssosync.provider.google.internal;

import com.google.api.client.http.HttpResponseException;
import io.github.ssosync.ProviderException.Reason;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure of the credentials that call {@code signJwt} (federated, application default, a
 * user's) into a one-line fix. Only error codes Google documents are quoted back, never the
 * exception's text: a library's message could echo a request.
 */
public final class SourceRefusals {
  private static final Pattern AWS_TYPE =
      Pattern.compile("Received invalid AWS response of type (\\w+)");

  private SourceRefusals() {}

  /**
   * @param e what refreshing the source credentials threw
   * @param serviceAccount the account being signed as
   * @return an {@link AuthRefusal} that says what to fix, or {@code e} when it is not a refusal
   */
  public static IOException classify(IOException e, String serviceAccount) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(' ').append(t.getMessage());
      if (t instanceof HttpResponseException h && h.getContent() != null) {
        text.append(' ').append(h.getContent());
      }
    }
    String all = text.toString();
    if (all.contains("invalid_target")) {
      // STS: "The target service indicated by the "audience" parameters is invalid".
      return new AuthRefusal(
          Reason.INVALID,
          "Google STS refused the audience of the federated credential configuration"
              + " (invalid_target): it must name an enabled provider,"
              + " //iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER");
    }
    Matcher aws = AWS_TYPE.matcher(all);
    if (aws.find()) {
      return new AuthRefusal(
          Reason.UNAUTHENTICATED,
          "Google STS refused the signed AWS request (AWS "
              + aws.group(1)
              + "): use the role's current AWS credentials, with the session token when they are"
              + " temporary, from the AWS account the provider accepts");
    }
    if (all.contains("iam.serviceAccounts.getAccessToken")) {
      return new AuthRefusal(
          Reason.PERMISSION_DENIED,
          "Google refused to impersonate the service account of service_account_impersonation_url"
              + " (PERMISSION_DENIED, iam.serviceAccounts.getAccessToken); grant the federated"
              + " identity roles/iam.serviceAccountTokenCreator on it, or drop the impersonation and"
              + " grant that role on "
              + serviceAccount);
    }
    if (all.contains("invalid_grant")) {
      return new AuthRefusal(
          Reason.UNAUTHENTICATED,
          "Google refused the source credentials (invalid_grant); sign in again (gcloud auth"
              + " application-default login) or renew the credential configuration");
    }
    return e;
  }
}
