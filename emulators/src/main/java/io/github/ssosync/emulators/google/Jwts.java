package io.github.ssosync.emulators.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** RS256 JSON Web Tokens (RFC 7515, 7519): parsing, signing and checking a signature. */
final class Jwts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A parsed JWT.
   *
   * @param header its header
   * @param claims its claims
   * @param signingInput the first two parts, as signed
   * @param signature the signature bytes
   */
  record Jwt(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {
    @Nullable String keyId() {
      return header.hasNonNull("kid") ? header.get("kid").asText() : null;
    }

    boolean verifiedBy(PublicKey key) {
      try {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
  }

  private Jwts() {}

  /**
   * @param token a compact JWS
   * @return it parsed, or null when it is not three base64url parts of which the first two are JSON
   *     objects
   */
  static @Nullable Jwt parse(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(b64.decode(parts[0]));
      JsonNode claims = JSON.readTree(b64.decode(parts[1]));
      if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
        return null;
      }
      return new Jwt(header, claims, parts[0] + "." + parts[1], b64.decode(parts[2]));
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }

  /**
   * @param keyId the header's {@code kid}
   * @param claimsJson the claims, a JSON object
   * @param key the signing key
   * @return the compact JWS
   */
  static String sign(String keyId, String claimsJson, PrivateKey key) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString(
            ("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    String input = header + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
