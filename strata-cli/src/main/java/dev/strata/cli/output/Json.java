package dev.strata.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strata.diag.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON rendering for {@code --json}: one pretty-printed document per command run. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A JSON object with its keys in the order given ({@code key, value, key, value, …}): documents
   * keep a stable key order (never {@code Map.of}, whose iteration order changes between runs).
   */
  public static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A diagnostic as a flat JSON object: the same record the human renderer prints. */
  public static Map<String, Object> diagnostic(Diagnostic d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", d.severity().label());
    m.put("code", d.code());
    m.put("message", d.message());
    m.put("file", d.span().file().path());
    m.put("line", d.span().startLine());
    m.put("column", d.span().startColumn());
    m.put("endLine", d.span().file().line(d.span().end()));
    m.put("endColumn", d.span().file().column(d.span().end()));
    d.label().ifPresent(l -> m.put("label", l));
    d.help().ifPresent(h -> m.put("help", h));
    return m;
  }

  public static List<Map<String, Object>> diagnostics(List<Diagnostic> ds) {
    return ds.stream().map(Json::diagnostic).toList();
  }
}
