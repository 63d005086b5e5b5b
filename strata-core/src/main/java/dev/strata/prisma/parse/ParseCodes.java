package dev.strata.prisma.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of the parser's diagnostic codes ({@code PS001}–{@code PS099}). A code is never
 * reused for a different problem once it has been published.
 */
public final class ParseCodes {
  private ParseCodes() {}

  /** A top-level line that is not a declaration, comment or blank line. */
  public static final String INVALID_TOP_LEVEL_LINE = "PS001";
  /** A block keyword without a name ({@code model {}). */
  public static final String BLOCK_WITHOUT_NAME = "PS002";
  /** A block opened by an unknown keyword ({@code modle Foo {}). */
  public static final String UNKNOWN_BLOCK_KEYWORD = "PS003";
  /**
   * A block whose closing brace is missing. No longer reported: like Prisma, the parser runs such
   * a block on to the next closing brace (the next block's header becomes a PS005/PS006/PS007
   * line) or, with none left, reads every line from its header on as a PS001 line.
   */
  public static final String UNCLOSED_BLOCK = "PS004";
  /** A line in a model, view or composite type that is not a field or block attribute. */
  public static final String INVALID_MODEL_LINE = "PS005";
  /** A line in an enum that is not a value or block attribute. */
  public static final String INVALID_ENUM_LINE = "PS006";
  /** A line in a datasource or generator that is not a {@code key = value} property. */
  public static final String INVALID_CONFIG_LINE = "PS007";
  /** A field with a name but no type. */
  public static final String FIELD_WITHOUT_TYPE = "PS008";
  /** The unsupported arity {@code Type[]?}. */
  public static final String OPTIONAL_LIST = "PS009";
  /** The legacy {@code name: Type} field syntax. */
  public static final String LEGACY_COLON = "PS010";
  /** The legacy {@code Type!} required marker. */
  public static final String LEGACY_REQUIRED_MARKER = "PS011";
  /** A configuration property written {@code key =} with no value. */
  public static final String PROPERTY_WITHOUT_VALUE = "PS012";
  /** A {@code /*} comment that is never closed. */
  public static final String UNTERMINATED_BLOCK_COMMENT = "PS013";
  /** A malformed legacy type alias ({@code type Name = …}). */
  public static final String INVALID_TYPE_ALIAS = "PS014";

  /** An unexpected failure inside the parser itself (a bug); the file is reported, not thrown. */
  public static final String INTERNAL_ERROR = "PS099";

  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  static {
    DESCRIPTIONS.put(INVALID_TOP_LEVEL_LINE, "line outside any block that is not a declaration");
    DESCRIPTIONS.put(BLOCK_WITHOUT_NAME, "block keyword without a block name");
    DESCRIPTIONS.put(UNKNOWN_BLOCK_KEYWORD, "block opened by an unknown keyword");
    DESCRIPTIONS.put(UNCLOSED_BLOCK, "block without its closing brace");
    DESCRIPTIONS.put(INVALID_MODEL_LINE, "invalid line in a model, view or composite type");
    DESCRIPTIONS.put(INVALID_ENUM_LINE, "invalid line in an enum");
    DESCRIPTIONS.put(INVALID_CONFIG_LINE, "invalid line in a datasource or generator");
    DESCRIPTIONS.put(FIELD_WITHOUT_TYPE, "field without a type");
    DESCRIPTIONS.put(OPTIONAL_LIST, "optional list arity Type[]?");
    DESCRIPTIONS.put(LEGACY_COLON, "legacy colon between field name and type");
    DESCRIPTIONS.put(LEGACY_REQUIRED_MARKER, "legacy ! required marker");
    DESCRIPTIONS.put(PROPERTY_WITHOUT_VALUE, "configuration property without a value");
    DESCRIPTIONS.put(UNTERMINATED_BLOCK_COMMENT, "block comment never closed");
    DESCRIPTIONS.put(INVALID_TYPE_ALIAS, "malformed legacy type alias");
    DESCRIPTIONS.put(INTERNAL_ERROR, "internal parser failure");
  }

  /** Every code with its short description, in code order. */
  public static Map<String, String> all() {
    return Collections.unmodifiableMap(DESCRIPTIONS);
  }

  /** The short description of a code, or an empty string for an unknown code. */
  public static String describe(String code) {
    return DESCRIPTIONS.getOrDefault(code, "");
  }
}
