package dev.strata.studio;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request: its method, path, and parameters (query string, and the form body of a POST). */
final class Request {
  /** The largest form body the studio reads (an edit of a row with large JSON fits). */
  static final int MAX_BODY = 2 * 1024 * 1024;

  final HttpExchange exchange;
  final String method;
  final String path;
  final List<Map.Entry<String, String>> params;

  private Request(HttpExchange exchange, String method, String path, List<Map.Entry<String, String>> params) {
    this.exchange = exchange;
    this.method = method;
    this.path = path;
    this.params = List.copyOf(params);
  }

  static Request read(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    List<Map.Entry<String, String>> params = new ArrayList<>(parse(exchange.getRequestURI().getRawQuery()));
    if (method.equals("POST")) {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          throw new StudioError(413, "The form is larger than " + MAX_BODY / 1024 / 1024 + " MiB.");
        }
        params.addAll(parse(new String(body, StandardCharsets.UTF_8)));
      }
    }
    return new Request(exchange, method, path, params);
  }

  static List<Map.Entry<String, String>> parse(String raw) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
      } catch (IllegalArgumentException e) {
        throw new StudioError(400, "A parameter is not URL-encoded properly.");
      }
    }
    return out;
  }

  Optional<String> param(String name) {
    return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
  }

  List<String> all(String name) {
    return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).toList();
  }

  /** The parameters whose names start with {@code prefix}, prefix removed, in order. */
  List<Map.Entry<String, String>> prefixed(String prefix) {
    return params.stream().filter(p -> p.getKey().startsWith(prefix))
        .map(p -> (Map.Entry<String, String>) new AbstractMap.SimpleImmutableEntry<>(p.getKey().substring(prefix.length()), p.getValue()))
        .toList();
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }
}
