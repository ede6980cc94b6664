package io.sedna4j.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that models only part of a Kubernetes type. Fields it does not name are valid Kubernetes fields we
 * have no use for: they are kept without a warning. On every other type an unknown field is most likely a typo and
 * the validator says so.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KubernetesSubset {
}
