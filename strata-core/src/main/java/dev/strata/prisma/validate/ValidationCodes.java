package dev.strata.prisma.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of schema validation diagnostic codes ({@code PS100}–{@code PS399}): one constant
 * and a one-line description each. Codes are stable and never reused; a retired code stays listed.
 */
public final class ValidationCodes {
  private ValidationCodes() {}

  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  private static String code(String code, String description) {
    DESCRIPTIONS.put(code, description);
    return code;
  }

  // PS1xx: datasource and generator blocks.
  public static final String UNSUPPORTED_PROVIDER = code("PS100", "The datasource provider is not supported by Strata (only postgresql).");
  public static final String MULTIPLE_DATASOURCES = code("PS101", "More than one datasource block is defined.");
  public static final String PROVIDER_MISSING = code("PS102", "A datasource or generator block has no provider.");
  public static final String PROVIDER_NOT_LITERAL = code("PS103", "The datasource provider is not a string literal.");
  public static final String UNKNOWN_PROPERTY = code("PS104", "A datasource property that Prisma does not know.");
  public static final String INVALID_URL = code("PS105", "A datasource URL is neither a string nor env(\"…\"), or has the wrong scheme.");
  public static final String SHADOW_URL_SAME = code("PS106", "The shadow database URL equals url or directUrl.");
  public static final String INVALID_RELATION_MODE = code("PS107", "relationMode is not \"foreignKeys\" or \"prisma\".");
  public static final String REFERENTIAL_INTEGRITY_DEPRECATED = code("PS108", "referentialIntegrity is deprecated in favour of relationMode.");
  public static final String RELATION_MODE_CONFLICT = code("PS109", "relationMode and referentialIntegrity are both set.");
  public static final String INVALID_SCHEMAS = code("PS110", "The datasource schemas list is not a list of strings, or is empty.");
  public static final String DUPLICATE_SCHEMA = code("PS111", "A schema name is listed twice in the datasource schemas.");
  public static final String EXTENSIONS_NEED_PREVIEW = code("PS112", "The extensions property needs the postgresqlExtensions preview feature.");
  public static final String INVALID_EXTENSION = code("PS113", "An entry of the datasource extensions list is malformed.");
  public static final String PREVIEW_FEATURES_IN_DATASOURCE = code("PS114", "previewFeatures written in a datasource instead of a generator.");
  public static final String INVALID_ENV_CALL = code("PS115", "env() is not called with a single unnamed string argument.");
  public static final String ENV_NAMED_ARGUMENT = code("PS116", "env() is called with a named argument.");
  public static final String PROPERTY_VALUE_MISSING = code("PS117", "Retired: a property without a value is reported by the parser.");
  public static final String DUPLICATE_PROPERTY = code("PS118", "A datasource or generator property is written twice.");
  public static final String UNKNOWN_PREVIEW_FEATURE = code("PS120", "A preview feature that Prisma does not know.");
  public static final String DEPRECATED_PREVIEW_FEATURE = code("PS121", "A preview feature that is stabilized, renamed or deprecated.");
  public static final String INVALID_PREVIEW_FEATURES = code("PS122", "previewFeatures is not a list of strings.");
  public static final String INVALID_CONFIG_VALUE = code("PS123", "A datasource or generator property has a value of the wrong kind.");
  public static final String URL_IN_SCHEMA = code("PS124", "url, directUrl or shadowDatabaseUrl in the datasource: Prisma 7 wants them in prisma.config.ts (a warning; Strata still reads them).");

  // PS2xx: names, types and attributes.
  public static final String DUPLICATE_DECLARATION = code("PS200", "Two top-level blocks of the same kind family share a name.");
  public static final String RESERVED_NAME = code("PS201", "A model, view, enum or type uses a name reserved by Prisma.");
  public static final String NAME_STARTS_WITH_NUMBER = code("PS202", "A name starts with a digit.");
  public static final String DUPLICATE_FIELD = code("PS203", "A field name (or its database column name) is defined twice.");
  public static final String UNKNOWN_TYPE = code("PS204", "A field type is neither built in nor a declared model, enum or type.");
  public static final String DUPLICATE_ENUM_VALUE = code("PS205", "An enum value is defined twice.");
  public static final String EMPTY_ENUM = code("PS206", "An enum has no values.");
  public static final String TYPE_ALIAS = code("PS207", "The legacy type alias syntax is not supported.");
  public static final String COMPOSITE_TYPES_UNSUPPORTED = code("PS208", "Composite types exist only on MongoDB.");
  public static final String VIEWS_NEED_PREVIEW = code("PS209", "A view without the views preview feature.");
  public static final String INVALID_NAME = code("PS210", "A name contains characters Prisma does not allow.");
  public static final String UNKNOWN_ATTRIBUTE = code("PS220", "An attribute that does not exist (here).");
  public static final String DUPLICATE_ATTRIBUTE = code("PS221", "An attribute that may appear once is repeated.");
  public static final String INVALID_ARGUMENT = code("PS222", "An attribute argument has the wrong kind of value.");
  public static final String MISSING_ARGUMENT = code("PS223", "A required attribute argument is missing.");
  public static final String UNKNOWN_ARGUMENT = code("PS224", "An attribute argument name that the attribute does not take.");
  public static final String DUPLICATE_ARGUMENT = code("PS225", "An attribute argument is given twice.");
  public static final String UPDATED_AT_TYPE = code("PS226", "@updatedAt on a field that is not DateTime.");
  public static final String DEFAULT_TYPE_MISMATCH = code("PS227", "A @default literal does not fit the field type.");
  public static final String UNKNOWN_DEFAULT_FUNCTION = code("PS228", "A @default function that does not exist.");
  public static final String INVALID_DEFAULT_FUNCTION = code("PS229", "A @default function used with wrong arguments or on the wrong type.");
  public static final String DEFAULT_FUNCTION_UNSUPPORTED = code("PS230", "A @default function the connector does not support (auto, sequence).");
  public static final String MAP_ON_RELATION_FIELD = code("PS231", "Retired: @map on a relation field is reported by the relation validator (PS425).");
  public static final String INDEX_UNKNOWN_FIELDS = code("PS232", "An index, unique or id refers to fields that do not exist.");
  public static final String INDEX_RELATION_FIELDS = code("PS233", "An index, unique or id refers to relation fields.");
  public static final String INDEX_EMPTY = code("PS234", "An index, unique or id has an empty field list.");
  public static final String MULTIPLE_IDS = code("PS235", "A model has both @id and @@id, or several @id.");
  public static final String MISSING_UNIQUE_CRITERIA = code("PS236", "A model has no id and no unique criterion on required fields.");
  public static final String INDEX_ARGUMENT_UNSUPPORTED = code("PS237", "An index argument PostgreSQL does not support (length, clustered).");
  public static final String UNKNOWN_INDEX_TYPE = code("PS238", "An index type that does not exist.");
  public static final String INVALID_OPERATOR_CLASS = code("PS239", "An index operator class that does not fit the index type or field.");
  public static final String PARTIAL_INDEX_NEEDS_PREVIEW = code("PS240", "An index where: clause without the partialIndexes preview feature.");
  public static final String FULLTEXT_UNSUPPORTED = code("PS241", "@@fulltext on PostgreSQL.");
  public static final String INVALID_IGNORE = code("PS242", "@ignore on an Unsupported field, or another misuse of @ignore.");
  public static final String ID_NOT_REQUIRED = code("PS243", "An id field that is optional or a list.");
  public static final String DEFAULT_ON_RELATION_FIELD = code("PS244", "Retired: @default on a relation field is reported by the relation validator (PS426).");
  public static final String INVALID_DEFAULT_VALUE = code("PS245", "A @default literal that cannot be parsed (integer, decimal, base64, datetime).");
  public static final String INDEX_SPGIST_MULTI_COLUMN = code("PS246", "An SP-GiST index over more than one column.");
  public static final String INDEX_TYPE_UNSUPPORTED_FIELD = code("PS247", "An index type that does not support the type of a field.");
  public static final String UNIQUE_ON_LIST_OR_UNSUPPORTED = code("PS248", "An attribute that does not apply to the field it is on.");
  public static final String INVALID_FIELD_NAME_REFERENCE = code("PS249", "A field reference written as something other than a name.");
  public static final String TRAILING_COMMA = code("PS250", "An attribute's argument list ends with a comma.");
  public static final String PRIMARY_KEY_SORT_UNSUPPORTED = code("PS251", "sort: on @id or @@id fields, which PostgreSQL primary keys do not take.");
  public static final String HASH_INDEX_SORT = code("PS252", "sort: on a field of a Hash index.");
  public static final String EMPTY_DBGENERATED = code("PS253", "@default(dbgenerated(\"\")) with an empty expression.");
  public static final String INVALID_JSON_DEFAULT = code("PS254", "A Json @default string that is not valid JSON.");

  // PS3xx: native types, database names, multiSchema, views, constraint names.
  public static final String UNKNOWN_NATIVE_TYPE = code("PS300", "A native type PostgreSQL does not have.");
  public static final String NATIVE_TYPE_INCOMPATIBLE = code("PS301", "A native type that does not fit the field's scalar type.");
  public static final String NATIVE_TYPE_ARGUMENT_COUNT = code("PS302", "A native type with the wrong number of arguments.");
  public static final String NATIVE_TYPE_ARGUMENT_RANGE = code("PS303", "A native type argument out of range or not a nonnegative integer.");
  public static final String NATIVE_TYPE_PREFIX = code("PS304", "A native type attribute whose prefix is not the datasource name.");
  public static final String NATIVE_TYPE_DUPLICATE = code("PS305", "A field with more than one native type attribute.");
  public static final String DUPLICATE_TABLE_NAME = code("PS310", "Two models or views map to the same table in the same schema.");
  public static final String DUPLICATE_ENUM_DB_NAME = code("PS311", "Two enums map to the same database type in the same schema.");
  public static final String DUPLICATE_ENUM_VALUE_DB_NAME = code("PS312", "Two enum values map to the same database value.");
  public static final String SCHEMA_NOT_DEFINED = code("PS320", "@@schema names a schema missing from the datasource schemas.");
  public static final String SCHEMA_MISSING = code("PS321", "A model, view or enum lacks @@schema while the datasource lists schemas.");
  public static final String VIEW_PRIMARY_KEY = code("PS330", "A view with @id or @@id.");
  public static final String VIEW_INDEX = code("PS331", "A view with @@index.");
  public static final String VIEW_UNIQUE_MAP = code("PS332", "A unique constraint on a view with a database name (map:).");
  public static final String VIEW_UNIQUE_FIELD_ARGUMENTS = code("PS333", "A view @@unique whose fields take arguments.");
  public static final String CONSTRAINT_NAME_COLLISION = code("PS340", "Two constraints or indexes get the same database name.");
  public static final String CONSTRAINT_NAME_TOO_LONG = code("PS341", "A constraint name (map:) longer than 63 bytes.");
  public static final String UNIQUE_NAME_CLASH = code("PS342", "A compound unique or id client name clashes with a field name.");
  public static final String INTERNAL_ERROR = code("PS399", "The validator itself failed; the schema was only partly checked.");

  /** Every registered code with its description, in code order. */
  public static Map<String, String> all() {
    return Collections.unmodifiableMap(DESCRIPTIONS);
  }
}
