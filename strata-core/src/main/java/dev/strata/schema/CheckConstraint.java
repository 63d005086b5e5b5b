package dev.strata.schema;

/** A {@code CHECK} constraint (introspected; Prisma schemas cannot declare them). */
public record CheckConstraint(String name, String expression) {}
