package dev.strata.prisma.validate;

import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.StringLiteral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Validates the {@code datasource} and {@code generator} blocks and records what they configure. */
final class ConfigValidator {
  /** Preview features Prisma (7.x) accepts on PostgreSQL. */
  static final Set<String> ACTIVE_PREVIEW_FEATURES =
      new TreeSet<>(
          List.of(
              "fullTextSearchPostgres",
              "nativeDistinct",
              "partialIndexes",
              "postgresqlExtensions",
              "relationJoins",
              "schemaEngineDriverAdapters",
              "shardKeys",
              "strictUndefinedChecks",
              "typedSql",
              "views"));

  /** Preview features that became generally available: accepted with a warning. */
  static final Set<String> STABILIZED_PREVIEW_FEATURES =
      Set.of(
          "aggregateApi", "atomicNumberOperations", "clientExtensions", "cockroachdb", "connectOrCreate",
          "createMany", "dataProxy", "deno", "distinct", "driverAdapters", "extendedIndexes",
          "extendedWhereUnique", "fieldReference", "filteredRelationCount", "filterJson", "fullTextIndex",
          "groupBy", "improvedQueryRaw", "interactiveTransactions", "jsonProtocol", "microsoftSqlServer",
          "middlewares", "mongoDb", "multiSchema", "namedConstraints", "nApi", "nativeTypes", "omitApi",
          "orderByAggregateGroup", "orderByNulls", "orderByRelation", "prismaSchemaFolder",
          "referentialActions", "referentialIntegrity", "relationMode", "selectRelationCount", "tracing",
          "transactionApi", "uncheckedScalarInputs", "napi", "queryCompiler", "fullTextSearch");

  /** Preview features that are going away without replacement: accepted with a warning. */
  static final Set<String> REMOVED_PREVIEW_FEATURES = Set.of("metrics");

  private static final Set<String> DATASOURCE_PROPERTIES =
      Set.of("provider", "url", "directUrl", "shadowDatabaseUrl", "relationMode", "referentialIntegrity", "schemas", "extensions");

  private static final Set<String> OTHER_PROVIDERS = Set.of("mysql", "sqlserver", "mongodb", "sqlite", "cockroachdb");

  private static final Set<String> EXTENSION_ARGUMENTS = Set.of("schema", "version", "map");

  private final ValidationContext ctx;

  ConfigValidator(ValidationContext ctx) {
    this.ctx = ctx;
  }

  void validate() {
    List<ConfigBlock> datasources =
        ctx.schema.configBlocks().stream().filter(c -> c.kind() == ConfigBlock.Kind.DATASOURCE).toList();
    // Prisma counts the datasources it could load (those with a provider string) and, when there
    // are several, blames every datasource block, the first included.
    long loadable = datasources.stream()
        .filter(ds -> ds.property("provider").flatMap(ConfigProperty::value).filter(StringLiteral.class::isInstance).isPresent())
        .count();
    for (int i = 0; loadable > 1 && i < datasources.size(); i++) {
      ctx.error(
          ValidationCodes.MULTIPLE_DATASOURCES,
          "Error validating datasource `" + datasources.get(i).name().name() + "`: You defined more than one datasource."
              + " This is not allowed yet because support for multiple databases has not been implemented yet.",
          datasources.get(i).span());
    }
    // Generators first: the datasource checks depend on the preview features.
    for (ConfigBlock generator : ctx.schema.generators()) {
      validateGenerator(generator);
    }
    if (!datasources.isEmpty()) {
      validateDatasource(datasources.get(0));
    }
    // Prisma loads every datasource block; the one it reads the schema against is the first, but
    // a later block without its provider is reported too.
    for (ConfigBlock ds : datasources.subList(Math.min(1, datasources.size()), datasources.size())) {
      if (ds.property("provider").isEmpty()) {
        ctx.error(
            ValidationCodes.PROVIDER_MISSING,
            "Argument \"provider\" is missing in data source block \"" + ds.name().name() + "\".",
            ds.span());
      }
    }
  }

  // ---- generator ----

  private void validateGenerator(ConfigBlock generator) {
    checkPropertiesHaveValues(generator, "generator");
    if (generator.property("provider").isEmpty()) {
      ctx.error(
          ValidationCodes.PROVIDER_MISSING,
          "Argument \"provider\" is missing in generator block \"" + generator.name().name() + "\".",
          generator.span());
    }
    generator.property("previewFeatures").flatMap(ConfigProperty::value).ifPresent(this::readPreviewFeatures);
  }

  private void readPreviewFeatures(Expression value) {
    List<Expression> items = value instanceof ArrayExpression a ? a.elements() : List.of(value);
    for (Expression item : items) {
      if (item instanceof StringLiteral s) {
        ctx.previewFeatures.add(s.value());
      } else {
        ctx.error(
            ValidationCodes.INVALID_PREVIEW_FEATURES,
            "Expected a string value, but received " + ValidationContext.describe(item) + ".",
            item.span());
      }
    }
  }

  /** Checked once the provider is known: which features exist depends on it. */
  void checkPreviewFeatures() {
    if (ctx.unsupportedProvider) {
      return;
    }
    for (ConfigBlock generator : ctx.schema.generators()) {
      Optional<Expression> value = generator.property("previewFeatures").flatMap(ConfigProperty::value);
      if (value.isEmpty()) {
        continue;
      }
      List<Expression> items = value.get() instanceof ArrayExpression a ? a.elements() : List.of(value.get());
      for (Expression item : items) {
        if (!(item instanceof StringLiteral s)) {
          continue;
        }
        String feature = s.value();
        if (ACTIVE_PREVIEW_FEATURES.contains(feature)) {
          continue;
        }
        if (feature.equals("fullTextSearch")) {
          ctx.warning(
              ValidationCodes.DEPRECATED_PREVIEW_FEATURE,
              "On `provider = \"postgresql\"`, preview feature \"fullTextSearch\" has been renamed to \"fullTextSearchPostgres\". Learn more at https://pris.ly/d/fts-postgres.",
              value.get().span());
        } else if (REMOVED_PREVIEW_FEATURES.contains(feature)) {
          ctx.warning(
              ValidationCodes.DEPRECATED_PREVIEW_FEATURE,
              "Preview feature \"" + feature + "\" is deprecated. It will be removed in a future version of Prisma.",
              value.get().span());
        } else if (STABILIZED_PREVIEW_FEATURES.contains(feature)) {
          ctx.warning(
              ValidationCodes.DEPRECATED_PREVIEW_FEATURE,
              "Preview feature \"" + feature + "\" is deprecated. The functionality can be used without specifying it as a preview feature.",
              value.get().span());
        } else {
          ctx.error(
              ValidationCodes.UNKNOWN_PREVIEW_FEATURE,
              "The preview feature \"" + feature + "\" is not known. Expected one of: " + String.join(", ", ACTIVE_PREVIEW_FEATURES),
              value.get().span());
        }
      }
    }
  }

  private void checkPropertiesHaveValues(ConfigBlock block, String kind) {
    Set<String> seen = new HashSet<>();
    for (ConfigProperty p : block.properties()) {
      // A property without a value ("key =") is reported by the parser.
      if (!seen.add(p.key().name())) {
        ctx.error(
            ValidationCodes.DUPLICATE_PROPERTY,
            "Key \"" + p.key().name() + "\" is already defined in " + kind + " \"" + block.name().name() + "\".",
            p.key().span());
      }
    }
  }

  // ---- datasource ----

  private void validateDatasource(ConfigBlock ds) {
    ctx.datasourceName = Optional.of(ds.name().name());
    checkPropertiesHaveValues(ds, "datasource");

    Optional<ConfigProperty> provider = ds.property("provider");
    if (provider.isEmpty()) {
      ctx.error(
          ValidationCodes.PROVIDER_MISSING,
          "Argument \"provider\" is missing in data source block \"" + ds.name().name() + "\".",
          ds.span());
    } else if (provider.get().value().isPresent()) {
      Expression value = provider.get().value().get();
      if (value instanceof StringLiteral s) {
        readProvider(s);
      } else if (value instanceof FunctionCall f && f.name().name().equals("env")) {
        ctx.error(
            ValidationCodes.PROVIDER_NOT_LITERAL,
            "A datasource must not use the env() function in the provider argument.",
            value.span());
      } else {
        ctx.error(
            ValidationCodes.PROVIDER_NOT_LITERAL,
            "Expected a string value, but received " + ValidationContext.describe(value) + ".",
            value.span());
      }
    }

    for (ConfigProperty p : ds.properties()) {
      String key = p.key().name();
      if (key.equals("previewFeatures")) {
        ctx.error(
            ValidationCodes.PREVIEW_FEATURES_IN_DATASOURCE,
            "Preview features are only supported in the generator block. Please move this field to the generator block.",
            p.span());
      } else if (!DATASOURCE_PROPERTIES.contains(key)) {
        ctx.error(ValidationCodes.UNKNOWN_PROPERTY, "Property not known: \"" + key + "\".", p.span());
      }
    }

    Map<String, Expression> urls = new HashMap<>();
    for (String key : List.of("url", "directUrl", "shadowDatabaseUrl")) {
      // Prisma 7 rejects these; Prisma 6 projects have them and Strata still reads them, with
      // Prisma 7's guidance as a warning (docs/conformance.md, "Deliberate differences").
      ds.property(key).filter(p -> !ctx.unsupportedProvider).ifPresent(p -> ctx.warning(
          ValidationCodes.URL_IN_SCHEMA,
          "Prisma 7 no longer supports the datasource property `" + key + "` in schema files (Strata still reads it). Move "
              + (key.equals("url") ? "connection URLs for Migrate" : "connection URLs")
              + " to `prisma.config.ts`. See https://pris.ly/d/config-datasource",
          p.span()));
      ds.property(key).flatMap(ConfigProperty::value).ifPresent(v -> {
        if (checkUrl(key, v)) {
          urls.put(key, v);
        }
      });
    }
    Expression shadow = urls.get("shadowDatabaseUrl");
    if (shadow instanceof StringLiteral shadowUrl) {
      for (String other : List.of("directUrl", "url")) {
        if (urls.get(other) instanceof StringLiteral o && o.value().equals(shadowUrl.value())) {
          ctx.error(
              ValidationCodes.SHADOW_URL_SAME,
              "shadowDatabaseUrl is the same as " + other + " for datasource \"" + ds.name().name()
                  + "\". Please specify a different database as shadow database to avoid data loss.",
              o.span());
        }
      }
    }

    readRelationMode(ds);
    if (ctx.unsupportedProvider) {
      return;
    }
    ds.property("schemas").flatMap(ConfigProperty::value).ifPresent(this::readSchemas);
    ds.property("extensions").ifPresent(p -> {
      if (!ctx.hasPreview("postgresqlExtensions")) {
        ctx.error(
            ValidationCodes.EXTENSIONS_NEED_PREVIEW,
            "The `extensions` property is only available with the `postgresqlExtensions` preview feature.",
            p.span());
      } else {
        p.value().ifPresent(this::checkExtensions);
      }
    });
  }

  private void readProvider(StringLiteral s) {
    String provider = s.value();
    ctx.provider = Optional.of(provider);
    if (provider.equals("postgresql") || provider.equals("postgres")) {
      return;
    }
    ctx.unsupportedProvider = true;
    String message =
        OTHER_PROVIDERS.contains(provider.toLowerCase(Locale.ROOT))
            ? "The datasource provider \"" + provider + "\" is not supported yet by Strata (only postgresql)."
            : "Datasource provider not known: \"" + provider + "\". Strata supports only postgresql.";
    ctx.error(
        ValidationCodes.UNSUPPORTED_PROVIDER,
        message,
        s.span(),
        "use provider = \"postgresql\"; Strata validates and migrates PostgreSQL schemas only");
  }

  /** Checks a URL property; returns true when it is well formed. */
  private boolean checkUrl(String key, Expression value) {
    if (value instanceof StringLiteral s) {
      String url = s.value();
      int colon = url.indexOf("://");
      // Prisma checks the scheme only when it connects; we catch the obvious mix-up (a URL for
      // another database) early, and leave scheme-less placeholders alone as Prisma does.
      if (!ctx.unsupportedProvider && colon > 0) {
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!Set.of("postgres", "postgresql", "prisma+postgres").contains(scheme)) {
          ctx.error(
              ValidationCodes.INVALID_URL,
              "Error validating datasource `" + ctx.datasourceName.orElse("db") + "`: the URL must start with the protocol `postgresql://` or `postgres://`.",
              s.span());
          return false;
        }
      }
      return true;
    }
    if (value instanceof FunctionCall f && f.name().name().equals("env")) {
      List<Argument> args = f.arguments().arguments();
      boolean oneArg = args.size() == 1 && args.get(0).value().orElse(null) instanceof StringLiteral;
      if (!oneArg) {
        ctx.error(ValidationCodes.INVALID_ENV_CALL, "The env function expects a singular, unnamed, string argument.", f.span());
        return false;
      }
      if (args.get(0).name().isPresent()) {
        ctx.warning(ValidationCodes.ENV_NAMED_ARGUMENT, "The env function doesn't expect named arguments", args.get(0).span());
      }
      return true;
    }
    ctx.error(
        ValidationCodes.INVALID_URL,
        "Expected a string value, but received " + ValidationContext.describe(value) + ".",
        value.span());
    return false;
  }

  private void readRelationMode(ConfigBlock ds) {
    Optional<ConfigProperty> mode = ds.property("relationMode");
    Optional<ConfigProperty> legacy = ds.property("referentialIntegrity");
    legacy.ifPresent(p -> ctx.warning(
        ValidationCodes.REFERENTIAL_INTEGRITY_DEPRECATED,
        "The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. Learn more at https://pris.ly/d/relation-mode",
        p.span()));
    if (mode.isPresent() && legacy.isPresent()) {
      ctx.error(
          ValidationCodes.RELATION_MODE_CONFLICT,
          "The `referentialIntegrity` and `relationMode` attributes cannot be used together. Please use only `relationMode` instead.",
          legacy.get().span());
    }
    Optional<ConfigProperty> effective = mode.isPresent() ? mode : legacy;
    effective.flatMap(ConfigProperty::value).ifPresent(v -> {
      if (v instanceof StringLiteral s && (s.value().equals("prisma") || s.value().equals("foreignKeys"))) {
        ctx.relationModePrisma = s.value().equals("prisma");
      } else {
        String shown = v instanceof StringLiteral s ? s.value() : v.render();
        ctx.error(
            ValidationCodes.INVALID_RELATION_MODE,
            "Invalid relation mode setting: \"" + shown + "\". Supported values: \"foreignKeys\", \"prisma\"",
            v.span());
      }
    });
  }

  private void readSchemas(Expression value) {
    List<Expression> items = value instanceof ArrayExpression a ? a.elements() : List.of(value);
    if (items.isEmpty()) {
      ctx.error(ValidationCodes.INVALID_SCHEMAS, "If provided, the schemas array can not be empty.", value.span());
    }
    List<String> names = new ArrayList<>();
    Map<String, StringLiteral> first = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (Expression item : items) {
      if (item instanceof StringLiteral s) {
        StringLiteral earlier = first.putIfAbsent(s.value(), s);
        if (earlier != null) {
          if (reported.add(s.value())) {
            ctx.error(ValidationCodes.DUPLICATE_SCHEMA, "Duplicated schema names are not allowed", earlier.span());
          }
        } else {
          names.add(s.value());
        }
      } else {
        ctx.error(
            ValidationCodes.INVALID_SCHEMAS,
            "Expected a string value, but received " + ValidationContext.describe(item) + ".",
            item.span());
      }
    }
    ctx.schemas = Optional.of(List.copyOf(names));
  }

  private void checkExtensions(Expression value) {
    List<Expression> items = value instanceof ArrayExpression a ? a.elements() : List.of(value);
    for (Expression item : items) {
      String name;
      List<Argument> args;
      if (item instanceof ConstantValue c) {
        name = c.name();
        args = List.of();
      } else if (item instanceof FunctionCall f) {
        name = f.name().name();
        args = f.arguments().arguments();
      } else {
        ctx.error(
            ValidationCodes.INVALID_EXTENSION,
            "Expected a constant or function value, but received " + ValidationContext.describe(item) + ".",
            item.span());
        continue;
      }
      for (char ch : name.toCharArray()) {
        if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
          ctx.error(
              ValidationCodes.INVALID_EXTENSION,
              "Error validating: The character `" + ch + "` is not allowed in extension names.",
              item.span());
          break;
        }
      }
      Set<String> seen = new HashSet<>();
      for (Argument arg : args) {
        if (arg.name().isEmpty()) {
          ctx.error(ValidationCodes.INVALID_EXTENSION, "Error validating: The argument must have a name", arg.span());
          continue;
        }
        String argName = arg.name().get().name();
        if (!EXTENSION_ARGUMENTS.contains(argName)) {
          ctx.error(ValidationCodes.INVALID_EXTENSION, "Argument not known: \"" + argName + "\".", arg.span());
          continue;
        }
        if (!seen.add(argName)) {
          ctx.error(
              ValidationCodes.INVALID_EXTENSION,
              "Error validating: The argument `" + argName + "` can only be defined once",
              arg.span());
          continue;
        }
        Optional<Expression> v = arg.value();
        if (v.isEmpty() || !(v.get() instanceof StringLiteral)) {
          v.ifPresent(e -> ctx.error(
              ValidationCodes.INVALID_EXTENSION,
              "Expected a string value, but received " + ValidationContext.describe(e) + ".",
              e.span()));
          ctx.error(
              ValidationCodes.INVALID_EXTENSION,
              "Error validating: The `" + argName + "` argument must be a string literal",
              arg.span());
        }
      }
    }
  }
}
