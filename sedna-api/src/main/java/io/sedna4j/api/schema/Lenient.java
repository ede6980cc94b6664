package io.sedna4j.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field Sedna's CRD requires but Sedna's own samples leave out, and that Sedna4J can do without. Missing, it
 * draws a warning (a Kubernetes API server would reject the manifest) instead of an error.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Lenient {
    /** What Sedna4J does without the field. */
    String value();
}
