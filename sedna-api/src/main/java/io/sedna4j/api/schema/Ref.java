package io.sedna4j.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The field holds the name of another resource of this kind, looked up in the referring resource's namespace. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Ref {
    /** The kind referred to, e.g. {@code "Model"}. */
    String value();
}
