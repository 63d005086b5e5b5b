package dev.strata.studio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the studio: the person holding the session token that {@code strata studio}
 * printed. The token arrives once in the URL and is kept in a cookie ({@code HttpOnly},
 * {@code SameSite=Strict}); every request needs it, and each request that changes something also
 * needs a same-origin {@code Origin} (or {@code Referer}) and the form's CSRF token. The {@code Host}
 * header must name the studio itself, against DNS rebinding.
 */
final class Guard {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String token;
  final String csrf;
  private final String cookieName;
  private final Set<String> hosts;

  Guard(String host, int port) {
    this.token = random();
    this.csrf = random();
    this.cookieName = "strata_studio_" + port;
    this.hosts = host.equals("127.0.0.1") || host.equals("localhost")
        ? Set.of("127.0.0.1:" + port, "localhost:" + port)
        : Set.of(host + ":" + port, "127.0.0.1:" + port, "localhost:" + port);
  }

  static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The {@code Set-Cookie} value that keeps the session once the token was shown. */
  String cookie() {
    return cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  }

  /** Whether the request came with the token in its query ({@code ?token=}): it is then moved into the cookie. */
  boolean tokenInQuery(Request request) {
    return request.param("token").map(t -> same(t, token)).orElse(false);
  }

  /**
   * Checks the host and the session; for a POST also the origin and the CSRF token.
   *
   * @throws StudioError 403 naming what is missing
   */
  void check(Request request) {
    String host = request.header("Host").orElse("");
    if (!hosts.contains(host)) {
      throw new StudioError(403, "This studio answers only to its own address (Host " + host + " refused).");
    }
    if (!tokenInQuery(request) && !cookieToken(request).map(t -> same(t, token)).orElse(false)) {
      throw new StudioError(401, "No valid session token: open the address that `strata studio` printed (it carries the token).");
    }
    if (request.method.equals("POST")) {
      Optional<String> origin = request.header("Origin").filter(o -> !o.equals("null"));
      Optional<String> referer = request.header("Referer");
      boolean sameOrigin = origin.map(o -> hosts.stream().anyMatch(h -> o.equals("http://" + h)))
          .orElseGet(() -> referer.map(r -> hosts.stream().anyMatch(h -> r.startsWith("http://" + h + "/"))).orElse(false));
      if (!sameOrigin) {
        throw new StudioError(403, "A change must come from the studio's own pages (Origin " + origin.orElse("missing") + " refused).");
      }
      if (!request.param("csrf").map(c -> same(c, csrf)).orElse(false)) {
        throw new StudioError(403, "The form's CSRF token is missing or wrong: reload the page and try again.");
      }
    } else if (!request.method.equals("GET") && !request.method.equals("HEAD")) {
      throw new StudioError(405, "Method " + request.method + " is not used by the studio.");
    }
  }

  private Optional<String> cookieToken(Request request) {
    List<String> headers = request.exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
    for (String header : headers) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(cookieName + "=")) {
          return Optional.of(p.substring(cookieName.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
